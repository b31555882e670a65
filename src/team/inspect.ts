/**
 * Inspecting runs: one line per run (a page at a time), a run's state rebuilt from its
 * log (plans, facts, derived facts, steps waiting for approval), why a step was taken.
 */
import { UserError } from '../errors.js';
import type { RunStore, StoredEvent, StoredRun } from '../store/runs.js';
import type { ApprovalRequest, PlannedStep, RunEvent, RunStatus } from './events.js';
import { showFact } from './facts.js';
import { replay } from './replay.js';

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

function toInfo(store: RunStore, r: StoredRun): RunInfo {
  const counts = store.counts(r.id);
  return {
    id: r.id,
    mission: r.mission,
    status: r.status as RunStatus,
    seed: r.seed,
    goal: r.goal,
    startedAt: r.startedAt,
    updatedAt: r.updatedAt,
    steps: counts.steps,
    replans: counts.replans,
  };
}

/** One run's summary row (what `listRuns` lists), or undefined. */
export function runInfo(store: RunStore, id: string): RunInfo | undefined {
  const r = store.getRun(id);
  return r === undefined ? undefined : toInfo(store, r);
}

/** Every run, newest first. */
export function listRuns(store: RunStore): RunInfo[] {
  return store.listRuns().map((r) => toInfo(store, r));
}

/** A page of runs, newest first, and the cursor of the next page (null after the last). */
export interface RunsPage {
  runs: RunInfo[];
  nextCursor: string | null;
}

/** The most runs one page lists. */
export const MAX_PAGE_SIZE = 500;

/**
 * Runs newest first, `limit` at a time (default 50, at most 500): pass the `nextCursor` of
 * a page to get the next one. The cost depends on the page size, not on the store's size.
 */
export function listRunsPage(
  store: RunStore,
  page: { limit?: number; cursor?: string } = {},
): RunsPage {
  const limit = Math.min(Math.max(1, Math.floor(page.limit ?? 50)), MAX_PAGE_SIZE);
  const before = page.cursor === undefined ? undefined : decodeCursor(page.cursor);
  const rows = store.listRuns({ limit: limit + 1, ...(before === undefined ? {} : { before }) });
  const runs = rows.slice(0, limit).map((r) => toInfo(store, r));
  const last = rows.length > limit ? rows[limit - 1]! : undefined;
  return {
    runs,
    nextCursor:
      last === undefined
        ? null
        : Buffer.from(JSON.stringify([last.startedAt, last.id])).toString('base64url'),
  };
}

function decodeCursor(cursor: string): { startedAt: string; id: string } {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'string'))
      return { startedAt: v[0] as string, id: v[1] as string };
  } catch {
    // reported below
  }
  throw new UserError(`invalid cursor '${cursor}'`, {
    code: 'RUN_BAD_CURSOR',
    hint: 'pass the nextCursor of the previous page as it was given',
  });
}

/** A run's state: plan versions, observed and derived facts, steps waiting for approval. */
export function getRun(store: RunStore, runId: string): RunDetail | undefined {
  const base = runInfo(store, runId);
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
 * plan, a re-plan or a resume is void: each new round of the loop first writes
 * `facts.derived` (or `run.finished`), a resume `run.resumed` (the resumed step asks
 * again), so a request followed by one of those is no longer waited for.
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
      e.type === 'run.resumed' ||
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
  return store.subscribe(runId, listener as (e: StoredEvent) => void);
}

/**
 * What became of a step: done, failed (and why), cut short, or never run (and why not:
 * its plan was replaced, or the run ended first).
 */
function stepOutcome(
  events: readonly RunEvent[],
  run: RunDetail,
  stepId: string,
  version: number,
): string {
  const mine = events.filter((e) => e.data.stepId === stepId);
  const end = mine.findLast((e) => e.type === 'step.finished' || e.type === 'step.failed');
  if (end?.type === 'step.finished') return `ran: done in ${end.data.ms as number} ms`;
  if (end?.type === 'step.failed') return `ran and FAILED: ${end.data.reason as string}`;
  if (mine.some((e) => e.type === 'step.started'))
    return run.status === 'running' || run.status === 'waiting-approval'
      ? 'running now'
      : 'started, but the run stopped before it ended (resume runs it again)';
  const next = run.plans.find((p) => p.version > version);
  if (next !== undefined)
    return `never ran: plan v${version} was replaced by v${next.version} (${next.reason})`;
  if (run.status === 'succeeded' || run.status === 'failed')
    return `never ran: the run ended (${run.status}) before it`;
  return 'not run yet';
}

/** "Why was this step taken": the causal links of the plan that scheduled it, and what became of it. */
export function explainStep(store: RunStore, runId: string, stepId: string): string[] {
  const run = getRun(store, runId);
  if (run === undefined) throw new UserError(`no run '${runId}'`, { code: 'RUN_NOT_FOUND' });
  for (const p of run.plans) {
    const s = p.steps.find((x) => x.id === stepId);
    if (s !== undefined) {
      const head = `${s.id} (${[s.action, ...s.args].join(' ')}) by ${s.agent}, plan v${p.version} (${p.reason})`;
      const deps = s.dependsOn.length > 0 ? [`waits for ${s.dependsOn.join(', ')}`] : [];
      return [
        head,
        stepOutcome(readEvents(store, runId), run, s.id, p.version),
        ...(s.supports.length > 0
          ? s.supports.map((x) => `supports ${x}`)
          : ['supports nothing later in the plan']),
        ...deps,
      ];
    }
  }
  throw new UserError(`run ${runId} has no step '${stepId}'`, { code: 'RUN_STEP_NOT_FOUND' });
}
