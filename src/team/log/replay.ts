/**
 * A run's state, replayed from its log: the observed facts (initial facts plus every
 * recorded change), the counters a resumed run continues from, and the derived facts
 * the run's detail shows.
 */
import type { RunEvent } from './events.js';

export interface Replayed {
  /** Observed basic facts, "pred a b" keys. */
  facts: Set<string>;
  /** Ground action "act a b" -> tries recorded so far. */
  attempts: Map<string, number>;
  /** Ground actions a person rejected: never planned again. */
  rejected: Set<string>;
  /** The highest step number planned so far (steps are s1, s2...). */
  stepCounter: number;
  planVersion: number;
  replans: number;
  /** Steps that ended (finished or failed). */
  executedBefore: number;
  /** Steps started and never ended: in flight when the run stopped. */
  inFlight: number;
  finished: boolean;
}

const factOf = (text: string): string => text.replace(/^\(|\)$/g, '');
const groundKey = (s: { action: string; args: readonly string[] }): string =>
  [s.action, ...s.args].join(' ');

/** Folds a run's events into the state it reached. */
export function replay(events: readonly RunEvent[]): Replayed {
  const r: Replayed = {
    facts: new Set(),
    attempts: new Map(),
    rejected: new Set(),
    stepCounter: 0,
    planVersion: 0,
    replans: 0,
    executedBefore: 0,
    inFlight: 0,
    finished: false,
  };
  const stepKeys = new Map<string, string>();
  for (const e of events) {
    switch (e.type) {
      case 'run.started':
        for (const f of e.data.facts) r.facts.add(factOf(f));
        break;
      case 'facts.changed':
        for (const f of e.data.deleted) r.facts.delete(factOf(f));
        for (const f of e.data.added) r.facts.add(factOf(f));
        break;
      case 'plan.made':
        r.planVersion = e.data.version;
        for (const s of e.data.steps) {
          r.stepCounter = Math.max(r.stepCounter, Number(s.id.slice(1)));
          stepKeys.set(s.id, groundKey(s));
        }
        break;
      case 'step.started': {
        const key = groundKey(e.data);
        r.attempts.set(key, Math.max(r.attempts.get(key) ?? 0, e.data.attempt));
        r.inFlight++;
        break;
      }
      case 'step.finished':
      case 'step.failed':
        r.executedBefore++;
        r.inFlight--;
        break;
      case 'approval.given': {
        const key = stepKeys.get(e.data.stepId);
        if (!e.data.approved && key !== undefined) r.rejected.add(key);
        break;
      }
      case 'replan':
        r.replans++;
        break;
      case 'run.finished':
        r.finished = true;
        break;
      default:
        break;
    }
  }
  return r;
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
