/**
 * Runs as people look at them: the list, one run's detail rebuilt from its log (plan
 * versions, observed and derived facts, steps waiting for a decision), and why a step
 * was taken.
 */
import { UserError } from '../../errors.js';
import { showFact } from '../facts.js';
import { readEvents, readProducts } from '../log/codec.js';
import type { RunEvent } from '../log/events.js';
import type { RunLog, RunRecord } from '../log/port.js';
import { currentDerived, replay } from '../log/replay.js';
import type { ApprovalRequest, RunDetail, RunInfo } from '../log/views.js';

async function info(store: RunLog, r: RunRecord): Promise<RunInfo> {
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

/** Every run, newest first. */
export async function listRuns(store: RunLog): Promise<RunInfo[]> {
  return Promise.all((await store.listRuns()).map((r) => info(store, r)));
}

/** A run's state: plan versions, observed and derived facts, steps waiting for approval. */
export async function getRun(store: RunLog, runId: string): Promise<RunDetail | undefined> {
  const row = await store.getRun(runId);
  if (row === undefined) return undefined;
  const base = await info(store, row);
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
 * plan, a re-plan or a resume is void: each new round of the loop (a resume starts
 * one) first writes `facts.derived` (or `run.finished`), so a request followed by one of
 * those belongs to a plan that was replaced, even before the new plan is written.
 */
async function waitingApprovals(
  store: RunLog,
  runId: string,
  events: readonly RunEvent[],
): Promise<ApprovalRequest[]> {
  let planSeq = 0;
  let current = new Set<string>();
  const requested = new Map<string, ApprovalRequest>();
  for (const e of events) {
    switch (e.type) {
      case 'plan.made':
        planSeq = e.seq;
        current = new Set(e.data.steps.map((s) => s.id));
        requested.clear();
        break;
      case 'facts.derived':
      case 'replan':
      case 'plan.failed':
      case 'run.finished':
        requested.clear();
        break;
      case 'approval.requested':
        if (e.seq > planSeq && current.has(e.data.stepId))
          requested.set(e.data.stepId, { runId, ...e.data });
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

/** "Why was this step taken": the causal links of the plan that scheduled it. */
export async function explainStep(store: RunLog, runId: string, stepId: string): Promise<string[]> {
  const run = await getRun(store, runId);
  if (run === undefined) throw new UserError(`no run '${runId}'`);
  for (const p of run.plans) {
    const s = p.steps.find((x) => x.id === stepId);
    if (s === undefined) continue;
    const head = `${s.id} (${[s.action, ...s.args].join(' ')}) by ${s.agent}, plan v${p.version} (${p.reason})`;
    const deps = s.dependsOn.length > 0 ? [`waits for ${s.dependsOn.join(', ')}`] : [];
    const supports =
      s.supports.length > 0
        ? s.supports.map((x) => `supports ${x}`)
        : ['supports nothing later in the plan'];
    return [head, ...supports, ...deps];
  }
  throw new UserError(`run ${runId} has no step '${stepId}'`);
}
