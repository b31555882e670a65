/**
 * `atelier run MISSION`: plan, show the plan, run the steps live (agent, action,
 * status, time), re-plan when the world surprises the team, summarize and write a
 * Markdown report. Exit 0 when the goal is reached, 1 when the mission fails, 2 for a
 * bad mission or bad flags.
 */
import { Command, InvalidArgumentError } from 'commander';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { UserError } from '../errors.js';
import { HOW_TO_CONFIGURE_MODEL, modelFromEnv } from '../models/index.js';
import { teamModel } from './team-model.js';
import {
  describeEvent,
  describePlan,
  findEvent,
  loadMission,
  markdownReport,
  parseGoal,
  readEvents,
  resumeRun,
  startRun,
  summaryLines,
  translateGoal,
} from '../team/index.js';
import type {
  ApprovalDecision,
  ApprovalRequest,
  LoopOptions,
  Mission,
  RunEvent,
  RunHandle,
  RunStore,
  RunSummary,
} from '../team/index.js';
import { DEFAULT_DB_PATH, openRunStore } from '../store/index.js';

export function intOption(what: string, min = 0) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min)
      throw new InvalidArgumentError(`${what} must be an integer >= ${min}`);
    return n;
  };
}

function numberOption(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected a number >= 0');
  return n;
}

export interface RunCliOptions {
  db?: string;
  json?: boolean;
  approveAll?: boolean;
  autoApprove?: boolean;
  concurrency?: number;
  timeScale?: number;
  maxReplans?: number;
  /** A path, or true/undefined for the default path, or false for none. */
  report?: string | boolean;
}

let closePrompt: () => void = () => {};

/**
 * No step is approved without consent: when the mission has a tool that needs approval,
 * stdin is not a terminal (nobody to ask) and no approval flag was given, the run is
 * refused before it starts (exit 2).
 */
export function requireApprovalConsent(
  mission: Mission,
  opts: RunCliOptions,
  command: 'run' | 'resume',
): void {
  if (opts.approveAll === true || opts.autoApprove === true || process.stdin.isTTY === true) return;
  const needing = [...mission.tools.values()].filter((t) => t.needsApproval).map((t) => t.name);
  if (needing.length === 0) return;
  throw new UserError(
    `mission '${mission.name}' has steps that need approval (${needing.join(', ')}) and there is no terminal to ask on`,
    {
      hint: `pass --approve-all to approve them all (atelier ${command} ... --approve-all), or run in a terminal to answer each one`,
    },
  );
}

/** How approvals are answered: with the flag automatically, otherwise a prompt on the terminal. */
function approver(opts: RunCliOptions): LoopOptions['approve'] {
  if (opts.approveAll === true || opts.autoApprove === true) return 'auto';
  // --json keeps stdout for events: the question goes to stderr.
  const ask = (s: string): void => {
    (opts.json === true ? process.stderr : process.stdout).write(s);
  };
  // One reader for the whole run: answers typed ahead are queued, not lost; when the input
  // ends, the remaining questions are answered "no" (never approve without an answer).
  let rl: ReturnType<typeof createInterface> | undefined;
  const lines: string[] = [];
  let waiting: ((line: string | null) => void) | undefined;
  let ended = false;
  closePrompt = () => rl?.close();
  const nextLine = (): Promise<string | null> => {
    if (rl === undefined) {
      rl = createInterface({ input: process.stdin, terminal: false });
      rl.on('line', (l) => {
        if (waiting) {
          const w = waiting;
          waiting = undefined;
          w(l);
        } else lines.push(l);
      });
      rl.on('close', () => {
        ended = true;
        waiting?.(null);
        waiting = undefined;
      });
    }
    if (lines.length > 0) return Promise.resolve(lines.shift()!);
    if (ended) return Promise.resolve(null);
    return new Promise((res) => {
      waiting = res;
    });
  };
  return async (req: ApprovalRequest): Promise<ApprovalDecision> => {
    ask(
      `   approve ${req.stepId} (${[req.action, ...req.args].join(' ')}) by ${req.agent}? [y/N] `,
    );
    const line = await nextLine();
    if (line === null) {
      ask('\n');
      return { approved: false, by: 'cli', reason: 'no answer (input closed)' };
    }
    const answer = line.trim().toLowerCase();
    const approved = answer === 'y' || answer === 'yes';
    return approved
      ? { approved, by: 'cli' }
      : {
          approved,
          by: 'cli',
          reason: ['', 'n', 'no'].includes(answer) ? 'declined at the prompt' : answer,
        };
  };
}

