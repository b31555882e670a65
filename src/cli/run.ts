/**
 * `atelier run MISSION`: plan, show the plan, run the steps live (agent, action,
 * status, time), re-plan when the world surprises the team, summarize and write a
 * Markdown report. Exit 0 when the goal is reached, 1 when the mission fails, 2 for a
 * bad mission or bad flags.
 */
import { Command, InvalidArgumentError } from 'commander';
import { dirname, join, resolve } from 'node:path';
import { UserError, isStoreError } from '../errors.js';
import { HOW_TO_CONFIGURE_MODEL, modelFromEnv } from '../models/index.js';
import { teamModel } from './team-model.js';
import {
  describeEvent,
  describePlan,
  findEvent,
  getRun,
  loadMission,
  markdownReport,
  parseGoal,
  queueRun,
  readEvents,
  resumeRun,
  startRun,
  summaryLines,
  translateGoal,
} from '../team/index.js';
import type {
  LoopOptions,
  Mission,
  PlannedStep,
  RunEvent,
  RunHandle,
  RunStore,
  RunSummary,
} from '../team/index.js';
import { DEFAULT_DB_PATH, isPostgresUrl, openRunLog, storeTarget } from '../store/index.js';
import { writeFileAtomically } from './process-io.js';
import { runDisplay, terminalApprover } from './approval-prompt.js';
import { budgetFromOptions, budgetStopLine, withBudgetOptions } from './budget-options.js';
import type { BudgetCliOptions } from './budget-options.js';
import type { UsageCall } from '../team/index.js';

export function intOption(what: string, min = 0) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min)
      throw new InvalidArgumentError(`${what} must be an integer >= ${min}`);
    return n;
  };
}

export function numberOption(v: string): number {
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
  /** Record the run for a worker instead of running it here. */
  queue?: boolean;
}

/** `run --queue`: records the run for a worker and says how to follow it. */
async function queueAndSay(
  store: RunStore,
  mission: Mission,
  goal: string | undefined,
  opts: RunCliOptions & { seed: number },
): Promise<void> {
  const id = await queueRun(mission, {
    store,
    seed: opts.seed,
    concurrency: opts.concurrency ?? 4,
    maxReplans: opts.maxReplans ?? 5,
    timeScale: opts.timeScale ?? 1,
    approve: opts.approveAll === true || opts.autoApprove === true ? 'auto' : 'store',
    ...(goal === undefined ? {} : { goal }),
  });
  process.stdout.write(
    opts.json === true
      ? `${JSON.stringify({ queued: id })}\n`
      : `queued ${id}: an \`atelier worker\` on this store runs it (follow it: atelier show ${id})\n`,
  );
}

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
      code: 'RUN_NEEDS_APPROVAL',
      hint: `pass --approve-all to approve them all (atelier ${command} ... --approve-all), or run in a terminal to answer each one`,
    },
  );
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
  // Event lines wait while a [y/N] question does (the question goes to stderr with --json).
  const display = runDisplay((s) => process.stdout.write(s));
  let plan: PlannedStep[] | undefined;
  const prompt = terminalApprover(
    display,
    (s) => (opts.json === true ? process.stderr : process.stdout).write(s),
    async (req) =>
      (plan ?? (await getRun(store, req.runId))?.plans.at(-1)?.steps ?? [])
        .filter((s) => s.dependsOn.includes(req.stepId))
        .map((s) => s.id),
  );
  const t0 = Date.now();
  const onEvent = (e: RunEvent): void => {
    if (e.type === 'plan.made') plan = e.data.steps;
    if (opts.json === true) {
      display.line(JSON.stringify(e));
      return;
    }
    const line = describeEvent(e);
    if (line === undefined) return;
    const stamp = `+${((Date.now() - t0) / 1000).toFixed(2).padStart(6)}s`;
    display.line(`${stamp} ${line}`);
    if (e.type === 'plan.made') for (const l of describePlan(e.data.steps)) display.line(l);
  };
  const auto = opts.approveAll === true || opts.autoApprove === true;
  const controller = new AbortController();
  let runId: string | undefined;
  const resume = (): string =>
    `atelier resume ${runId ?? 'RUN'}${opts.db === undefined ? '' : ` --db ${opts.db}`}`;
  // Ctrl-C interrupts the run: it stops where its log is consistent and can be resumed. A
  // second Ctrl-C does not wait for that: the run is marked interrupted, and the hint given.
  let presses = 0;
  const onSigint = (): void => {
    if (++presses === 1)
      return void controller.abort(new Error('interrupted with Ctrl-C in the terminal'));
    display.release();
    // The store may be what hangs; resume works from the log whatever the status says.
    if (runId !== undefined) store.setStatus(runId, 'interrupted').catch(() => undefined);
    process.stdout.write(`\ninterrupted; continue with: ${resume()}\n`);
    process.exit(130);
  };
  process.on('SIGINT', onSigint);
  let handle: RunHandle;
  try {
    handle = await start(onEvent, auto ? 'auto' : prompt.approve, controller.signal);
  } catch (err) {
    process.off('SIGINT', onSigint);
    prompt.close();
    throw err;
  }
  runId = handle.id;
  let summary: RunSummary;
  try {
    summary = await handle.done;
  } catch (err) {
    // The run stopped before its end; its log holds what was done, and it can be resumed.
    const stopped = (reason: string): RunSummary => ({
      runId: handle.id,
      status: 'failed',
      steps: 0,
      replans: 0,
      elapsedMs: Date.now() - t0,
      reason,
    });
    display.release();
    const overBudget = budgetStopLine(err, resume());
    if (overBudget !== undefined) {
      // The budget ran out: the run is interrupted (its log says why) and can be resumed.
      process.stdout.write(`${overBudget}\n`);
      process.exitCode = 1;
      return stopped('budget exceeded');
    }
    if (!controller.signal.aborted) {
      // The store failed (a full disk, a lock held too long) or a bug: the run is
      // interrupted where its log is consistent; say what happened and how to go on.
      if (!(err instanceof UserError))
        process.stderr.write(`run ${handle.id} stopped; continue with: ${resume()}\n`);
      if (!(err instanceof UserError) || !isStoreError(err)) throw err;
      throw new UserError(err.message, {
        code: err.code,
        exitCode: err.exitCode,
        hint: `${err.hint === undefined ? '' : `${err.hint}; `}this run continues with: ${resume()}`,
        cause: err,
      });
    }
    // Ctrl-C: the log holds everything done so far; the run can be continued.
    process.stdout.write(`\ninterrupted; continue with: ${resume()}\n`);
    process.exitCode = 130;
    return stopped('interrupted');
  } finally {
    process.off('SIGINT', onSigint);
    prompt.close();
  }
  for (const line of summaryLines(await readEvents(store, handle.id))) print(line);
  if (opts.report !== false) {
    const path = resolve(
      typeof opts.report === 'string'
        ? opts.report
        : join(
            dirname(dbPath === ':memory:' || isPostgresUrl(dbPath) ? DEFAULT_DB_PATH : dbPath),
            'reports',
            `${handle.id}.md`,
          ),
    );
    writeFileAtomically(path, await markdownReport(store, handle.id), 'report');
    print(`report: ${path}`);
  }
  if (opts.json === true) out(JSON.stringify({ summary }));
  process.exitCode = summary.status === 'succeeded' ? 0 : 1;
  return summary;
}

