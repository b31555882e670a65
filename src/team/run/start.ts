/**
 * Starting and resuming runs. A run's whole story is its event log; the `runs` row only
 * caches its status. Resuming replays the log (log/replay.ts) and continues where it
 * stopped: the plan it was running goes on, a step whose outcome was recorded is never
 * run again.
 */
import { randomBytes } from 'node:crypto';
import type { Condition } from '../../pddl/ast.js';
import { formatCondition } from '../../pddl/index.js';
import { UserError, isStoreError } from '../../errors.js';
import { GoalError } from '../errors.js';
import { showFact } from '../facts.js';
import { readEvents, toLoggedForm, withData } from '../log/codec.js';
import type { RunEventBody } from '../log/events.js';
import { LeaseLostError } from '../log/port.js';
import type { LoggedEvent, NewRun, RunLog, RunRecord } from '../log/port.js';
import { replay } from '../log/replay.js';
import type { ApprovalDecision, RunSummary } from '../log/views.js';
import { parseGoal } from '../mission/goal.js';
import { loadMission } from '../mission/loader.js';
import type { Mission } from '../types.js';
import { budgetAtResume, budgetAtStart, budgetEvents } from './budget.js';
import { runContext } from './context.js';
import { holdRun } from './hold.js';
import type { HeldRun } from './hold.js';
import type { LoopOptions, RunContext } from './context.js';
import { runMission } from './mission-loop.js';
import { recordUsage } from './record-usage.js';
import { runSpan } from './trace.js';
import type { UsageCall } from './usage.js';
import { runState } from './state.js';
import { checkModelConfigured } from '../work/index.js';
import type { RunStart } from './state.js';

export interface StartRunOptions extends LoopOptions {
  /** The run log (`openRunStore()` from src/store for the SQLite one). */
  store: RunLog;
  /** Seed of the simulated world (default 1). */
  seed?: number;
  /** A PDDL goal (text or condition) replacing the mission's goal. */
  goal?: string | Condition;
  /** Model calls made for the run before it started (the goal's translation): recorded first. */
  usage?: UsageCall[];
}

export interface RunHandle {
  id: string;
  done: Promise<RunSummary>;
}

function newRunId(): string {
  const t = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `run-${t}-${randomBytes(3).toString('hex')}`;
}

function goalCondition(mission: Mission, goal: string | Condition | undefined): Condition {
  if (goal === undefined) return mission.goal;
  if (typeof goal !== 'string') return goal;
  return parseGoal(mission.domain, mission.objects, goal);
}

/**
 * Runs the mission loop. Every write is a transaction, so the log is consistent wherever
 * the run stopped: Ctrl-C, a store failure (a full disk, a lock held too long) or a bug
 * interrupt the run, and it can be resumed. Only a mistake in the mission found while
 * running (a user error that is not the store's) ends it as failed, with that mistake as
 * its reason.
 */
function launch(ctx: RunContext, start: RunStart): Promise<RunSummary> {
  const state = runState(ctx.mission, start);
  return (
    runSpan(ctx, () => runMission(ctx, state, start.round))
      .catch(async (err: unknown) => {
        // Another driver took the run over: the run is its business now, touch nothing.
        if (err instanceof LeaseLostError || ctx.signal?.reason instanceof LeaseLostError)
          throw err;
        const mistake =
          ctx.signal?.aborted !== true && err instanceof UserError && !isStoreError(err);
        try {
          if (mistake) {
            const n = await ctx.log.countEvents(start.runId, ['step.finished', 'step.failed']);
            await ctx.recorder.emit({
              type: 'run.finished',
              data: {
                status: 'failed',
                steps: n['step.finished']! + n['step.failed']!,
                replans: start.replans,
                elapsedMs: Date.now() - start.startedMs,
                reason: err.message,
              },
            });
          }
          await ctx.log.setStatus(start.runId, mistake ? 'failed' : 'interrupted');
          // Who stopped it, for the UI and `show`: the abort reason (Ctrl-C, the server stopping).
          if (!mistake)
            await ctx.recorder.emit({
              type: 'run.interrupted',
              data: {
                reason:
                  ctx.signal?.aborted === true
                    ? abortReason(ctx.signal)
                    : `stopped by an error: ${err instanceof Error ? err.message : String(err)}`,
              },
            });
        } catch {
          // The store may be what failed (a full disk): the log stays as it was, resumable.
        }
        throw err;
      })
      // Whatever ended the run, its MCP servers stop before its summary is given.
      .finally(() => ctx.mcp.close())
  );
}

