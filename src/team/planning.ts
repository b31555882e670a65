/**
 * What the planner sees of a mission in a given state — one place, used to plan a round
 * (run/plan-round.ts) and to explain why no plan exists (explain/whynot.ts), so both
 * ground the same task with the same planner.
 */
import type { Condition, Domain, Problem } from '../pddl/ast.js';
import { derivedBases, effAtoms } from './run/deorder.js';
import type { Touch } from './run/deorder.js';
import { problemFor } from './facts.js';
import type { StateView } from './state-view.js';
import type { Mission } from './types.js';

/** The planner the team uses (one import point). */
export { plan, ground } from '../planner/index.js';

export interface DerivedSplit {
  /** Derived predicates whose rules read no predicate an action changes. */
  staticNames: Set<string>;
  /** The other derived predicates: the planner evaluates them in every state. */
  dynamic: Domain['derived'];
}

/**
 * Splits derived predicates: those whose rules read (transitively) no predicate an
 * action changes are static for the planner — their facts are passed as initial facts,
 * recomputed at every planning from the observed state — the others stay derived.
 */
export function splitDerived(domain: Domain): DerivedSplit {
  const fluent = new Set<string>();
  for (const a of domain.actions) {
    const t: Touch = { pre: [], add: [], del: [] };
    effAtoms(a.effect, new Map(), t);
    for (const p of [...t.add, ...t.del]) fluent.add(p.pred);
  }
  const bases = derivedBases(domain);
  const staticNames = new Set(
    [...bases].filter(([, b]) => ![...b].some((p) => fluent.has(p))).map(([d]) => d),
  );
  return { staticNames, dynamic: domain.derived.filter((d) => !staticNames.has(d.head.name)) };
}

/**
 * The planning task of a state: the domain with only its dynamic derived predicates, and
 * the observed facts plus the static derived facts the reasoner holds now.
 */
export function planningTask(
  mission: Mission,
  domain: Domain,
  split: DerivedSplit,
  view: StateView,
  facts: ReadonlySet<string>,
  goal: Condition,
): { domain: Domain; problem: Problem } {
  const staticFacts = [...view.closure(facts)].filter((f) =>
    split.staticNames.has(f.split(' ')[0]!),
  );
  return {
    domain: { ...domain, derived: split.dynamic },
    problem: problemFor(mission, [...facts, ...staticFacts], goal),
  };
}

/** A copy of the domain where each rejected ground action ("act a b") can no longer be planned. */
export function forbid(domain: Domain, rejected: ReadonlySet<string>): Domain {
  if (rejected.size === 0) return domain;
  const byAction = new Map<string, string[][]>();
  for (const r of rejected) {
    const [a, ...args] = r.split(' ');
    byAction.set(a!, [...(byAction.get(a!) ?? []), args]);
  }
  return {
    ...domain,
    actions: domain.actions.map((a) => {
      const bans = byAction.get(a.name);
      if (bans === undefined) return a;
      const extra: Condition[] = bans.map((args) => ({
        kind: 'not',
        arg: {
          kind: 'and',
          args: args.map((v, i): Condition => ({
            kind: 'atom',
            atom: { predicate: '=', args: [a.params[i]!.name, v] },
          })),
        },
      }));
      return {
        ...a,
        precondition: {
          kind: 'and',
          args: [...(a.precondition === undefined ? [] : [a.precondition]), ...extra],
        },
      };
    }),
  };
}
