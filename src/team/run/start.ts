/**
 * Starting, resuming and inspecting runs. A run's whole story is its event log; the
 * `runs` row only caches its status. Resuming replays the log: facts come from the
 * initial facts plus every recorded change, so a step whose completion was recorded
 * is never run again — the team re-plans from what was observed.
 */
import { randomBytes } from 'node:crypto';
import type { Condition } from '../../pddl/ast.js';
import { formatCondition } from '../../pddl/index.js';
import { UserError } from '../../errors.js';
import type { RunStore } from '../../store/runs.js';
import type {
  ApprovalDecision,
  ApprovalRequest,
  PlannedStep,
  RunEvent,
  RunStatus,
  RunSummary,
} from '../events.js';
import { loadMission } from '../mission/loader.js';
import { parseGoal } from '../mission/goal.js';
import { GoalError } from '../errors.js';
import { runLoop } from './loop.js';
import type { LoopOptions, LoopStart } from './loop.js';
import { showFact } from '../facts.js';
import { stateView } from '../state-view.js';
import type { Mission } from '../types.js';

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
    const aborted = options.signal?.aborted === true;
    store.setStatus(start.runId, aborted ? 'interrupted' : 'failed');
    if (!aborted)
      store.append(start.runId, 'run.finished', {
        status: 'failed',
        steps: 0,
        replans: start.replans,
        elapsedMs: Date.now() - start.startedMs,
        reason: `internal error: ${err instanceof Error ? err.message : String(err)}`,
      });
    throw err;
  });
}

