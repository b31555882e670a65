/**
 * `atelier plan DOMAIN PROBLEM [-o FILE] [--time-limit S] [--memory-limit MB] [--anytime]
 * [--optimal] [--json] [--progress] [--quiet]`: prints one `(action arg...)` per line and
 * `; cost = N (unit cost|general cost)`. Exit codes (Fast Downward's bands): 0 plan found,
 * 10 proven unsolvable, 11 time or memory limit reached, 2 bad input; interrupted by SIGINT or
 * SIGTERM without a plan: 130 / 143, after a last line saying what was reached.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Command } from 'commander';
import { UserError } from '../errors.js';
import { formatPlan, loadDomainFile, loadProblemFile } from '../pddl/index.js';
import { defaultMemoryLimitMb, plan } from '../planner/index.js';
import type { PlanStep } from '../pddl/index.js';
import type { PlanResult, SearchProgress } from '../planner/index.js';
import { endQuietlyOnClosedPipe, reportUserError, writeFileAtomically } from './process-io.js';
import { describeProgress, progressPrinter } from './progress.js';

interface PlanCliOptions {
  output?: string;
  timeLimit?: string;
  memoryLimit?: string;
  anytime?: boolean;
  optimal?: boolean;
  json?: boolean;
  progress?: boolean;
  quiet?: boolean;
}

export const EXIT_SOLVED = 0;
export const EXIT_UNSOLVABLE = 10;
export const EXIT_LIMIT = 11;
const SIGNAL_EXIT: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };

function parseSeconds(text: string): number {
  const s = Number(text);
  if (!Number.isFinite(s) || s <= 0)
    throw new UserError(`--time-limit expects a positive number of seconds, got '${text}'`, {
      code: 'CLI_BAD_OPTION',
      hint: 'e.g. --time-limit 60',
    });
  return s;
}

/** `512`, `512M` or `4G`, in MB. */
function parseMegabytes(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([mg]b?)?$/i.exec(text.trim());
  const n = m === null ? NaN : Number(m[1]) * (m[2]?.[0]?.toLowerCase() === 'g' ? 1024 : 1);
  if (!Number.isFinite(n) || n <= 0)
    throw new UserError(`--memory-limit expects a positive number of MB, got '${text}'`, {
      code: 'CLI_BAD_OPTION',
      hint: 'e.g. --memory-limit 2048 or --memory-limit 2G',
    });
  return n;
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

function summary(r: PlanResult, memoryLimitMb: number): string {
  const s = r.stats;
  const work = `${s.expansions} expansions, ${s.groundActions} actions, ${seconds(s.groundingMs + s.searchMs)}`;
  if (r.status === 'solved') return `plan found: ${r.plan.length} steps, cost ${r.cost}; ${work}`;
  if (r.status === 'unsolvable') return `no plan exists (search space exhausted); ${work}`;
  if (r.reason === 'memory' && r.phase === 'grounding')
    return `memory limit during grounding: ${s.groundActions} ground actions (limit ${memoryLimitMb} MB); ${seconds(s.groundingMs)}`;
  const why = { time: 'time limit reached', memory: 'memory limit reached', aborted: 'aborted' };
  return `no plan found: ${why[r.reason]}${r.reason === 'memory' ? ` (limit ${memoryLimitMb} MB)` : ''}; ${work}`;
}

/** What a result reached, as progress (for the last line after an interruption). */
function reached(r: PlanResult): SearchProgress {
  const s = r.stats;
  const p: SearchProgress = {
    phase: r.status === 'limit' ? r.phase : 'search',
    groundActions: s.groundActions,
    expansions: s.expansions,
    evaluations: s.evaluations,
    bestH: s.bestH ?? Infinity,
    elapsedMs: s.groundingMs + s.searchMs,
    plansFound: s.plansFound,
  };
  if (r.status === 'solved') p.bestCost = r.cost;
  return p;
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

/** SIGINT / SIGTERM abort the run (it ends within milliseconds); `received` names the signal. */
function onSignals(controller: AbortController): { received?: string; remove(): void } {
  const state: { received?: string; remove(): void } = { remove: () => {} };
  const handler = (sig: NodeJS.Signals): void => {
    state.received ??= sig;
    controller.abort();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  state.remove = () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
  return state;
}

function printResult(r: PlanResult & { status: 'solved' }, opts: PlanCliOptions): void {
  const text = formatPlan(r.plan, r.cost, r.unitCost);
  if (opts.output !== undefined) writeFileAtomically(opts.output, text, 'plan');
  if (opts.json) {
    const steps = r.plan.map((s) => `(${[s.action, ...s.args].join(' ')})`);
    process.stdout.write(
      `${JSON.stringify({ status: r.status, plan: steps, cost: r.cost, unitCost: r.unitCost, stats: r.stats })}\n`,
    );
  } else if (opts.output === undefined) process.stdout.write(text);
}

/** Plans `problemPath` for `domainPath` as the options say; prints the result and sets the exit code. */
export async function runPlan(
  domainPath: string,
  problemPath: string,
  opts: PlanCliOptions,
): Promise<void> {
  const timeLimitMs =
    opts.timeLimit === undefined ? undefined : parseSeconds(opts.timeLimit) * 1000;
  const memoryLimitMb =
    opts.memoryLimit === undefined ? defaultMemoryLimitMb() : parseMegabytes(opts.memoryLimit);
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
  const controller = new AbortController();
  const signals = onSignals(controller);
  try {
    const domain = loadDomainFile(domainPath);
    const problem = loadProblemFile(problemPath, domain);
    const show = !opts.quiet && (opts.progress === true || process.stderr.isTTY === true);
    const printer = show
      ? progressPrinter({
          write: (t) => process.stderr.write(t),
          now: () => performance.now(),
          live: process.stderr.isTTY === true,
        })
      : undefined;
    const result = await plan(domain, problem, {
      ...(timeLimitMs === undefined ? {} : { timeLimitMs }),
      memoryLimitMb,
      signal: controller.signal,
      ...(opts.anytime ? { anytime: true } : {}),
      ...(opts.optimal ? { optimal: true } : {}),
      ...(printer ? { onProgress: (p: SearchProgress) => printer.update(p) } : {}),
      // An anytime run writes each better plan at once: a run killed later keeps it.
      ...(opts.anytime && opts.output !== undefined
        ? {
            onPlan: (p: PlanStep[], cost: number) =>
              writeFileAtomically(
                opts.output!,
                formatPlan(p, cost, problem.metric === undefined),
                'plan',
              ),
          }
        : {}),
    });
    printer?.end();
    report(result, opts, memoryLimitMb, signals.received);
    if (!opts.quiet && result.status !== 'solved' && !signals.received)
      await noteLeftOut(domainPath);
  } finally {
    signals.remove();
  }
}

function report(r: PlanResult, opts: PlanCliOptions, memoryLimitMb: number, signal?: string): void {
  if (!opts.quiet) {
    if (signal !== undefined) {
      const plan = r.status === 'solved' ? '; the best plan so far follows' : '';
      process.stderr.write(
        `interrupted by ${signal} after ${seconds(r.stats.groundingMs + r.stats.searchMs)}: ${describeProgress(reached(r))}${plan}\n`,
      );
    } else process.stderr.write(`${summary(r, memoryLimitMb)}\n`);
  }
  if (r.status === 'solved') {
    printResult(r, opts);
    process.exitCode = EXIT_SOLVED;
    return;
  }
  if (opts.json)
    process.stdout.write(
      `${JSON.stringify({ status: r.status, plan: null, cost: null, stats: r.stats, ...(r.status === 'limit' ? { reason: r.reason, phase: r.phase } : {}) })}\n`,
    );
  if (signal !== undefined) process.exitCode = SIGNAL_EXIT[signal] ?? 130;
  else process.exitCode = r.status === 'unsolvable' ? EXIT_UNSOLVABLE : EXIT_LIMIT;
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
        'memory-limit': { type: 'string' },
        progress: { type: 'boolean' },
        anytime: { type: 'boolean' },
        optimal: { type: 'boolean' },
        json: { type: 'boolean' },
        quiet: { type: 'boolean' },
      },
    });
    if (positionals.length !== 2) return undefined;
    const { output, anytime, optimal, json, quiet, progress } = values;
    const { 'time-limit': timeLimit, 'memory-limit': memoryLimit } = values;
    const opts: PlanCliOptions = {
      ...(output === undefined ? {} : { output }),
      ...(timeLimit === undefined ? {} : { timeLimit }),
      ...(memoryLimit === undefined ? {} : { memoryLimit }),
      ...(anytime ? { anytime } : {}),
      ...(optimal ? { optimal } : {}),
      ...(json ? { json } : {}),
      ...(progress ? { progress } : {}),
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
    .option(
      '--memory-limit <MB>',
      'stop when memory passes this many MB, e.g. 2048 or 2G (exit 11; default: the JS heap limit)',
    )
    .option('--anytime', 'keep improving the plan until the time limit')
    .option('--optimal', 'find a cost-optimal plan (A* with h_max)')
    .option('--json', 'print {plan, cost, stats} as JSON')
    .option('--progress', 'progress lines on stderr every second (the default on a terminal)')
    .option('--quiet', 'no progress or summary on stderr')
    .exitOverride()
    .showHelpAfterError()
    .action(runPlan);
}
