/**
 * Syntactic precision and recall of a learned model against a reference domain, counted
 * as AMLGym does: per lifted action, over the literals of its precondition and of its
 * effect, then averaged over the reference's actions. An action with nothing predicted
 * has precision 1; with nothing to find, recall 1. A guard (a disjunctive precondition)
 * counts as one precondition literal, never a correct one.
 */
import type { Condition, Domain, Effect } from '../pddl/ast.js';
import { formatCondition } from '../pddl/index.js';
import type { LearnedAction } from './types.js';

export interface Scores {
  precondition: { precision: number; recall: number };
  effect: { precision: number; recall: number };
}

function literals(c: Condition | undefined, out: Set<string>): Set<string> {
  if (c === undefined) return out;
  if (c.kind === 'and') for (const a of c.args) literals(a, out);
  else out.add(formatCondition(c));
  return out;
}

function effects(e: Effect, out: Set<string>): Set<string> {
  if (e.kind === 'and') for (const a of e.args) effects(a, out);
  else if (e.kind === 'add') out.add(formatCondition({ kind: 'atom', atom: e.atom }));
  else if (e.kind === 'delete') out.add(`(not ${formatCondition({ kind: 'atom', atom: e.atom })})`);
  else out.add(`(${e.kind} ...)`);
  return out;
}

function learnedSets(a: LearnedAction | undefined): { pre: Set<string>; eff: Set<string> } {
  if (a === undefined || a.status !== 'learned') return { pre: new Set(), eff: new Set() };
  const pre = new Set(
    a.precondition.map((l) => {
      const atom = formatCondition({ kind: 'atom', atom: l.atom });
      return l.positive ? atom : `(not ${atom})`;
    }),
  );
  a.guards.forEach((_, i) => pre.add(`(or #${i})`));
  const eff = new Set([
    ...a.add.map((atom) => formatCondition({ kind: 'atom', atom })),
    ...a.del.map((atom) => `(not ${formatCondition({ kind: 'atom', atom })})`),
  ]);
  return { pre, eff };
}

function pr(found: Set<string>, truth: Set<string>): { precision: number; recall: number } {
  const hit = [...found].filter((x) => truth.has(x)).length;
  return {
    precision: found.size === 0 ? 1 : hit / found.size,
    recall: truth.size === 0 ? 1 : hit / truth.size,
  };
}

/** Scores of `learned` against `reference`, averaged over the reference's actions. */
export function syntacticScores(learned: readonly LearnedAction[], reference: Domain): Scores {
  const byName = new Map(learned.map((a) => [a.name, a]));
  const sum = { pp: 0, pr: 0, ep: 0, er: 0 };
  for (const ref of reference.actions) {
    const l = learnedSets(byName.get(ref.name));
    const p = pr(l.pre, literals(ref.precondition, new Set()));
    const e = pr(l.eff, effects(ref.effect, new Set()));
    sum.pp += p.precision;
    sum.pr += p.recall;
    sum.ep += e.precision;
    sum.er += e.recall;
  }
  const n = Math.max(1, reference.actions.length);
  return {
    precondition: { precision: sum.pp / n, recall: sum.pr / n },
    effect: { precision: sum.ep / n, recall: sum.er / n },
  };
}

/**
 * `domain` with the effects no observation can show removed: a delete of an atom the
 * action also adds (the add wins), and an add of an atom its precondition requires
 * true. Scoring against it measures what a learner from states
 * could possibly find (AMLGym scores against the domain as written).
 */
export function observableEffects(domain: Domain): Domain {
  return {
    ...domain,
    actions: domain.actions.map((a) => {
      const pre = literals(a.precondition, new Set());
      const eff = effects(a.effect, new Set());
      const kept = (e: Effect): boolean => {
        if (e.kind === 'delete') return !eff.has(formatCondition({ kind: 'atom', atom: e.atom }));
        if (e.kind !== 'add') return true;
        return !pre.has(formatCondition({ kind: 'atom', atom: e.atom }));
      };
      const filter = (e: Effect): Effect =>
        e.kind === 'and' ? { kind: 'and', args: e.args.filter(kept).map(filter) } : e;
      return { ...a, effect: filter(a.effect) };
    }),
  };
}
