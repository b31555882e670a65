/**
 * Replaying a run's log: the state the run reached, and where its loop stood, so that a
 * resumed run goes on as the interrupted one would have. Facts are the initial facts plus
 * every recorded change. A plan whose round was still open (no re-plan, no end after it)
 * is continued with the same steps: those recorded as done or failed are not run again,
 * those started without a recorded outcome run again, with the same step id and attempt.
 * Also: the derived facts a run's detail shows.
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

export interface Replayed {
  /** Observed basic facts, "pred a b" keys. */
  facts: Set<string>;
  /** Ground action "act a b" -> its tries with a recorded outcome. */
  attempts: Map<string, number>;
  /** Ground actions a person rejected: never planned again. */
  rejected: Set<string>;
  /** The highest step number planned so far (steps are s1, s2...). */
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
const groundKey = (s: { action: string; args: readonly string[] }): string =>
  [s.action, ...s.args].join(' ');

/** The state a run reached and where its loop stood, replayed from its log. */
export function replay(events: readonly RunEvent[]): Replayed {
  const r: Replayed = {
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
  for (const e of events) replayOne(r, e, stepKeys, started);
  if (r.round !== undefined)
    r.round.inFlight = r.round.steps.map((s) => s.id).filter((id) => started.has(id));
  return r;
}

function replayOne(
  r: Replayed,
  e: RunEvent,
  stepKeys: Map<string, string>,
  started: Set<string>,
): void {
  switch (e.type) {
    case 'run.started':
      for (const f of e.data.facts) r.facts.add(factOf(f));
      break;
    case 'facts.changed':
      for (const f of e.data.deleted) r.facts.delete(factOf(f));
      for (const f of e.data.added) r.facts.add(factOf(f));
      if (e.data.diverged) r.round?.diverged.push(e.data.stepId);
      break;
    case 'plan.made': {
      const { steps, version } = e.data;
      r.planVersion = version;
      for (const s of steps) {
        r.stepCounter = Math.max(r.stepCounter, Number(s.id.slice(1)));
        stepKeys.set(s.id, groundKey(s));
      }
      r.round = { version, steps, done: new Set(), failed: [], inFlight: [], diverged: [] };
      r.nextReason = undefined;
      started.clear();
      break;
    }
    case 'step.started':
      started.add(e.data.stepId);
      break;
    case 'step.finished':
    case 'step.failed': {
      const key = groundKey(e.data);
      r.executedBefore++;
      r.attempts.set(key, (r.attempts.get(key) ?? 0) + 1);
      started.delete(e.data.stepId);
      if (e.type === 'step.finished') r.round?.done.add(e.data.stepId);
      else r.round?.failed.push({ id: e.data.stepId, reason: e.data.reason });
      break;
    }
    case 'approval.given': {
      const key = stepKeys.get(e.data.stepId);
      if (!e.data.approved && key !== undefined) r.rejected.add(key);
      break;
    }
    case 'replan':
      r.replans++;
      r.round = undefined;
      r.nextReason = e.data.reason;
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

/** The derived facts now: the snapshot taken before the last planning, then each step's derived changes since. */
export function currentDerived(events: readonly RunEvent[]): string[] {
  let from = -1;
  for (let i = events.length - 1; i >= 0; i--)
    if (events[i]!.type === 'facts.derived') {
      from = i;
      break;
    }
  const snapshot = events[from];
  if (snapshot?.type !== 'facts.derived') return [];
  const derived = new Set(snapshot.data.facts);
  for (const e of events.slice(from + 1)) {
    if (e.type !== 'facts.changed') continue;
    for (const f of e.data.derivedRemoved ?? []) derived.delete(f);
    for (const f of e.data.derivedAdded ?? []) derived.add(f);
  }
  return [...derived].sort();
}
