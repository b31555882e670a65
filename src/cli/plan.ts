/**
 * `atelier plan DOMAIN PROBLEM [-o FILE] [--time-limit S] [--anytime] [--optimal] [--json] [--quiet]`:
 * prints one `(action arg...)` per line and `; cost = N (unit cost|general cost)`.
 * Exit codes (Fast Downward's bands): 0 plan found, 10 proven unsolvable, 11 time or
 * memory limit reached, 2 bad input.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Command } from 'commander';
import { UserError } from '../errors.js';
import { formatPlan, loadDomainFile, loadProblemFile } from '../pddl/index.js';
import { plan } from '../planner/index.js';
import { endQuietlyOnClosedPipe, reportUserError } from './process-io.js';
import type { PlanResult, SearchProgress } from '../planner/index.js';

interface PlanCliOptions {
  output?: string;
  timeLimit?: string;
  anytime?: boolean;
  optimal?: boolean;
  json?: boolean;
  quiet?: boolean;
}

export const EXIT_SOLVED = 0;
export const EXIT_UNSOLVABLE = 10;
export const EXIT_LIMIT = 11;

/** Writes `text` to `path` through a temporary file and a rename: never half-written. */
function writeAtomically(path: string, text: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new UserError(`cannot write the plan to '${path}': ${(err as Error).message}`, {
      code: 'CLI_OUTPUT_UNWRITABLE',
      hint: 'check that the directory exists and is writable',
    });
  }
}