/** The reason a signal was aborted with, as words ('interrupted' when it gave none). */
function abortReason(signal: AbortSignal): string {
  const r: unknown = signal.reason;
  if (r instanceof Error && r.name !== 'AbortError') return r.message;
  return typeof r === 'string' && r ? r : 'interrupted';
}

/** The row of a new run of `mission` (checked goal, options a later driver reads back). */
export function newRunRecord(
  mission: Mission,
  options: StartRunOptions,
  status: NewRun['status'] = 'running',
): NewRun & { goalCondition: Condition } {
  const goal = goalCondition(mission, options.goal);
  const approve = typeof options.approve === 'string' ? { approve: options.approve } : {};
  return {
    id: newRunId(),
    mission: mission.name,
    missionDir: mission.dir ?? null,
    status,
    seed: options.seed ?? 1,
    goal: formatCondition(goal),
    options: {
      concurrency: options.concurrency ?? 4,
      maxReplans: options.maxReplans ?? 5,
      ...(options.timeScale === undefined ? {} : { timeScale: options.timeScale }),
      ...approve,
    },
    startedAt: new Date().toISOString(),
    goalCondition: goal,
  };
}

/**
 * Starts the loop of a run: `created` (a new run) stores the row and its `run.started` in
 * one write; otherwise the row exists (a queued run) and `run.started` is appended.
 */
export async function beginRun(
  store: RunLog,
  mission: Mission,
  run: NewRun & { goalCondition: Condition },
  options: LoopOptions & Pick<StartRunOptions, 'usage'>,
  created: boolean,
): Promise<RunHandle> {
  // Model-driven steps need a model or a world to carry them out: said before anything runs.
  checkModelConfigured(mission, options.model);
  const usage = budgetAtStart(options);
  // The world first: a world module that fails is the mission's mistake, before any run exists.
  const world = mission.world?.(run.seed);
  const facts = new Set(mission.facts);
  const start: RunStart = {
    runId: run.id,
    seed: run.seed,
    goal: run.goalCondition,
    facts,
    stepCounter: 0,
    planVersion: 0,
    replans: 0,
    attempts: new Map(),
    rejected: new Set(),
    firstReason: 'initial plan',
    startedMs: Date.now(),
    usage,
    ...(world === undefined ? {} : { world }),
  };
  const first: RunEventBody = {
    type: 'run.started',
    data: {
      mission: mission.name,
      goal: run.goal,
      seed: run.seed,
      facts: [...facts].map(showFact),
    },
  };
  let held: HeldRun | undefined;
  let logged: LoggedEvent | undefined;
  if (created) {
    const { goalCondition: _, ...row } = run;
    // The run and its first event are one write: a run is never stored without its facts.
    logged = await store.createRun(row, toLoggedForm(first));
    // Driven here: under a lease like a worker's, so no other process drives it too.
    if (options.lease === undefined) held = await holdRun(store, run.id, options.signal);
  }
  const loop =
    held === undefined ? options : { ...options, lease: held.lease, signal: held.signal };
  const ctx = runContext(store, mission, start, loop);
  try {
    if (logged !== undefined) options.onEvent?.(withData(logged, first));
    if (!created) await ctx.recorder.emit(first);
    if (usage.budget) await ctx.recorder.emit(...budgetEvents(usage));
    for (const call of options.usage ?? []) await recordUsage(ctx, call);
  } catch (err) {
    await held?.release();
    throw err;
  }
  return { id: run.id, done: released(launch(ctx, start), held) };
}

/** The run's summary once its lease (if this process took one) is given up. */
function released(done: Promise<RunSummary>, held: HeldRun | undefined): Promise<RunSummary> {
  return held === undefined ? done : done.finally(() => held.release());
}

/**
 * Starts a run of `mission` once it is recorded (the run and its `run.started` event);
 * a goal that does not fit the mission is a GoalError before anything is written.
 */
