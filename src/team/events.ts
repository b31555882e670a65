/**
 * The events of a mission run, as written to the store. `data` shapes by type
 * (schema version 1):
 *   run.started        { mission, goal, seed, facts: string[] }          initial observed facts
 *   facts.derived      { facts: string[] }                              derived by the rules before planning
 *   plan.made          { version, reason, cost, planMs, steps: PlannedStep[] }
 *   plan.failed        { reason, whyNot: string[] }
 *   step.assigned      { stepId, agent, action, args }
 *   step.started       { stepId, agent, action, args, attempt }
 *   approval.requested { stepId, agent, action, args }
 *   approval.given     { stepId, approved, by, reason? }
 *   step.finished      { stepId, agent, action, args, ms, note? }
 *   step.failed        { stepId, agent, action, args, ms, reason }
 *   facts.changed      { stepId, added: string[], deleted: string[], diverged: boolean,
 *                        derivedAdded?: string[], derivedRemoved?: string[] }   derived facts that changed with them
 *   replan             { version, reason }
 *   run.finished       { status, steps, replans, elapsedMs, sessionSteps?, reason?, whyNot? }   steps, replans: whole run
 *   run.interrupted    { reason }          stopped before the end (Ctrl-C, the server stopping): resumable
 *   run.resumed        { planVersion: number | null, again: string[] }   the plan continued, steps run again
 */
import type { StoredEvent } from '../store/runs.js';

export type RunEventType =
  | 'run.started'
  | 'facts.derived'
  | 'plan.made'
  | 'plan.failed'
  | 'step.assigned'
  | 'step.started'
  | 'approval.requested'
  | 'approval.given'
  | 'step.finished'
  | 'step.failed'
  | 'facts.changed'
  | 'replan'
  | 'run.finished'
  | 'run.interrupted'
  | 'run.resumed';

export interface RunEvent extends StoredEvent {
  type: RunEventType;
}

export type RunStatus = 'running' | 'waiting-approval' | 'succeeded' | 'failed' | 'interrupted';

/** A step of a plan version, as stored in `plan.made`. */
export interface PlannedStep {
  id: string;
  action: string;
  args: string[];
  agent: string;
  /** Ids of steps this one waits for. */
  dependsOn: string[];
  /** Causal links: what this step achieves for later steps or the goal. */
  supports: string[];
}

export interface ApprovalDecision {
  approved: boolean;
  by?: string;
  reason?: string;
}
export interface ApprovalRequest {
  runId: string;
  stepId: string;
  agent: string;
  action: string;
  args: string[];
}

export interface RunSummary {
  runId: string;
  status: 'succeeded' | 'failed';
  /** Steps executed in the whole run (a resumed run counts those before the resume too). */
  steps: number;
  /** Re-plans in the whole run. */
  replans: number;
  /** For a resumed run: the steps executed since this resume. */
  sessionSteps?: number;
  /** Time of this session, ms. */
  elapsedMs: number;
  reason?: string;
  whyNot?: string[];
}
