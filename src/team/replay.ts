/**
 * Replaying a run's log: the state the run reached, and where its loop stood, so that a
 * resumed run goes on as the interrupted one would have. Facts are the initial facts plus
 * every recorded change. A plan whose round was still open (no re-plan, no end after it)
 * is continued with the same steps: those recorded as done or failed are not run again,
 * those started without a recorded outcome run again, with the same step id and attempt.
 */
import type { PlannedStep, RunEvent } from './events.js';

/** The round of a plan that was running when the run stopped. */
export interface OpenRound {
  version: number;
  steps: PlannedStep[];
  /** Steps recorded as done in this round. */
  done: Set<string>;
  /** Steps recorded as failed in this round, and how, in the order they failed. */
  failed: { id: string; reason: string }[];
  /** Steps started in this round with no outcome recorded: they run again first. */
  inFlight: string[];
  /** Steps whose observed effects differed from the plan, in order. */
  diverged: string[];
}

export interface ReplayedRun {
  facts: Set<string>;
  /** Ground action "act a b" -> tries with a recorded outcome. */
  attempts: Map<string, number>;
  rejected: Set<string>;
  stepCounter: number;
  planVersion: number;
  replans: number;
  /** Steps with a recorded outcome (finished or failed). */
  executedBefore: number;
  finished: boolean;
  /** The plan to continue, when its round was open. */
  round: OpenRound | undefined;
  /** The reason of the next plan: the last re-plan's, or 'initial plan' before any plan. */
  nextReason: string | undefined;
}

const factOf = (text: string): string => text.replace(/^\(|\)$/g, '');
const keyOf = (d: Record<string, unknown>): string =>
  [d.action as string, ...(d.args as string[])].join(' ');

/** The state a run reached and where its loop stood, replayed from its log. */
export function replay(events: readonly RunEvent[]): ReplayedRun {
  const r: ReplayedRun = {
    facts: new Set(),
    attempts: new Map(),
    rejected: new Set(),
    stepCounter: 0,
    planVersion: 0,
    replans: 0,
    executedBefore: 0,
    finished: false,
    round: undefined,
    nextReason: 'initial plan',
  };
  const stepKeys = new Map<string, string>();
  const started = new Set<string>();
  for (const e of events) {
    const d = e.data;
    switch (e.type) {
      case 'run.started':
        for (const f of d.facts as string[]) r.facts.add(factOf(f));
        break;
      case 'facts.changed':
        for (const f of d.deleted as string[]) r.facts.delete(factOf(f));
        for (const f of d.added as string[]) r.facts.add(factOf(f));
        if (d.diverged === true) r.round?.diverged.push(d.stepId as string);
        break;
      case 'plan.made': {
        const steps = d.steps as PlannedStep[];
        r.planVersion = d.version as number;
        for (const s of steps) {
          r.stepCounter = Math.max(r.stepCounter, Number(s.id.slice(1)));
          stepKeys.set(s.id, [s.action, ...s.args].join(' '));
        }
        r.round = {
          version: r.planVersion,
          steps,
          done: new Set(),
          failed: [],
          inFlight: [],
          diverged: [],
        };
        r.nextReason = undefined;
        started.clear();
        break;
      }
      case 'step.started':
        started.add(d.stepId as string);
        break;
      case 'step.finished':
      case 'step.failed': {
        r.executedBefore++;
        r.attempts.set(keyOf(d), (r.attempts.get(keyOf(d)) ?? 0) + 1);
        started.delete(d.stepId as string);
        if (e.type === 'step.finished') r.round?.done.add(d.stepId as string);
        else r.round?.failed.push({ id: d.stepId as string, reason: d.reason as string });
        break;
      }
      case 'approval.given':
        if (d.approved === false) r.rejected.add(stepKeys.get(d.stepId as string) ?? '');
        break;
      case 'replan':
        r.replans++;
        r.round = undefined;
        r.nextReason = d.reason as string;
        break;
      case 'plan.failed':
      case 'run.finished':
        r.finished ||= e.type === 'run.finished';
        r.round = undefined;
        break;
      default:
        break;
    }
  }
  if (r.round !== undefined)
    r.round.inFlight = r.round.steps.map((s) => s.id).filter((id) => started.has(id));
  r.rejected.delete('');
  return r;
}