export function runCommand(): Command {
  return withBudgetOptions(new Command('run'))
    .description('Run a mission: plan, allocate, run steps in parallel, re-plan on surprises')
    .argument('<mission>', 'mission folder (holding mission.yaml)')
    .option(
      '--db <file|url>',
      'store of runs: a SQLite file or postgres://USER@HOST/DB (default $ATELIER_DB or .atelier/atelier.db)',
    )
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
    .option('--queue', 'record the run for a worker (`atelier worker`) and return at once')
    .action(
      async (
        missionPath: string,
        opts: RunCliOptions & BudgetCliOptions & { seed: number; goal?: string },
      ) => {
        const budget = budgetFromOptions(opts);
        const mission = await loadMission(missionPath);
        let goalUsage: UsageCall[] = [];
        let goal: string | undefined = opts.goal;
        // A goal in PDDL is checked first: a mistake in it is the first thing to say.
        if (goal !== undefined && goal.trim().startsWith('('))
          parseGoal(mission.domain, mission.objects, goal);
        // A queued run's approvals are answered through the store (the API, the web UI).
        if (opts.queue !== true) requireApprovalConsent(mission, opts, 'run');
        if (goal !== undefined && !goal.trim().startsWith('(')) {
          const model = modelFromEnv();
          if (model === undefined)
            throw new UserError(`a goal in words needs a model: ${HOW_TO_CONFIGURE_MODEL}`, {
              code: 'MODEL_NOT_CONFIGURED',
              hint: 'or give the goal in PDDL: --goal "(and (announced paris))"',
            });
          const t = await translateGoal(model, mission, goal);
          if (opts.json !== true)
            process.stdout.write(
              `goal: ${t.text}  (from "${goal}", ${t.attempts} model answer${t.attempts === 1 ? '' : 's'})\n`,
            );
          goal = t.text;
          goalUsage = [{ agent: 'goal', model: model.name, usage: t.usage }];
        }
        const worker = teamModel(mission, opts.json === true);
        const dbPath = storeTarget(opts.db);
        const store = await openRunLog(dbPath);
        try {
          if (opts.queue === true) {
            await queueAndSay(store, mission, goal, opts);
            return;
          }
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
                ...budget,
                usage: goalUsage,
                ...(goal === undefined ? {} : { goal }),
              }),
            opts,
          );
        } finally {
          await store.close();
        }
      },
    );
}

export function resumeCommand(): Command {
  return withBudgetOptions(new Command('resume'))
    .description('Continue a run from its event log (steps recorded as done are not run again)')
    .argument('<run>', 'run id (see `atelier runs`)')
    .option(
      '--db <file|url>',
      'store of runs: a SQLite file or postgres://USER@HOST/DB (default $ATELIER_DB or .atelier/atelier.db)',
    )
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
    .action(async (runId: string, opts: RunCliOptions & BudgetCliOptions) => {
      const budget = budgetFromOptions(opts);
      const dbPath = storeTarget(opts.db);
      const store = await openRunLog(dbPath, { create: false });
      try {
        const stored = await store.getRun(runId);
        if (stored === undefined)
          throw new UserError(`no run '${runId}' in ${dbPath}`, {
            code: 'RUN_NOT_FOUND',
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
              ...budget,
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
