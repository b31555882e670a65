/**
 * Runs as people look at them: the list (a page at a time), one run's detail rebuilt from
 * its log (plan versions, observed and derived facts, steps waiting for a decision), and
 * why a step was taken.
 */
import { UserError } from '../../errors.js';
import { showFact } from '../facts.js';
import { readEvents, readProducts } from '../log/codec.js';
import type { RunEvent } from '../log/events.js';
import type { RunLog, RunRecord } from '../log/port.js';
import { currentDerived, replay } from '../log/replay.js';
import type { ApprovalRequest, RunDetail, RunInfo, RunsPage } from '../log/views.js';

async function toInfo(store: RunLog, r: RunRecord): Promise<RunInfo> {
  const n = await store.countEvents(r.id, ['step.finished', 'step.failed', 'replan']);
  return {
    id: r.id,
    mission: r.mission,
    status: r.status,
    seed: r.seed,
    goal: r.goal,
    startedAt: r.startedAt,
    updatedAt: r.updatedAt,
    steps: n['step.finished']! + n['step.failed']!,
    replans: n.replan!,
  };
}

/** One run's summary row (what `listRuns` lists), or undefined. */
export async function runInfo(store: RunLog, id: string): Promise<RunInfo | undefined> {
  const r = await store.getRun(id);
  return r === undefined ? undefined : toInfo(store, r);
}

/** Every run, newest first. */
export async function listRuns(store: RunLog): Promise<RunInfo[]> {
  return Promise.all((await store.listRuns()).map((r) => toInfo(store, r)));
}

/** The most runs one page lists. */
export const MAX_PAGE_SIZE = 500;

/**
 * Runs newest first, `limit` at a time (default 50, at most 500): pass the `nextCursor` of
 * a page to get the next one. The cost depends on the page size, not on the store's size.
 */
export async function listRunsPage(
  store: RunLog,
  page: { limit?: number; cursor?: string } = {},
): Promise<RunsPage> {
  const limit = Math.min(Math.max(1, Math.floor(page.limit ?? 50)), MAX_PAGE_SIZE);
  const before = page.cursor === undefined ? undefined : decodeCursor(page.cursor);
  const rows = await store.listRuns({
    limit: limit + 1,
    ...(before === undefined ? {} : { before }),
  });
  const runs = await Promise.all(rows.slice(0, limit).map((r) => toInfo(store, r)));
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
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string')
      return { startedAt: v[0], id: v[1] };
  } catch {
    // reported below
  }
  throw new UserError(`invalid cursor '${cursor}'`, {
    code: 'RUN_BAD_CURSOR',
    hint: 'pass the nextCursor of the previous page as it was given',
  });
}

/** A run's state: plan versions, observed and derived facts, steps waiting for approval. */
export async function getRun(store: RunLog, runId: string): Promise<RunDetail | undefined> {
  const base = await runInfo(store, runId);
  if (base === undefined) return undefined;
  const events = await readEvents(store, runId);
  const plans = events.flatMap((e) =>
    e.type === 'plan.made'
      ? [{ version: e.data.version, reason: e.data.reason, steps: e.data.steps }]
      : [],
  );
  const pendingApprovals =
    base.status === 'running' || base.status === 'waiting-approval'
      ? await waitingApprovals(store, runId, events)
      : [];
  return {
    ...base,
    plans,
    facts: [...replay(events).facts].map(showFact).sort(),
    derived: currentDerived(events),
    pendingApprovals,
    products: (await readProducts(store, runId)).map((e) => ({ ...e.data, seq: e.seq, at: e.at })),
  };
}

/**
 * Steps of the current plan (the last `plan.made`) that asked for approval and have no
 * decision yet, neither in the log nor on the store. A request made before a newer
 * plan, a re-plan or a resume is void: each new round of the loop first writes
 * `facts.derived` (or `run.finished`), a resume `run.resumed` (the resumed step asks
 * again), so a request followed by one of those is no longer waited for.
 */
async function waitingApprovals(
  store: RunLog,
  runId: string,
  events: readonly RunEvent[],
): Promise<ApprovalRequest[]> {
  let planSeq = 0;
  let current = new Set<string>();
  const requested = new Map<string, ApprovalRequest>();
  const doubts = new Map<string, string>();
  for (const e of events) {
    switch (e.type) {
      case 'step.in-doubt':
        doubts.set(e.data.stepId, e.data.reason);
        break;
      case 'plan.made':
        planSeq = e.seq;
        current = new Set(e.data.steps.map((s) => s.id));
        requested.clear();
        break;
      case 'facts.derived':
      case 'run.resumed':
      case 'replan':
      case 'plan.failed':
      case 'run.finished':
        requested.clear();
        break;
      case 'approval.requested':
        if (e.seq > planSeq && current.has(e.data.stepId)) {
          const inDoubt = doubts.get(e.data.stepId);
          requested.set(e.data.stepId, { runId, ...e.data, ...(inDoubt ? { inDoubt } : {}) });
        }
        break;
      case 'approval.given':
        requested.delete(e.data.stepId);
        break;
      default:
        break;
    }
  }
  const undecided = await Promise.all(
    [...requested.values()].map(async (r) => (await store.decision(runId, r.stepId)) === undefined),
  );
  return [...requested.values()].filter((_, i) => undecided[i]);
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
  const mine = events.filter((e) => 'stepId' in e.data && e.data.stepId === stepId);
  const end = mine.findLast((e) => e.type === 'step.finished' || e.type === 'step.failed');
  if (end?.type === 'step.finished') return `ran: done in ${end.data.ms} ms`;
  if (end?.type === 'step.failed') return `ran and FAILED: ${end.data.reason}`;
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
export async function explainStep(store: RunLog, runId: string, stepId: string): Promise<string[]> {
  const run = await getRun(store, runId);
  if (run === undefined) throw new UserError(`no run '${runId}'`, { code: 'RUN_NOT_FOUND' });
  for (const p of run.plans) {
    const s = p.steps.find((x) => x.id === stepId);
    if (s === undefined) continue;
    const head = `${s.id} (${[s.action, ...s.args].join(' ')}) by ${s.agent}, plan v${p.version} (${p.reason})`;
    const outcome = stepOutcome(await readEvents(store, runId), run, s.id, p.version);
    const deps = s.dependsOn.length > 0 ? [`waits for ${s.dependsOn.join(', ')}`] : [];
    const supports =
      s.supports.length > 0
        ? s.supports.map((x) => `supports ${x}`)
        : ['supports nothing later in the plan'];
    return [head, outcome, ...supports, ...deps];
  }
  throw new UserError(`run ${runId} has no step '${stepId}'`, { code: 'RUN_STEP_NOT_FOUND' });
}