function parseSeconds(text: string): number {
  const s = Number(text);
  if (!Number.isFinite(s) || s <= 0)
    throw new UserError(`--time-limit expects a positive number of seconds, got '${text}'`, {
      code: 'CLI_BAD_OPTION',
      hint: 'e.g. --time-limit 60',
    });
  return s;
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

function summary(r: PlanResult): string {
  const s = r.stats;
  const work = `${s.expansions} expansions, ${s.groundActions} actions, ${seconds(s.groundingMs + s.searchMs)}`;
  if (r.status === 'solved') return `plan found: ${r.plan.length} steps, cost ${r.cost}; ${work}`;
  if (r.status === 'unsolvable') return `no plan exists (search space exhausted); ${work}`;
  return `no plan found: ${r.reason === 'time' ? 'time limit reached' : r.reason === 'memory' ? 'memory limit reached' : 'aborted'}; ${work}`;
}

/** A domain learned by `atelier learn` names the actions it left out: a plan may have needed them. */
async function noteLeftOut(domainPath: string): Promise<void> {
  const { actionsLeftOut } = await import('../learn/index.js');
  const left = actionsLeftOut(readFileSync(domainPath, 'utf8'));
  if (left.length === 0) return;
  const them = left.length === 1 ? 'it' : 'them';
  process.stderr.write(
    `note: this domain was learned (atelier learn) without ${left.join(', ')}: a plan may need ${them}; learn from trajectories that use ${them}\n`,
  );
}

/** Plans `problemPath` for `domainPath` as the options say; prints the result and sets the exit code. */
export async function runPlan(
  domainPath: string,
  problemPath: string,
  opts: PlanCliOptions,
): Promise<void> {
  const timeLimitMs =
    opts.timeLimit === undefined ? undefined : parseSeconds(opts.timeLimit) * 1000;
  if (opts.anytime && opts.optimal)
    throw new UserError('--anytime and --optimal cannot be combined', {
      code: 'CLI_BAD_OPTION',
      hint: '--optimal already returns the best plan',
    });
  if (opts.anytime && timeLimitMs === undefined)
    throw new UserError('--anytime needs --time-limit', {
      code: 'CLI_BAD_OPTION',
      hint: 'e.g. --anytime --time-limit 60',
    });
  const domain = loadDomainFile(domainPath);
  const problem = loadProblemFile(problemPath, domain);
  const live = process.stderr.isTTY && !opts.quiet;
  const onProgress = live
    ? (p: SearchProgress): void => {
        const cost = p.bestCost === undefined ? '' : `, best cost ${p.bestCost}`;
        process.stderr.write(
          `\r\x1b[K${p.expansions} expansions, best h ${Number.isFinite(p.bestH) ? p.bestH : '-'}${cost}, ${seconds(p.elapsedMs)}`,
        );
      }
    : undefined;
  const result = await plan(domain, problem, {
    ...(timeLimitMs === undefined ? {} : { timeLimitMs }),
    ...(opts.anytime ? { anytime: true } : {}),
    ...(opts.optimal ? { optimal: true } : {}),
    ...(onProgress ? { onProgress } : {}),
  });
  if (live) process.stderr.write('\r\x1b[K');
  if (!opts.quiet) process.stderr.write(`${summary(result)}\n`);
  if (!opts.quiet && result.status !== 'solved') await noteLeftOut(domainPath);
  if (result.status === 'solved') {
    const text = formatPlan(result.plan, result.cost, result.unitCost);
    if (opts.output !== undefined) writeAtomically(opts.output, text);
    if (opts.json) {
      const steps = result.plan.map((s) => `(${[s.action, ...s.args].join(' ')})`);
      process.stdout.write(
        `${JSON.stringify({ status: result.status, plan: steps, cost: result.cost, unitCost: result.unitCost, stats: result.stats })}\n`,
      );
    } else if (opts.output === undefined) process.stdout.write(text);
    process.exitCode = EXIT_SOLVED;
    return;
  }
  if (opts.json)
    process.stdout.write(
      `${JSON.stringify({ status: result.status, plan: null, cost: null, stats: result.stats, ...(result.status === 'limit' ? { reason: result.reason } : {}) })}\n`,
    );
  process.exitCode = result.status === 'unsolvable' ? EXIT_UNSOLVABLE : EXIT_LIMIT;
}

/**
 * The arguments of `atelier plan` when they are plain (two files and known options,
 * as the benchmark passes them), read without loading commander, which costs ~10 ms
 * of start-up per run. Anything else (help, an unknown or malformed option, a wrong
 * number of files) gives undefined, and commander parses and reports it as usual.
 */
export function plainPlanArgs(
  args: string[],
): { domain: string; problem: string; opts: PlanCliOptions } | undefined {
  if (args.some((a) => a === '--' || a === '-')) return undefined;
  try {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        output: { type: 'string', short: 'o' },
        'time-limit': { type: 'string' },
        anytime: { type: 'boolean' },
        optimal: { type: 'boolean' },
        json: { type: 'boolean' },
        quiet: { type: 'boolean' },
      },
    });
    if (positionals.length !== 2) return undefined;
    const { output, 'time-limit': timeLimit, anytime, optimal, json, quiet } = values;
    const opts: PlanCliOptions = {
      ...(output === undefined ? {} : { output }),
      ...(timeLimit === undefined ? {} : { timeLimit }),
      ...(anytime ? { anytime } : {}),
      ...(optimal ? { optimal } : {}),
      ...(json ? { json } : {}),
      ...(quiet ? { quiet } : {}),
    };
    return { domain: positionals[0]!, problem: positionals[1]!, opts };
  } catch {
    return undefined;
  }
}

/**
 * Runs a plain `atelier plan ...` (see plainPlanArgs) as the CLI would, user errors and a
 * closed pipe included; false, having done nothing, when the arguments need commander.
 */
export async function runPlainPlan(args: string[]): Promise<boolean> {
  const plain = plainPlanArgs(args);
  if (!plain) return false;
  endQuietlyOnClosedPipe();
  try {
    await runPlan(plain.domain, plain.problem, plain.opts);
  } catch (err) {
    reportUserError(err);
  }
  return true;
}

/** The commander command; main.ts passes the class so that the plain path above never loads commander. */
export function planCommand(CommandClass: typeof Command): Command {
  return new CommandClass('plan')
    .description('Find a plan for a PDDL problem (LAMA-style greedy search; --optimal for A*)')
    .argument('<domain>', 'PDDL domain file')
    .argument('<problem>', 'PDDL problem file')
    .option('-o, --output <file>', 'write the plan to a file (atomically) instead of stdout')
    .option('--time-limit <seconds>', 'stop after this many seconds (exit 11)')
    .option('--anytime', 'keep improving the plan until the time limit')
    .option('--optimal', 'find a cost-optimal plan (A* with h_max)')
    .option('--json', 'print {plan, cost, stats} as JSON')
    .option('--quiet', 'no progress or summary on stderr')
    .exitOverride()
    .showHelpAfterError()
    .action(runPlan);
}