/** Starts a run of `mission`; the goal is checked now (GoalError if it does not fit the mission). */
export function startRun(mission: Mission, options: StartRunOptions): RunHandle {
  const { store, seed = 1 } = options;
  const goal = goalCondition(mission, options.goal);
  const id = newRunId();
  const goalText = formatCondition(goal);
  store.createRun({
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
  const e = store.append(id, 'run.started', {
    mission: mission.name,
    goal: goalText,
    seed,
    facts: [...facts].map(showFact),
  }) as RunEvent;
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
  };
  return { id, done: launch(store, mission, start, options) };
}

const factOf = (text: string): string => text.replace(/^\(|\)$/g, '');

/** The state a run reached, replayed from its log. */
function replay(
  events: RunEvent[],
): Omit<LoopStart, 'runId' | 'seed' | 'goal' | 'firstReason' | 'startedMs'> & {
  executedBefore: number;
  finished: boolean;
} {
  const facts = new Set<string>();
  const attempts = new Map<string, number>();
  const rejected = new Set<string>();
  const stepKeys = new Map<string, string>();
  let stepCounter = 0,
    planVersion = 0,
    replans = 0,
    executedBefore = 0,
    finished = false;
  for (const e of events) {
    const d = e.data;
    switch (e.type) {
      case 'run.started':
        for (const f of d.facts as string[]) facts.add(factOf(f));
        break;
      case 'facts.changed':
        for (const f of d.deleted as string[]) facts.delete(factOf(f));
        for (const f of d.added as string[]) facts.add(factOf(f));
        break;
      case 'plan.made':
        planVersion = d.version as number;
        for (const s of d.steps as PlannedStep[]) {
          stepCounter = Math.max(stepCounter, Number(s.id.slice(1)));
          stepKeys.set(s.id, [s.action, ...s.args].join(' '));
        }
        break;
      case 'step.started': {
        const key = [d.action as string, ...(d.args as string[])].join(' ');
        attempts.set(key, Math.max(attempts.get(key) ?? 0, d.attempt as number));
        break;
      }
      case 'step.finished':
      case 'step.failed':
        executedBefore++;
        break;
      case 'approval.given':
        if (d.approved === false) rejected.add(stepKeys.get(d.stepId as string) ?? '');
        break;
      case 'replan':
        replans++;
        break;
      case 'run.finished':
        finished = true;
        break;
      default:
        break;
    }
  }
  rejected.delete('');
  return { facts, attempts, rejected, stepCounter, planVersion, replans, executedBefore, finished };
}

/**
 * Continues a run from its log (after a crash or an interruption). Steps whose
 * completion was recorded are not run again; a step that was started but not
 * finished is planned again from the observed state.
 */
export async function resumeRun(
  store: RunStore,
  runId: string,
  options: LoopOptions & { mission?: Mission } = {},
): Promise<RunHandle> {
  const run = store.getRun(runId);
  if (run === undefined)
    throw new UserError(`no run '${runId}'`, { hint: 'list runs with `atelier runs`' });
  const events = store.events(runId) as RunEvent[];
  const state = replay(events);
  if (state.finished)
    throw new UserError(`run ${runId} already finished (${run.status})`, { exitCode: 1 });
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
  const interrupted =
    events.filter((e) => e.type === 'step.started').length -
    events.filter((e) => e.type === 'step.finished' || e.type === 'step.failed').length;
  store.setStatus(runId, 'running');
  const start: LoopStart = {
    runId,
    seed: run.seed,
    goal,
    ...state,
    firstReason: `resumed from the log (${interrupted} step${interrupted === 1 ? '' : 's'} in flight at the interruption will be planned again)`,
    startedMs: Date.now(),
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
  if (store.getRun(runId) === undefined) throw new UserError(`no run '${runId}'`);
  store.decide(runId, stepId, decision);
}

export interface RunInfo {
  id: string;
  mission: string;
  status: RunStatus;
  seed: number;
  goal: string;
  startedAt: string;
  updatedAt: string;
  steps: number;
  replans: number;
}
export interface RunDetail extends RunInfo {
  plans: { version: number; reason: string; steps: PlannedStep[] }[];
  facts: string[];
  derived: string[];
  pendingApprovals: ApprovalRequest[];
}

function info(store: RunStore, id: string): RunInfo | undefined {
  const r = store.getRun(id);
  if (r === undefined) return undefined;
  const counts = store.db
    .prepare(
      `SELECT SUM(type IN ('step.finished','step.failed')) AS steps, SUM(type = 'replan') AS replans FROM run_events WHERE run_id = ?`,
    )
    .get(id) as { steps: number | null; replans: number | null };
  return {
    id: r.id,
    mission: r.mission,
    status: r.status as RunStatus,
    seed: r.seed,
    goal: r.goal,
    startedAt: r.startedAt,
    updatedAt: r.updatedAt,
    steps: counts.steps ?? 0,
    replans: counts.replans ?? 0,
  };
}

/** Every run, newest first. */
export function listRuns(store: RunStore): RunInfo[] {
  return store.listRuns().map((r) => info(store, r.id)!);
}

/** A run's state: plan versions, observed and derived facts, steps waiting for approval. */
export function getRun(store: RunStore, runId: string): RunDetail | undefined {
  const base = info(store, runId);
  if (base === undefined) return undefined;
  const events = store.events(runId) as RunEvent[];
  const state = replay(events);
  const plans = events
    .filter((e) => e.type === 'plan.made')
    .map((e) => ({
      version: e.data.version as number,
      reason: e.data.reason as string,
      steps: e.data.steps as PlannedStep[],
    }));
  const pendingApprovals =
    base.status === 'running' || base.status === 'waiting-approval'
      ? waitingApprovals(store, runId, events)
      : [];
  return {
    ...base,
    plans,
    facts: [...state.facts].map(showFact).sort(),
    derived: currentDerived(events),
    pendingApprovals,
  };
}

/** The derived facts now: the snapshot taken before the last planning, then each step's derived changes since. */
function currentDerived(events: readonly RunEvent[]): string[] {
  let from = -1;
  for (let i = events.length - 1; i >= 0; i--)
    if (events[i]!.type === 'facts.derived') {
      from = i;
      break;
    }
  if (from < 0) return [];
  const derived = new Set(events[from]!.data.facts as string[]);
  for (const e of events.slice(from + 1)) {
    if (e.type !== 'facts.changed') continue;
    for (const f of (e.data.derivedRemoved as string[] | undefined) ?? []) derived.delete(f);
    for (const f of (e.data.derivedAdded as string[] | undefined) ?? []) derived.add(f);
  }
  return [...derived].sort();
}

/**
 * Steps of the current plan (the last `plan.made`) that asked for approval and have no
 * decision yet, neither in the log nor on the store. A request made before a newer
 * plan, a re-plan or a resume is void: each new round of the loop (a resume starts
 * one) first writes `facts.derived` (or `run.finished`), so a request followed by one of
 * those belongs to a plan that was replaced, even before the new plan is written.
 */
function waitingApprovals(store: RunStore, runId: string, events: RunEvent[]): ApprovalRequest[] {
  let planSeq = 0;
  let current = new Set<string>();
  const requested = new Map<string, RunEvent>();
  for (const e of events) {
    if (e.type === 'plan.made') {
      planSeq = e.seq;
      current = new Set((e.data.steps as PlannedStep[]).map((s) => s.id));
    }
    if (
      e.type === 'plan.made' ||
      e.type === 'facts.derived' ||
      e.type === 'replan' ||
      e.type === 'plan.failed' ||
      e.type === 'run.finished'
    )
      requested.clear();
    else if (
      e.type === 'approval.requested' &&
      e.seq > planSeq &&
      current.has(e.data.stepId as string)
    )
      requested.set(e.data.stepId as string, e);
    else if (e.type === 'approval.given') requested.delete(e.data.stepId as string);
  }
  return [...requested.values()]
    .filter((e) => store.decision(runId, e.data.stepId as string) === undefined)
    .map((e) => ({
      runId,
      stepId: e.data.stepId as string,
      agent: e.data.agent as string,
      action: e.data.action as string,
      args: e.data.args as string[],
    }));
}

/** Events of a run after `afterSeq` (default: all). */
export function readEvents(store: RunStore, runId: string, afterSeq = 0): RunEvent[] {
  return store.events(runId, afterSeq) as RunEvent[];
}

/** Live events of a run written by this process; returns the unsubscribe function. */
export function subscribe(
  store: RunStore,
  runId: string,
  listener: (e: RunEvent) => void,
): () => void {
  return store.subscribe(runId, listener as (e: import('../../store/runs.js').StoredEvent) => void);
}

/** "Why was this step taken": the causal links of the plan that scheduled it. */
export function explainStep(store: RunStore, runId: string, stepId: string): string[] {
  const run = getRun(store, runId);
  if (run === undefined) throw new UserError(`no run '${runId}'`);
  for (const p of run.plans) {
    const s = p.steps.find((x) => x.id === stepId);
    if (s !== undefined) {
      const head = `${s.id} (${[s.action, ...s.args].join(' ')}) by ${s.agent}, plan v${p.version} (${p.reason})`;
      const deps = s.dependsOn.length > 0 ? [`waits for ${s.dependsOn.join(', ')}`] : [];
      return [
        head,
        ...(s.supports.length > 0
          ? s.supports.map((x) => `supports ${x}`)
          : ['supports nothing later in the plan']),
        ...deps,
      ];
    }
  }
  throw new UserError(`run ${runId} has no step '${stepId}'`);
}

export { stateView };
