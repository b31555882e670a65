/**
 * Starting and resuming runs. A run's whole story is its event log; the `runs` row only
 * caches its status. Resuming replays the log (replay.ts) and continues where it stopped;
 * listing and inspecting runs is in inspect.ts.
 */
import { randomBytes } from 'node:crypto';
import type { Condition } from '../pddl/ast.js';
import { formatCondition } from '../pddl/index.js';
import { UserError } from '../errors.js';
import { isStoreError } from '../store/errors.js';
import type { RunStore } from '../store/runs.js';
import type { ApprovalDecision, RunEvent, RunSummary } from './events.js';
import { loadMission } from './loader.js';
import { parseGoal } from './goal.js';
import { GoalError } from './errors.js';
import { runLoop } from './loop.js';
import { replay } from './replay.js';
import type { LoopOptions, LoopStart } from './loop.js';
import { showFact } from './facts.js';
import { stateView } from './state.js';
import type { Mission } from './types.js';

export interface StartRunOptions extends LoopOptions {
  store: RunStore;
  /** Seed of the simulated world (default 1). */
  seed?: number;
  /** A PDDL goal (text or condition) replacing the mission's goal. */
  goal?: string | Condition;
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

function launch(
  store: RunStore,
  mission: Mission,
  start: LoopStart,
  options: LoopOptions,
): Promise<RunSummary> {
  return runLoop(store, mission, start, options).catch((err: unknown) => {
    // Every write is a transaction, so the log is consistent wherever the run stopped. Ctrl-C,
    // a store failure (a full disk, a lock held too long) or a bug interrupt the run: it can
    // be resumed. Only a mistake in the mission found while running (a user error that is
    // not the store's) ends it as failed, with that mistake as its reason.
    const mistake =
      options.signal?.aborted !== true && err instanceof UserError && !isStoreError(err);
    try {
      if (mistake)
        store.append(start.runId, 'run.finished', {
          status: 'failed',
          steps: store.counts(start.runId).steps,
          replans: start.replans,
          elapsedMs: Date.now() - start.startedMs,
          reason: err.message,
        });
      store.setStatus(start.runId, mistake ? 'failed' : 'interrupted');
      // Who stopped it, for the UI and `show`: the abort reason (Ctrl-C, the server stopping).
      if (!mistake)
        store.append(start.runId, 'run.interrupted', {
          reason:
            options.signal?.aborted === true
              ? abortReason(options.signal)
              : `stopped by an error: ${err instanceof Error ? err.message : String(err)}`,
        });
    } catch {
      // The store may be what failed (a full disk): the log stays as it was, resumable.
    }
    throw err;
  });
}

/** The reason a signal was aborted with, as words ('interrupted' when it gave none). */
function abortReason(signal: AbortSignal | undefined): string {
  const r: unknown = signal?.reason;
  if (r instanceof Error && r.name !== 'AbortError') return r.message;
  return typeof r === 'string' && r ? r : 'interrupted';
}

/** Starts a run of `mission`; the goal is checked now (GoalError if it does not fit the mission). */
export function startRun(mission: Mission, options: StartRunOptions): RunHandle {
  const { store, seed = 1 } = options;
  const goal = goalCondition(mission, options.goal);
  const id = newRunId();
  const goalText = formatCondition(goal);
  // The world first: a world module that fails is the mission's mistake, before any run exists.
  const world = mission.world?.(seed);
  const facts = new Set(mission.facts);
  // The run and its first event are one write: a run is never stored without its facts.
  const e = store.createRun(
    {
      id,
      mission: mission.name,
      missionDir: mission.dir ?? null,
      status: 'running',
      seed,
      goal: goalText,
      options: { concurrency: options.concurrency ?? 4, maxReplans: options.maxReplans ?? 5 },
      startedAt: new Date().toISOString(),
    },
    {
      type: 'run.started',
      data: { mission: mission.name, goal: goalText, seed, facts: [...facts].map(showFact) },
    },
  ) as RunEvent;
  options.onEvent?.(e);
  const start: LoopStart = {
    runId: id,
    seed,
    goal,
    facts,
    stepCounter: 0,
    planVersion: 0,
    replans: 0,
    attempts: new Map(),
    rejected: new Set(),
    firstReason: 'initial plan',
    startedMs: Date.now(),
    ...(world === undefined ? {} : { world }),
  };
  return { id, done: launch(store, mission, start, options) };
}

/**
 * Continues a run from its log (after a crash or an interruption), as the interrupted run
 * would have gone on: the plan it was running continues, steps whose outcome was recorded
 * are not run again, and steps started without one run again (same id, same attempt, so
 * the same world); a run that stopped between plans plans next, for the same reason.
 */
export async function resumeRun(
  store: RunStore,
  runId: string,
  options: LoopOptions & { mission?: Mission } = {},
): Promise<RunHandle> {
  const run = store.getRun(runId);
  if (run === undefined)
    throw new UserError(`no run '${runId}'`, {
      code: 'RUN_NOT_FOUND',
      hint: 'list runs with `atelier runs`',
    });
  const events = store.events(runId) as RunEvent[];
  const { round, nextReason, finished, ...state } = replay(events);
  if (finished)
    throw new UserError(`run ${runId} already finished (${run.status})`, {
      code: 'RUN_FINISHED',
      exitCode: 1,
    });
  let mission = options.mission;
  if (mission === undefined) {
    if (run.missionDir === null)
      throw new UserError(`run ${runId} was started from a mission defined in code`, {
        code: 'RUN_NOT_RESUMABLE',
        hint: 'pass the mission to resumeRun',
      });
    mission = await loadMission(run.missionDir);
  }
  let goal: Condition;
  try {
    goal = parseGoal(mission.domain, mission.objects, run.goal);
  } catch (err) {
    if (!(err instanceof GoalError)) throw err;
    throw new UserError(
      `run ${runId}: its goal ${run.goal} no longer fits the mission: ${err.detail}`,
      {
        code: 'RUN_GOAL_STALE',
        hint: 'the mission was changed since the run started; start a new run',
      },
    );
  }
  const world = mission.world?.(run.seed);
  // The resume is an event too: it voids approval requests made before it.
  const resumed = store.append(runId, 'run.resumed', {
    planVersion: round?.version ?? null,
    again: round?.inFlight ?? [],
  }) as RunEvent;
  options.onEvent?.(resumed);
  store.setStatus(runId, 'running');
  const start: LoopStart = {
    runId,
    seed: run.seed,
    goal,
    ...state,
    ...(round === undefined ? {} : { round }),
    firstReason: nextReason ?? 'initial plan',
    startedMs: Date.now(),
    ...(world === undefined ? {} : { world }),
  };
  return { id: runId, done: launch(store, mission, start, options) };
}

/** Records a decision for a step waiting for approval; the run picks it up. */
export function approveStep(
  store: RunStore,
  runId: string,
  stepId: string,
  decision: ApprovalDecision,
): void {
  if (store.getRun(runId) === undefined)
    throw new UserError(`no run '${runId}'`, { code: 'RUN_NOT_FOUND' });
  store.decide(runId, stepId, decision);
}

export { stateView };
