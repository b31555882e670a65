/**
 * Shapes of the runs API, the same types the server answers with (src/team/log: the event
 * schemas and the run views; see also GET /api/openapi.json), and the step statuses
 * derived from events. Type-only imports: no server code reaches the bundle.
 */
import { describeUsage } from './components/UsageCard.tsx';
import type { PlannedStep, RunEvent } from '../../src/team/log/events.ts';
import type {
  ApprovalRequest,
  MissionInfo,
  RunDetail,
  RunInfo,
  RunsPage,
  RunStatus,
} from '../../src/team/log/views.ts';

export type { MissionInfo, PlannedStep, RunDetail, RunEvent, RunInfo, RunsPage, RunStatus };
export type Approval = ApprovalRequest;

/** The first page (refreshed) followed by the older pages loaded so far, each run once. */
export function mergeRunPages(first: readonly RunInfo[], older: readonly RunInfo[]): RunInfo[] {
  const seen = new Set(first.map((r) => r.id));
  return [...first, ...older.filter((r) => !seen.has(r.id))];
}

/** The status of each step, from the events seen so far (later events win). */
export function stepStatuses(events: readonly RunEvent[]): Map<string, string> {
  const status = new Map<string, string>();
  for (const e of events) {
    switch (e.type) {
      case 'step.assigned':
        if (!status.has(e.data.stepId)) status.set(e.data.stepId, 'pending');
        break;
      case 'step.started':
        status.set(e.data.stepId, 'running');
        break;
      case 'approval.requested':
        status.set(e.data.stepId, 'waiting');
        break;
      case 'approval.given':
        status.set(e.data.stepId, e.data.approved ? 'approved' : 'rejected');
        break;
      case 'step.finished':
        status.set(e.data.stepId, 'done');
        break;
      case 'step.failed':
        status.set(e.data.stepId, 'failed');
        break;
      default:
        break;
    }
  }
  return status;
}

/** The newest event of a kind, if any (its data typed by the kind). */
export function lastOf<K extends RunEvent['type']>(
  events: readonly RunEvent[],
  type: K,
): Extract<RunEvent, { type: K }> | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (e.type === type) return e as Extract<RunEvent, { type: K }>;
  }
  return undefined;
}

/**
 * The status to show, from the same events that colour the graph (the run detail is
 * fetched again a moment later, so its status lags): the end of the run as its last
 * event says it; waiting for approval exactly when a step of the current plan waits.
 */
export function shownStatus(
  stored: RunStatus,
  events: readonly RunEvent[],
  currentSteps: ReadonlyArray<{ status: string }>,
): RunStatus {
  const finished = lastOf(events, 'run.finished');
  if (finished) return finished.data.status === 'succeeded' ? 'succeeded' : 'failed';
  if (events[events.length - 1]?.type === 'run.interrupted') return 'interrupted';
  // Ended before these events (or resumed since): the detail is right until it is fetched again.
  if (stored !== 'running' && stored !== 'waiting-approval') return stored;
  if (events.length === 0) return stored;
  return currentSteps.some((s) => s.status === 'waiting') ? 'waiting-approval' : 'running';
}

/** Why a run failed: the reason and the reasoner's why-not lines, from its events. */
export function failureOf(
  events: readonly RunEvent[],
): { reason: string; whyNot: string[] } | undefined {
  const finished = lastOf(events, 'run.finished');
  if (!finished || finished.data.status !== 'failed') return undefined;
  let whyNot = finished.data.whyNot ?? [];
  if (whyNot.length === 0) whyNot = lastOf(events, 'plan.failed')?.data.whyNot ?? [];
  return { reason: finished.data.reason ?? 'the run failed', whyNot };
}

export function stepLabel(s: { action: string; args: readonly string[] }): string {
  return `(${[s.action, ...s.args].join(' ')})`;
}

/** A one-line description of an event for the timeline. */
export function describeEvent(e: RunEvent): string {
  const call = (d: { stepId: string; action: string; args: readonly string[] }): string =>
    `${d.stepId} ${stepLabel(d)}`;
  const then = (text: string | undefined, wrap: (t: string) => string): string =>
    text ? wrap(text) : '';
  switch (e.type) {
    case 'run.started':
      return `Run started${then(e.data.mission, (m) => ` — ${m}`)}`;
    case 'facts.derived':
      return `Derived ${e.data.facts.length} facts from the rules`;
    case 'plan.made':
      return `Plan v${e.data.version} made: ${e.data.steps.length} steps`;
    case 'plan.failed':
      return `No plan: ${e.data.reason}`;
    case 'step.assigned':
      return `${call(e.data)} → ${e.data.agent}`;
    case 'step.started':
      return `${call(e.data)} started${then(e.data.agent, (a) => ` by ${a}`)}`;
    case 'step.in-doubt':
      return `${call(e.data)} in doubt: ${e.data.reason}`;
    case 'approval.requested':
      return `${call(e.data)} waits for approval`;
    case 'approval.given':
      return `${e.data.stepId} ${e.data.approved ? 'approved' : 'rejected'}${then(e.data.by, (b) => ` by ${b}`)}${then(e.data.reason, (r) => `: ${r}`)}`;
    case 'step.finished':
      return `${call(e.data)} done${then(e.data.note, (n) => ` — ${n}`)}`;
    case 'step.failed':
      return `${call(e.data)} failed: ${e.data.reason}`;
    case 'facts.changed':
      return `Facts changed: +${e.data.added.length} −${e.data.deleted.length}${e.data.diverged ? ' (not as planned)' : ''}`;
    case 'work.product':
      return `${call(e.data)} handed on "${e.data.title}" (by ${e.data.agent})`;
    case 'teammate.asked':
      return `${e.data.stepId} ${e.data.from} asked ${e.data.to}: ${e.data.question}${e.data.answer === undefined ? ` — refused: ${e.data.error ?? ''}` : ` — ${e.data.answer}`}`;
    case 'replan':
      return `Re-plan: ${e.data.reason}`;
    case 'run.finished':
      return `Run ${e.data.status}${then(e.data.reason, (r) => `: ${r}`)}`;
    case 'run.interrupted':
      return `Run interrupted: ${e.data.reason || 'stopped before the end'} (resumable)`;
    case 'tools.modelled':
      return `Tool models: ${e.data.tools
        .filter((t) => t.source !== 'declared')
        .map((t) => `${t.tool} ${toolSource(t)}`)
        .join('; ')}`;
    default:
      return describeUsage(e) ?? (e as { type: string }).type;
  }
}

/** How a tool's model came about, in words; a proposal is always UNVERIFIED. */
export function toolSource(t: {
  source: string;
  observations: number;
  by?: string | undefined;
}): string {
  const n = `${t.observations} observation${t.observations === 1 ? '' : 's'}`;
  if (t.source === 'learned') return `learned from ${n}`;
  if (t.source === 'proposed')
    return `UNVERIFIED proposal (${t.by === 'model' ? "the model's" : 'bootstrap'})`;
  if (t.source === 'unobserved') return 'no model (never observed)';
  if (t.source === 'unusable') return `no safe model from ${n}`;
  return 'declared';
}

export function timeAgo(iso: string, now = Date.now()): string {
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 5) return 'just now';
  if (s < 60) return `${s}s ago`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.round(m / 60);
  if (h < 24) return `${h} h ago`;
  return new Date(iso).toLocaleDateString();
}
