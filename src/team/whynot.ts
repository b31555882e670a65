/**
 * Why the goal is not reached: the goal parts that are false in the observed state and,
 * for a derived fact, which premises of its rule are missing (one level deep, per rule).
 */
import type { Condition } from '../pddl/ast.js';
import { holds, unmetParts } from '../planner/validator/world.js';
import { stateView } from './state.js';
import type { Mission } from './types.js';
import type { TeamKnowledge } from './knowledge.js';

export function explainGoal(mission: Mission, goal: Condition, facts: ReadonlySet<string>, knowledge?: TeamKnowledge): string[] {
  const view = stateView(mission);
  const full = view.closure(facts);
  const out: string[] = [];
  const derived = new Map<string, typeof mission.domain.derived>();
  for (const d of mission.domain.derived) derived.set(d.head.name, [...(derived.get(d.head.name) ?? []), d]);
  const visit = (c: Condition): void => {
    if (c.kind === 'and') { c.args.forEach(visit); return; }
    if (holds(c, new Map(), full, view.world)) return;
    const parts = unmetParts(c, new Map(), full, view.world);
    if (c.kind === 'atom' && knowledge !== undefined) {
      const lines = knowledge.whyNot([c.atom.predicate, ...c.atom.args].join(' '));
      if (lines !== undefined) { out.push(...lines); return; }
    }
    if (c.kind === 'atom' && derived.has(c.atom.predicate)) {
      for (const d of derived.get(c.atom.predicate)!) {
        const b = new Map(d.head.params.map((p, i) => [p.name, c.atom.args[i]!]));
        const missing = unmetParts(d.body, b, full, view.world);
        out.push(`${parts[0]} is not derived: its rule needs ${missing.join(' and ')}`);
      }
      return;
    }
    for (const p of parts) out.push(`${p} is false in the observed state and the team has no plan to make it true`);
  };
  visit(goal);
  return out;
}
