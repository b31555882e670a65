/**
 * Invariant synthesis (after Helmert 2009, "Concise finite-domain representations for PDDL
 * planning tasks"): lifted sets of atoms of which at most one is true in any reachable state,
 * e.g. {(at ?p _), (in ?p _)} for each package ?p. A candidate is a set of parts, a predicate
 * each, with one argument position "counted" (or none) and the others bound to the invariant's
 * parameters. It holds when no action can add two of its atoms for the same parameters, and
 * every action that adds one deletes another of the same instance that its precondition
 * requires (or adds an atom already true). A candidate that fails on an add effect is refined
 * with the action's delete effects on other predicates, as in Fast Downward's translator.
 *
 * This version compares arguments syntactically (same variable or object) where the translator
 * solves equality constraints; it can miss an invariant, never claim a false one.
 */
import type { ActionSchema, EffectSchema, PLit, Schemas } from './schemas.js';

const COUNTED = -1;

export interface Part {
  pred: number;
  /** Per argument position: the invariant parameter it is bound to, or COUNTED. */
  args: Int32Array;
}

export interface Invariant {
  parts: Part[];
  /** Number of parameters. */
  arity: number;
}

const MAX_CANDIDATES = 5000;

function partKey(p: Part): string {
  return `${p.pred}:${p.args.join(',')}`;
}

function invKey(parts: Part[]): string {
  return parts.map(partKey).sort().join('|');
}

/** The codes of `lit`'s arguments at each invariant parameter (its part must exist). */
function params(part: Part, lit: PLit, arity: number): Int32Array {
  const out = new Int32Array(arity);
  part.args.forEach((a, pos) => {
    if (a !== COUNTED) out[a] = lit.args[pos]!;
  });
  return out;
}

const sameArgs = (a: Int32Array, b: Int32Array): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);

interface ActionView {
  a: ActionSchema;
  pre: PLit[];
  adds: EffectSchema[];
  dels: EffectSchema[];
  /** Pairs of variable slots that are never equal (declared, or in no reachable binding). */
  distinct: Set<number>;
}

/** Union-find over argument codes (variables < 0, objects >= 0); own variables offset apart. */
class Unifier {
  private parent = new Map<number, number>();
  find(x: number): number {
    let r = x;
    while (this.parent.has(r)) r = this.parent.get(r)!;
    return r;
  }
  /** False when two different objects would be the same. */
  union(x: number, y: number): boolean {
    const a = this.find(x);
    const b = this.find(y);
    if (a === b) return true;
    if (a >= 0 && b >= 0) return false;
    if (a >= 0) this.parent.set(b, a);
    else this.parent.set(a, b);
    return true;
  }
}

export class InvariantFinder {
  private readonly views: ActionView[];
  private readonly addersOf = new Map<number, ActionView[]>();

  constructor(
    readonly sc: Schemas,
    distinctPairs: (schema: number) => Set<number>,
  ) {
    this.views = sc.actions.map((a, i) => {
      const neq = distinctPairs(i);
      for (const c of a.join.checks)
        if (c.kind === 'neq' && c.lit.args[0]! < 0 && c.lit.args[1]! < 0)
          neq.add(pairKey(c.lit.args[0]!, c.lit.args[1]!));
      return {
        a,
        pre: a.lits.filter((l) => !l.negated),
        adds: a.effects.filter((e) => !e.lit.negated),
        dels: a.effects.filter((e) => e.lit.negated),
        distinct: neq,
      };
    });
    for (const v of this.views)
      for (const e of v.adds) {
        const list = this.addersOf.get(e.lit.pred) ?? [];
        if (list.at(-1) !== v) list.push(v);
        this.addersOf.set(e.lit.pred, list);
      }
  }