/** Follows a run on stdout until it finishes; writes the report; sets the exit code. */
export async function followRun(
  store: RunStore,
  dbPath: string,
  start: (
    onEvent: (e: RunEvent) => void,
    approve: LoopOptions['approve'],
    signal: AbortSignal,
  ) => Promise<RunHandle>,
  opts: RunCliOptions,
): Promise<RunSummary> {
  const out = (s: string): void => {
    process.stdout.write(`${s}\n`);
  };
  const print = opts.json === true ? (): void => {} : out;
  const t0 = Date.now();
  const onEvent = (e: RunEvent): void => {
    if (opts.json === true) {
      out(JSON.stringify(e));
      return;
    }
    const line = describeEvent(e);
    if (line === undefined) return;
    const stamp = `+${((Date.now() - t0) / 1000).toFixed(2).padStart(6)}s`;
    if (e.type === 'plan.made') {
      out(`${stamp} ${line}`);
      for (const l of describePlan(e.data.steps)) out(l);
      return;
    }
    out(`${stamp} ${line}`);
  };
  const controller = new AbortController();
  const stop = (): void => controller.abort(new Error('interrupted'));
  process.once('SIGINT', stop);
  const handle = await start(onEvent, approver(opts), controller.signal);
  let summary: RunSummary;
  try {
    summary = await handle.done;
  } catch (err) {
    if (!controller.signal.aborted) throw err;
    // Ctrl-C: the log holds everything done so far; the run can be continued.
    process.stdout.write(
      `\ninterrupted; continue with: atelier resume ${handle.id}${opts.db === undefined ? '' : ` --db ${opts.db}`}\n`,
    );
    process.exitCode = 130;
    return {
      runId: handle.id,
      status: 'failed',
      steps: 0,
      replans: 0,
      elapsedMs: Date.now() - t0,
      reason: 'interrupted',
    };
  } finally {
    process.off('SIGINT', stop);
    closePrompt();
  }
  for (const line of summaryLines(await readEvents(store, handle.id))) print(line);
  if (opts.report !== false) {
    const path = resolve(
      typeof opts.report === 'string'
        ? opts.report
        : join(
            dirname(dbPath === ':memory:' ? DEFAULT_DB_PATH : dbPath),
            'reports',
            `${handle.id}.md`,
          ),
    );
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, await markdownReport(store, handle.id));
    print(`report: ${path}`);
  }
  if (opts.json === true) out(JSON.stringify({ summary }));
  process.exitCode = summary.status === 'succeeded' ? 0 : 1;
  return summary;
}

