/**
 * The observed state of a run: basic facts as "pred a b" keys, evaluated with the
 * validator's lifted semantics (derived predicates recomputed from the rules).
 */
import type { Condition, Domain, PlanStep } from '../pddl/ast.js';
import {
  addDerived,
  collectEffects,
  holds,
  makeWorld,
  unmetParts,
} from '../planner/validator/index.js';
import type { PddlWorld } from '../planner/validator/index.js';
import { problemFor } from './facts.js';
import type { Mission } from './types.js';

export interface StateView {
  world: PddlWorld;
  /** Basic facts plus every derived fact. */
  closure(facts: ReadonlySet<string>): ReadonlySet<string>;
  /** Derived facts only. */
  derived(facts: ReadonlySet<string>): string[];
  holds(c: Condition, facts: ReadonlySet<string>): boolean;
  unmet(c: Condition, facts: ReadonlySet<string>): string[];
  /** Whether a step's precondition holds, and its expected adds/deletes in `facts`. */
  applicable(
    step: PlanStep,
    facts: ReadonlySet<string>,
  ): { ok: boolean; unmet: string[]; adds: string[]; deletes: string[] };
}

/**
 * `derive`, when given, returns the derived facts of the current state (the team's
 * incremental reasoner); otherwise they are recomputed by the validator's lifted fixpoint.
 */
export function stateView(
  mission: Mission,
  derive?: () => ReadonlySet<string>,
  domain: Domain = mission.domain,
): StateView {
  const world = makeWorld(domain, problemFor(mission, [], { kind: 'and', args: [] }));
  const actions = new Map(domain.actions.map((a) => [a.name, a]));
  const noDerived = derive === undefined && domain.derived.length === 0;
  const closure = (facts: ReadonlySet<string>): ReadonlySet<string> => {
    if (noDerived) return facts;
    const s = new Set(facts);
    if (derive !== undefined) for (const d of derive()) s.add(d);
    else addDerived(s, world);
    return s;
  };
  const none = new Map<string, string>();
  return {
    world,
    closure,
    derived: (facts) => [...closure(facts)].filter((f) => !facts.has(f)),
    holds: (c, facts) => holds(c, none, closure(facts), world),
    unmet: (c, facts) => unmetParts(c, none, closure(facts), world),
    applicable(step, facts) {
      const a = actions.get(step.action);
      if (a === undefined)
        return { ok: false, unmet: [`unknown action ${step.action}`], adds: [], deletes: [] };
      const b = new Map(a.params.map((p, i) => [p.name, step.args[i]!]));
      const full = closure(facts);
      const unmet = a.precondition === undefined ? [] : unmetParts(a.precondition, b, full, world);
      const out = { adds: [] as string[], deletes: [] as string[], cost: 0 };
      collectEffects(a.effect, b, full, world, out);
      return { ok: unmet.length === 0, unmet, adds: out.adds, deletes: out.deletes };
    },
  };
}
