/**
 * Shapes of the runs API, the same types the server answers with (src/team/log: the event
 * schemas and the run views; see also GET /api/openapi.json), and the step statuses
 * derived from events. Type-only imports: no server code reaches the bundle.
 */
import type { PlannedStep, RunEvent } from '../../src/team/log/events.ts';
import type {
  ApprovalRequest,
  MissionInfo,
  RunDetail,
  RunInfo,
  RunStatus,
} from '../../src/team/log/views.ts';

export type { MissionInfo, PlannedStep, RunDetail, RunEvent, RunInfo, RunStatus };
export type Approval = ApprovalRequest;

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
    default:
      return (e as { type: string }).type;
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
