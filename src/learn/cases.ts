/**
 * The guards of one action as one case split on the binding's equalities: for every way
 * the terms the guards mention can coincide, the literals that binding needs. A planner
 * that turns preconditions into disjunctive normal form gets one disjunct per case
 * rather than the product of the guards' alternatives.
 */
import type { Term } from './lifted.js';
import { atomKey, partitions } from './lifted.js';
import type { LiftedAtom } from './lifted.js';
import type { ActionContext } from './lifted.js';
import type { Guard, Literal } from './types.js';

/** Above this many partitions, only the case "all terms distinct" is kept. */
const MAX_CASES = 300;

const eq = (x: string, y: string, positive: boolean): Literal => ({
  atom: { predicate: '=', args: [x, y] },
  positive,
});

/** What a guard asks of a binding with classes `p`: nothing (true), a literal, or impossible (false). */
function underPartition(g: Guard, p: Map<string, string>): true | false | Literal {
  let needs: Literal | undefined;
  for (const alt of g) {
    const eqs = alt.filter((l) => l.atom.predicate === '=');
    const holds = eqs.every(
      (l) => (p.get(l.atom.args[0]!) === p.get(l.atom.args[1]!)) === l.positive,
    );
    if (!holds) continue;
    const atoms = alt.filter((l) => l.atom.predicate !== '=');
    if (atoms.length === 0) return true;
    needs = atoms[0];
  }
  return needs ?? false;
}

/** The equalities and inequalities that say a binding has exactly the classes of `p`. */
function describe(ctx: ActionContext, p: Map<string, string>, terms: Term[]): Literal[] {
  const roots = [...new Set(p.values())];
  const out: Literal[] = [];
  for (const t of terms) if (p.get(t.name) !== t.name) out.push(eq(p.get(t.name)!, t.name, true));
  const byName = new Map(terms.map((t) => [t.name, t]));
  roots.forEach((a, i) =>
    roots.slice(i + 1).forEach((b) => {
      const [x, y] = [byName.get(a)!, byName.get(b)!];
      if (x.isParam || y.isParam)
        if (ctx.lattice.canMeet(x.types, y.types)) out.push(eq(a, b, false));
    }),
  );
  return out;
}

/**
 * One guard equivalent to all of `guards` (or stronger, past MAX_CASES), as cases; an
 * empty list when no binding passes them all. `model` rules out bindings that make a
 * required fact and a forbidden one the same.
 */
export function caseSplit(
  ctx: ActionContext,
  terms: Map<string, Term>,
  guards: readonly Guard[],
  model: { atoms: LiftedAtom[]; pos: boolean[]; neg: boolean[] },
): Guard {
  const involved = [
    ...new Set(guards.flat(2).flatMap((l) => (l.atom.predicate === '=' ? l.atom.args : []))),
  ];
  const used = involved.map((n) => terms.get(n)!);
  const all: Map<string, string>[] = [];
  for (const p of partitions(ctx, used)) if (all.push(p) > MAX_CASES) break;
  const candidates = all.length > MAX_CASES ? [new Map(used.map((t) => [t.name, t.name]))] : all;
  const cases: Guard = [];
  for (const p of candidates) {
    const find = (x: string) => p.get(x) ?? x;
    const image = (a: LiftedAtom) => atomKey(a.predicate, a.args.map(find));
    const required = new Set(model.atoms.flatMap((a, i) => (model.pos[i] ? [image(a)] : [])));
    if (model.atoms.some((a, i) => model.neg[i] && required.has(image(a)))) continue;
    const needs = guards.map((g) => underPartition(g, p));
    if (needs.includes(false)) continue;
    const literals = needs.filter((n): n is Literal => n !== true);
    const unique = [...new Map(literals.map((l) => [JSON.stringify(l), l])).values()];
    cases.push([...describe(ctx, p, used), ...unique]);
  }
  return cases;
}