export async function startRun(mission: Mission, options: StartRunOptions): Promise<RunHandle> {
  return beginRun(options.store, mission, newRunRecord(mission, options), options, true);
}

/**
 * Continues a run from its log (after a crash or an interruption), as the interrupted run
 * would have gone on: the plan it was running continues, steps whose outcome was recorded
 * are not run again, and steps started without one run again (same id, same attempt, so
 * the same world); a run that stopped between plans plans next, for the same reason.
 */
export async function resumeRun(
  store: RunLog,
  runId: string,
  options: LoopOptions & { mission?: Mission } = {},
): Promise<RunHandle> {
  const run = await store.getRun(runId);
  if (run === undefined)
    throw new UserError(`no run '${runId}'`, {
      code: 'RUN_NOT_FOUND',
      hint: 'list runs with `atelier runs`',
    });
  // Driven here: under a lease like a worker's, so no other process drives it too.
  const held =
    options.lease === undefined ? await holdRun(store, runId, options.signal) : undefined;
  try {
    return await resumeHeld(
      store,
      run,
      held === undefined ? options : { ...options, lease: held.lease, signal: held.signal },
      held,
    );
  } catch (err) {
    await held?.release();
    throw err;
  }
}

async function resumeHeld(
  store: RunLog,
  run: RunRecord,
  options: LoopOptions & { mission?: Mission },
  held: HeldRun | undefined,
): Promise<RunHandle> {
  const runId = run.id;
  const events = await readEvents(store, runId);
  const state = replay(events);
  if (state.finished)
    throw new UserError(`run ${runId} already finished (${run.status})`, {
      code: 'RUN_FINISHED',
      exitCode: 1,
    });
  const usage = budgetAtResume(runId, events, options);
  const mission = options.mission ?? (await missionOf(run.missionDir, runId));
  checkModelConfigured(mission, options.model);
  const goal = resumedGoal(mission, run.goal, runId);
  const world = mission.world?.(run.seed);
  const { round } = state;
  const start: RunStart = {
    runId,
    seed: run.seed,
    goal,
    facts: state.facts,
    stepCounter: state.stepCounter,
    planVersion: state.planVersion,
    replans: state.replans,
    attempts: state.attempts,
    rejected: state.rejected,
    executedBefore: state.executedBefore,
    firstReason: state.nextReason ?? 'initial plan',
    startedMs: Date.now(),
    usage,
    ...(round === undefined ? {} : { round }),
    ...(world === undefined ? {} : { world }),
  };
  const ctx = runContext(store, mission, start, options);
  // The resume is an event too: it voids approval requests made before it.
  await ctx.recorder.emit(
    {
      type: 'run.resumed',
      data: { planVersion: round?.version ?? null, again: round?.inFlight ?? [] },
    },
    ...(options.budget ? budgetEvents(usage) : []),
  );
  await store.setStatus(runId, 'running');
  return { id: runId, done: released(launch(ctx, start), held) };
}

/** The mission of a run, reloaded from the folder it came from. */
async function missionOf(missionDir: string | null, runId: string): Promise<Mission> {
  if (missionDir === null)
    throw new UserError(`run ${runId} was started from a mission defined in code`, {
      code: 'RUN_NOT_RESUMABLE',
      hint: 'pass the mission to resumeRun',
    });
  return loadMission(missionDir);
}

/** The run's goal, checked against the mission as it is now. */
function resumedGoal(mission: Mission, goal: string, runId: string): Condition {
  try {
    return parseGoal(mission.domain, mission.objects, goal);
  } catch (err) {
    if (!(err instanceof GoalError)) throw err;
    throw new UserError(
      `run ${runId}: its goal ${goal} no longer fits the mission: ${err.detail}`,
      {
        code: 'RUN_GOAL_STALE',
        hint: 'the mission was changed since the run started; start a new run',
      },
    );
  }
}

/** Records a decision for a step waiting for approval; the run picks it up. */
export async function approveStep(
  store: RunLog,
  runId: string,
  stepId: string,
  decision: ApprovalDecision,
): Promise<void> {
  if ((await store.getRun(runId)) === undefined)
    throw new UserError(`no run '${runId}'`, { code: 'RUN_NOT_FOUND' });
  await store.decide(runId, stepId, decision);
}