  /** The invariants found among the candidates, within the candidate budget. */
  find(fluent: (pred: number) => boolean): Invariant[] {
    const queue: Invariant[] = [];
    const seen = new Set<string>();
    const enqueue = (parts: Part[]): void => {
      const k = invKey(parts);
      if (seen.has(k) || seen.size >= MAX_CANDIDATES) return;
      seen.add(k);
      const arity = parts[0]!.args.filter((x) => x !== COUNTED).length;
      queue.push({ parts, arity });
    };
    this.sc.arity.forEach((n, p) => {
      if (!fluent(p)) return;
      enqueue([{ pred: p, args: Int32Array.from({ length: n }, (_, i) => i) }]);
      for (let omit = 0; omit < n; omit++)
        enqueue([
          {
            pred: p,
            args: Int32Array.from({ length: n }, (_, i) =>
              i === omit ? COUNTED : i < omit ? i : i - 1,
            ),
          },
        ]);
    });
    const found: Invariant[] = [];
    for (let i = 0; i < queue.length; i++)
      if (this.holds(queue[i]!, enqueue)) found.push(queue[i]!);
    return found;
  }

  private holds(inv: Invariant, enqueue: (parts: Part[]) => void): boolean {
    const partOf = new Map(inv.parts.map((p) => [p.pred, p]));
    const actions = new Set<ActionView>();
    for (const p of inv.parts) for (const v of this.addersOf.get(p.pred) ?? []) actions.add(v);
    for (const v of actions) {
      const adds = v.adds.filter((e) => partOf.has(e.lit.pred));
      if (this.tooHeavy(inv, partOf, v, adds)) return false;
      for (const e of adds)
        if (!this.balanced(inv, partOf, v, e)) {
          this.refine(inv, partOf, v, e, enqueue);
          return false;
        }
    }
    return true;
  }

  /** Whether one application could add two different atoms of the same instance. */
  private tooHeavy(
    inv: Invariant,
    partOf: Map<number, Part>,
    v: ActionView,
    adds: EffectSchema[],
  ): boolean {
    const nA = v.a.join.nVars;
    for (const e of adds) {
      // Two bindings of the effect's own (forall) variables: different atoms, same instance?
      const part = partOf.get(e.lit.pred)!;
      for (let pos = 0; pos < e.lit.args.length; pos++) {
        const c = e.lit.args[pos]!;
        if (c < 0 && -1 - c >= nA && part.args[pos] === COUNTED) return true;
      }
    }
    for (let i = 0; i < adds.length; i++)
      for (let j = i + 1; j < adds.length; j++) {
        const e1 = adds[i]!;
        const e2 = adds[j]!;
        // Own variables of effects in different groups are different variables.
        const shift = e1.group === e2.group ? 0 : 100000;
        const code2 = (c: number): number => (c < 0 && -1 - c >= nA ? c - shift : c);
        const u = new Unifier();
        const p1 = params(partOf.get(e1.lit.pred)!, e1.lit, inv.arity);
        const p2 = params(partOf.get(e2.lit.pred)!, e2.lit, inv.arity);
        let possible = true;
        for (let k = 0; k < inv.arity && possible; k++) possible = u.union(p1[k]!, code2(p2[k]!));
        if (!possible) continue;
        if (this.contradicts(u, v, nA)) continue;
        // An add of an atom the precondition requires (true already) does not add to the count.
        const holds = (l: PLit, code: (c: number) => number): boolean =>
          v.pre.some(
            (p) =>
              p.pred === l.pred && p.args.every((c, k) => u.find(c) === u.find(code(l.args[k]!))),
          );
        if (holds(e1.lit, (c) => c) || holds(e2.lit, code2)) continue;
        if (
          e1.lit.pred === e2.lit.pred &&
          e1.lit.args.every((c, k) => u.find(c) === u.find(code2(e2.lit.args[k]!)))
        )
          continue; // the same atom
        return true;
      }
    return false;
  }

  /** Whether the unification identifies two action variables that are never equal. */
  private contradicts(u: Unifier, v: ActionView, nA: number): boolean {
    for (let x = 0; x < nA; x++)
      for (let y = x + 1; y < nA; y++)
        if (v.distinct.has(pairKey(-1 - x, -1 - y)) && u.find(-1 - x) === u.find(-1 - y))
          return true;
    return false;
  }