export function runCommand(): Command {
  return new Command('run')
    .description('Run a mission: plan, allocate, run steps in parallel, re-plan on surprises')
    .argument('<mission>', 'mission folder (holding mission.yaml)')
    .option('--db <file>', 'SQLite store of runs (default $ATELIER_DB or .atelier/atelier.db)')
    .option('--seed <n>', 'seed of the simulated world', intOption('--seed'), 1)
    .option(
      '--goal <goal>',
      'goal: PDDL such as "(and (announced paris))", or plain words (needs a model)',
    )
    .option('--json', 'print events as JSON lines, then the summary')
    .option('--approve-all', 'approve every step that needs approval')
    .option('--auto-approve', 'same as --approve-all')
    .option('--concurrency <n>', 'steps running at once', intOption('--concurrency', 1), 4)
    .option('--max-replans <n>', 'give up after this many re-plans', intOption('--max-replans'), 5)
    .option(
      '--time-scale <x>',
      'multiply simulated step durations (0 = no delays)',
      numberOption,
      1,
    )
    .option('--report <file>', 'where to write the Markdown report')
    .option('--no-report', 'do not write a report')
    .action(async (missionPath: string, opts: RunCliOptions & { seed: number; goal?: string }) => {
      const mission = await loadMission(missionPath);
      let goal: string | undefined = opts.goal;
      // A goal in PDDL is checked first: a mistake in it is the first thing to say.
      if (goal !== undefined && goal.trim().startsWith('('))
        parseGoal(mission.domain, mission.objects, goal);
      requireApprovalConsent(mission, opts, 'run');
      if (goal !== undefined && !goal.trim().startsWith('(')) {
        const model = modelFromEnv();
        if (model === undefined)
          throw new UserError(`a goal in words needs a model: ${HOW_TO_CONFIGURE_MODEL}`, {
            hint: 'or give the goal in PDDL: --goal "(and (announced paris))"',
          });
        const t = await translateGoal(model, mission, goal);
        if (opts.json !== true)
          process.stdout.write(
            `goal: ${t.text}  (from "${goal}", ${t.attempts} model answer${t.attempts === 1 ? '' : 's'})\n`,
          );
        goal = t.text;
      }
      const worker = teamModel(mission, opts.json === true);
      const dbPath = opts.db ?? process.env.ATELIER_DB ?? DEFAULT_DB_PATH;
      const store = openRunStore(dbPath);
      try {
        await followRun(
          store,
          dbPath,
          async (onEvent, approve, signal) =>
            startRun(mission, {
              ...worker,
              store,
              seed: opts.seed,
              onEvent,
              approve,
              signal,
              concurrency: opts.concurrency ?? 4,
              maxReplans: opts.maxReplans ?? 5,
              timeScale: opts.timeScale ?? 1,
              ...(goal === undefined ? {} : { goal }),
            }),
          opts,
        );
      } finally {
        await store.close();
      }
    });
}

export function resumeCommand(): Command {
  return new Command('resume')
    .description('Continue a run from its event log (steps recorded as done are not run again)')
    .argument('<run>', 'run id (see `atelier runs`)')
    .option('--db <file>', 'SQLite store of runs')
    .option('--json', 'print events as JSON lines, then the summary')
    .option('--approve-all', 'approve every step that needs approval')
    .option('--auto-approve', 'same as --approve-all')
    .option(
      '--time-scale <x>',
      'multiply simulated step durations (0 = no delays)',
      numberOption,
      1,
    )
    .option('--report <file>', 'where to write the Markdown report')
    .option('--no-report', 'do not write a report')
    .action(async (runId: string, opts: RunCliOptions) => {
      const dbPath = opts.db ?? process.env.ATELIER_DB ?? DEFAULT_DB_PATH;
      const store = openRunStore(dbPath);
      try {
        const stored = await store.getRun(runId);
        if (stored === undefined)
          throw new UserError(`no run '${runId}' in ${dbPath}`, {
            hint: 'list runs with `atelier runs`',
          });
        // A finished run has nothing to resume: say so first (exit 0), before asking for anything.
        const d = findEvent(await readEvents(store, runId), 'run.finished')?.data;
        if (d !== undefined) {
          process.stdout.write(
            `run ${runId} already finished (${d.status}: ${d.steps} steps, ${d.replans} re-plan${d.replans === 1 ? '' : 's'}); nothing to resume\n`,
          );
          return;
        }
        const o = stored.options as { concurrency?: number; maxReplans?: number };
        // Loaded here so that a missing consent is refused before the run is touched.
        const mission =
          stored.missionDir === null ? undefined : await loadMission(stored.missionDir);
        if (mission !== undefined) requireApprovalConsent(mission, opts, 'resume');
        await followRun(
          store,
          dbPath,
          (onEvent, approve, signal) =>
            resumeRun(store, runId, {
              ...teamModel(mission, opts.json === true),
              onEvent,
              approve,
              signal,
              timeScale: opts.timeScale ?? 1,
              ...(mission === undefined ? {} : { mission }),
              ...(o.concurrency === undefined ? {} : { concurrency: o.concurrency }),
              ...(o.maxReplans === undefined ? {} : { maxReplans: o.maxReplans }),
            }),
          opts,
        );
      } finally {
        await store.close();
      }
    });
}
