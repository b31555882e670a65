/** Shapes of the runs API (see GET /api/openapi.json) and the step statuses derived from events. */
export type RunStatus = 'running' | 'waiting-approval' | 'succeeded' | 'failed' | 'interrupted';

export interface MissionInfo {
  name: string;
  description: string;
  source: 'example' | 'loaded';
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

/** A page of GET /api/runs: newest first; `nextCursor` fetches the next (older) page. */
export interface RunsPage {
  runs: RunInfo[];
  nextCursor: string | null;
}

/** The first page (refreshed) followed by the older pages loaded so far, each run once. */
export function mergeRunPages(first: readonly RunInfo[], older: readonly RunInfo[]): RunInfo[] {
  const seen = new Set(first.map((r) => r.id));
  return [...first, ...older.filter((r) => !seen.has(r.id))];
}

export interface PlannedStep {
  id: string;
  action: string;
  args: string[];
  agent: string;
  dependsOn: string[];
  supports: string[];
}

export interface Approval {
  runId: string;
  stepId: string;
  agent: string;
  action: string;
  args: string[];
}

export interface RunDetail extends RunInfo {
  plans: Array<{ version: number; reason: string; steps: PlannedStep[] }>;
  facts: string[];
  derived: string[];
  pendingApprovals: Approval[];
}

export interface RunEvent {
  runId: string;
  seq: number;
  at: string;
  v: number;
  type: string;
  data: Record<string, unknown>;
}

/** The status of each step, from the events seen so far (later events win). */
export function stepStatuses(events: readonly RunEvent[]): Map<string, string> {
  const status = new Map<string, string>();
  for (const e of events) {
    const step =
      typeof e.data.stepId === 'string'
        ? e.data.stepId
        : typeof e.data.step === 'string'
          ? e.data.step
          : undefined;
    if (!step) continue;
    switch (e.type) {
      case 'step.assigned':
        if (!status.has(step)) status.set(step, 'pending');
        break;
      case 'step.started':
        status.set(step, 'running');
        break;
      case 'approval.requested':
        status.set(step, 'waiting');
        break;
      case 'approval.given':
        status.set(step, e.data.approved === false ? 'rejected' : 'approved');
        break;
      case 'step.finished':
        status.set(step, 'done');
        break;
      case 'step.failed':
        status.set(step, 'failed');
        break;
      default:
        break;
    }
  }
  return status;
}

/** The newest event of a type, if any. */
export function lastOf(events: readonly RunEvent[], type: string): RunEvent | undefined {
  for (let i = events.length - 1; i >= 0; i--) if (events[i]!.type === type) return events[i];
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
  const lines = (v: unknown): string[] =>
    Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  let whyNot = lines(finished.data.whyNot);
  if (whyNot.length === 0) whyNot = lines(lastOf(events, 'plan.failed')?.data.whyNot);
  const reason = typeof finished.data.reason === 'string' ? finished.data.reason : 'the run failed';
  return { reason, whyNot };
}

export function stepLabel(s: { action: string; args: string[] }): string {
  return `(${[s.action, ...s.args].join(' ')})`;
}

/** A one-line description of an event for the timeline. */
export function describeEvent(e: RunEvent): string {
  const d = e.data;
  const str = (k: string): string => (typeof d[k] === 'string' ? (d[k] as string) : '');
  const step = str('stepId') || str('step');
  const action =
    typeof d.action === 'string'
      ? `(${[d.action, ...((d.args as string[] | undefined) ?? [])].join(' ')})`
      : '';
  switch (e.type) {
    case 'run.started':
      return `Run started${str('mission') ? ` — ${str('mission')}` : ''}`;
    case 'facts.derived':
      return `Derived ${Array.isArray(d.facts) ? d.facts.length : Array.isArray(d.derived) ? d.derived.length : ''} facts from the rules`;
    case 'plan.made':
      return `Plan v${String(d.version ?? '')} made: ${Array.isArray(d.steps) ? d.steps.length : '?'} steps`;
    case 'plan.failed':
      return `No plan: ${str('reason') || str('status')}`;
    case 'step.assigned':
      return `${step} ${action} → ${str('agent')}`;
    case 'step.started':
      return `${step} ${action} started${str('agent') ? ` by ${str('agent')}` : ''}`;
    case 'approval.requested':
      return `${step} ${action} waits for approval`;
    case 'approval.given':
      return `${step} ${d.approved === false ? 'rejected' : 'approved'}${str('by') ? ` by ${str('by')}` : ''}${str('reason') ? `: ${str('reason')}` : ''}`;
    case 'step.finished':
      return `${step} ${action} done${str('note') ? ` — ${str('note')}` : ''}`;
    case 'step.failed':
      return `${step} ${action} failed: ${str('reason')}`;
    case 'facts.changed': {
      const added = Array.isArray(d.added) ? d.added.length : 0;
      const removed = Array.isArray(d.deleted) ? d.deleted.length : 0;
      return `Facts changed: +${added} −${removed}${d.diverged ? ' (not as planned)' : ''}`;
    }
    case 'replan':
      return `Re-plan: ${str('reason')}`;
    case 'run.finished':
      return `Run ${str('status') || 'finished'}${str('reason') ? `: ${str('reason')}` : ''}`;
    case 'run.interrupted':
      return `Run interrupted: ${str('reason') || 'stopped before the end'} (resumable)`;
    default:
      return e.type;
  }
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