  private balanced(
    inv: Invariant,
    partOf: Map<number, Part>,
    v: ActionView,
    e: EffectSchema,
  ): boolean {
    const isPre = (l: PLit): boolean =>
      v.pre.some((p) => p.pred === l.pred && sameArgs(p.args, l.args));
    if (isPre(e.lit)) return true; // it adds an atom that is already true
    const pe = params(partOf.get(e.lit.pred)!, e.lit, inv.arity);
    for (const d of v.dels) {
      const part = partOf.get(d.lit.pred);
      if (part === undefined || (d.group !== -1 && d.group !== e.group)) continue;
      if (!isPre(d.lit) || !sameArgs(params(part, d.lit, inv.arity), pe)) continue;
      // A delete of an atom the action may also add does not happen (add wins): no balance.
      if (v.adds.some((a) => a !== e && this.mayBeEqual(v, d.lit, a.lit, inv, partOf))) continue;
      return true;
    }
    return false;
  }

  /**
   * Whether two atoms of one action (own variables aside) can be the same ground atom in a
   * state where the invariant holds: not when the precondition would then need two different
   * atoms of one instance of it.
   */
  private mayBeEqual(
    v: ActionView,
    x: PLit,
    y: PLit,
    inv: Invariant,
    partOf: Map<number, Part>,
  ): boolean {
    if (x.pred !== y.pred) return false;
    const nA = v.a.join.nVars;
    const u = new Unifier();
    for (let k = 0; k < x.args.length; k++) {
      const a = x.args[k]!;
      const b = y.args[k]!;
      // The other effect's own (forall) variables may take any value.
      if ((b < 0 && -1 - b >= nA) || (a < 0 && -1 - a >= nA)) continue;
      if (!u.union(a, b)) return false;
    }
    if (this.contradicts(u, v, nA)) return false;
    const pre = v.pre.filter((l) => partOf.has(l.pred));
    const same = (p: Int32Array, q: Int32Array): boolean =>
      p.every((c, k) => u.find(c) === u.find(q[k]!));
    for (let i = 0; i < pre.length; i++)
      for (let j = i + 1; j < pre.length; j++) {
        const p1 = pre[i]!;
        const p2 = pre[j]!;
        const k1 = params(partOf.get(p1.pred)!, p1, inv.arity);
        const k2 = params(partOf.get(p2.pred)!, p2, inv.arity);
        if (same(k1, k2) && !(p1.pred === p2.pred && same(p1.args, p2.args))) return false;
      }
    return true;
  }

  /** Candidates that add a part for one of the action's other deletes, to balance `e`. */
  private refine(
    inv: Invariant,
    partOf: Map<number, Part>,
    v: ActionView,
    e: EffectSchema,
    enqueue: (parts: Part[]) => void,
  ): void {
    const pe = params(partOf.get(e.lit.pred)!, e.lit, inv.arity);
    if (new Set(pe).size !== pe.length) return; // ambiguous: two parameters, one argument
    for (const d of v.dels) {
      if (partOf.has(d.lit.pred) || (d.group !== -1 && d.group !== e.group)) continue;
      const args = new Int32Array(d.lit.args.length).fill(COUNTED);
      let counted = 0;
      const used = new Set<number>();
      d.lit.args.forEach((c, pos) => {
        const k = pe.indexOf(c);
        if (k >= 0 && !used.has(k)) {
          args[pos] = k;
          used.add(k);
        } else counted++;
      });
      if (used.size !== inv.arity || counted > 1) continue;
      enqueue([...inv.parts, { pred: d.lit.pred, args }]);
    }
  }
}

export function pairKey(x: number, y: number): number {
  const a = Math.min(-x, -y);
  const b = Math.max(-x, -y);
  return a * 65536 + b;
}
