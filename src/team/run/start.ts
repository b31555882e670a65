/**
 * Starting and resuming runs. A run's whole story is its event log; the `runs` row only
 * caches its status. Resuming replays the log: facts come from the initial facts plus
 * every recorded change, so a step whose completion was recorded is never run again —
 * the team re-plans from what was observed.
 */
import { randomBytes } from 'node:crypto';
import type { Condition } from '../../pddl/ast.js';
import { formatCondition } from '../../pddl/index.js';
import { UserError } from '../../errors.js';
import { GoalError } from '../errors.js';
import { showFact } from '../facts.js';
import { readEvents } from '../log/codec.js';
import type { RunLog } from '../log/port.js';
import { replay } from '../log/replay.js';
import type { ApprovalDecision, RunSummary } from '../log/views.js';
import { parseGoal } from '../mission/goal.js';
import { loadMission } from '../mission/loader.js';
import type { Mission } from '../types.js';
import { budgetAtResume, budgetAtStart, budgetEvents } from './budget.js';
import { runContext } from './context.js';
import type { LoopOptions, RunContext } from './context.js';
import { runMission } from './mission-loop.js';
import { runState } from './state.js';
import type { RunStart } from './state.js';
import { runSpan } from './trace.js';
import { recordUsage } from './record-usage.js';
import type { UsageCall } from './usage.js';

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

/** Runs the mission loop; an interruption or an internal error is recorded on the run. */
function launch(ctx: RunContext, start: RunStart): Promise<RunSummary> {
  return runSpan(ctx, () => runMission(ctx, runState(ctx.mission, start))).catch(
    async (err: unknown) => {
      const aborted = ctx.signal?.aborted === true;
      await ctx.log.setStatus(start.runId, aborted ? 'interrupted' : 'failed');
      if (!aborted)
        await ctx.recorder.emit({
          type: 'run.finished',
          data: {
            status: 'failed',
            steps: 0,
            replans: start.replans,
            elapsedMs: Date.now() - start.startedMs,
            reason: `internal error: ${err instanceof Error ? err.message : String(err)}`,
          },
        });
      throw err;
    },
  );
}

/**
 * Starts a run of `mission` once it is recorded (the run and its `run.started` event);
 * a goal that does not fit the mission is a GoalError before anything is written.
 */
export async function startRun(mission: Mission, options: StartRunOptions): Promise<RunHandle> {
  const { store, seed = 1 } = options;
  const goal = goalCondition(mission, options.goal);
  const usage = budgetAtStart(options);
  const id = newRunId();
  const goalText = formatCondition(goal);
  await store.createRun({
    id,
    mission: mission.name,
    missionDir: mission.dir ?? null,
    status: 'running',
    seed,
    goal: goalText,
    options: { concurrency: options.concurrency ?? 4, maxReplans: options.maxReplans ?? 5 },
    startedAt: new Date().toISOString(),
  });
  const facts = new Set(mission.facts);
  const start: RunStart = {
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
  };
  const started = { mission: mission.name, goal: goalText, seed, facts: [...facts].map(showFact) };
  start.usage = usage;
  const ctx = runContext(store, mission, start, options);
  await ctx.recorder.emit({ type: 'run.started', data: started }, ...budgetEvents(start.usage));
  for (const call of options.usage ?? []) await recordUsage(ctx, call);
  return { id, done: launch(ctx, start) };
}

/**
 * Continues a run from its log (after a crash or an interruption). Steps whose
 * completion was recorded are not run again; a step that was started but not
 * finished is planned again from the observed state.
 */
export async function resumeRun(
  store: RunLog,
  runId: string,
  options: LoopOptions & { mission?: Mission } = {},
): Promise<RunHandle> {
  const run = await store.getRun(runId);
  if (run === undefined)
    throw new UserError(`no run '${runId}'`, { hint: 'list runs with `atelier runs`' });
  const events = await readEvents(store, runId);
  const state = replay(events);
  if (state.finished)
    throw new UserError(`run ${runId} already finished (${run.status})`, { exitCode: 1 });
  const usage = budgetAtResume(runId, events, options);
  let mission = options.mission;
  if (mission === undefined) {
    if (run.missionDir === null)
      throw new UserError(`run ${runId} was started from a mission defined in code`, {
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
      { hint: 'the mission was changed since the run started; start a new run' },
    );
  }
  await store.setStatus(runId, 'running');
  const { inFlight } = state;
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
    usage,
    firstReason: `resumed from the log (${inFlight} step${inFlight === 1 ? '' : 's'} in flight at the interruption will be planned again)`,
    startedMs: Date.now(),
  };
  const ctx = runContext(store, mission, start, options);
  if (options.budget) await ctx.recorder.emit(...budgetEvents(usage));
  return { id: runId, done: launch(ctx, start) };
}

/** Records a decision for a step waiting for approval; the run picks it up. */
export async function approveStep(
  store: RunLog,
  runId: string,
  stepId: string,
  decision: ApprovalDecision,
): Promise<void> {
  if ((await store.getRun(runId)) === undefined) throw new UserError(`no run '${runId}'`);
  await store.decide(runId, stepId, decision);
}
