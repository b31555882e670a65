/**
 * Lifted atoms of one action: the predicates of the vocabulary applied to the action's
 * parameters and the domain's constants ("terms"), each term at most once per atom, and
 * only where the term's type can meet the predicate's argument type.
 */
import type { Domain, TypedName } from '../pddl/ast.js';

export interface TypeLattice {
  /** Whether an object could be of one of `a` and of one of `b` at once. */
  canMeet(a: readonly string[], b: readonly string[]): boolean;
  /** Whether type `t` is `of` or below it. */
  isA(t: string, of: string): boolean;
}

export function typeLattice(domain: Pick<Domain, 'types'>): TypeLattice {
  const parents = new Map(domain.types.map((t) => [t.name, t.parents]));
  const up = new Map<string, Set<string>>();
  const ancestors = (t: string): Set<string> => {
    let set = up.get(t);
    if (set !== undefined) return set;
    set = new Set([t, 'object']);
    up.set(t, set);
    for (const p of parents.get(t) ?? []) for (const a of ancestors(p)) set.add(a);
    return set;
  };
  const all = [...new Set(['object', ...parents.keys()])];
  const cache = new Map<string, boolean>();
  return {
    isA: (t, of) => ancestors(t).has(of),
    canMeet(a, b) {
      const key = `${a.join(',')}|${b.join(',')}`;
      let hit = cache.get(key);
      if (hit === undefined) {
        hit = all.some((t) => {
          const anc = ancestors(t);
          return a.some((x) => anc.has(x)) && b.some((y) => anc.has(y));
        });
        cache.set(key, hit);
      }
      return hit;
    },
  };
}

/** A term of an action: a parameter (`?x`) or a constant, with its types. */
export interface Term {
  name: string;
  types: string[];
  isParam: boolean;
}

export interface LiftedAtom {
  predicate: string;
  args: string[];
  /** "pred ?x c": the atom's identity. */
  key: string;
}

export function atomKey(predicate: string, args: readonly string[]): string {
  return args.length === 0 ? predicate : `${predicate} ${args.join(' ')}`;
}

export function termsOf(params: readonly TypedName[], constants: readonly TypedName[]): Term[] {
  return [
    ...params.map((p) => ({ name: p.name, types: p.types, isParam: true })),
    ...constants.map((c) => ({ name: c.name, types: c.types, isParam: false })),
  ];
}

/** Every lifted atom over `terms` (distinct terms in an atom), in predicate then term order. */
export function liftedUniverse(
  domain: Pick<Domain, 'predicates'>,
  terms: readonly Term[],
  lattice: TypeLattice,
): LiftedAtom[] {
  const out: LiftedAtom[] = [];
  for (const p of domain.predicates) {
    const slots = p.params.map((s) => terms.filter((t) => lattice.canMeet(t.types, s.types)));
    const pick = (i: number, chosen: string[]): void => {
      if (i === slots.length) {
        out.push({ predicate: p.name, args: [...chosen], key: atomKey(p.name, chosen) });
        return;
      }
      for (const t of slots[i]!) {
        if (chosen.includes(t.name)) continue;
        chosen.push(t.name);
        pick(i + 1, chosen);
        chosen.pop();
      }
    };
    pick(0, []);
  }
  return out;
}

/** Union-find over term names, for equalities between terms. */
export class TermClasses {
  private readonly parent = new Map<string, string>();

  find(t: string): string {
    let r = t;
    while (this.parent.has(r)) r = this.parent.get(r)!;
    return r;
  }

  /** Merges the classes of `a` and `b`; `prefer` decides which root names the class. */
  union(a: string, b: string, prefer: (x: string, y: string) => boolean): boolean {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return false;
    if (prefer(ra, rb)) this.parent.set(rb, ra);
    else this.parent.set(ra, rb);
    return true;
  }
}

/** Whether one object could be bound to all terms of a class. */
export function classPossible(ctx: { lattice: TypeLattice }, members: Term[]): boolean {
  const constants = members.filter((t) => !t.isParam);
  if (constants.length > 1) return false;
  const params = members.filter((t) => t.isParam);
  const c = constants[0];
  if (c !== undefined)
    return params.every((p) => c.types.some((ct) => p.types.some((pt) => ctx.lattice.isA(ct, pt))));
  return params.every((p, i) =>
    params.slice(i + 1).every((q) => ctx.lattice.canMeet(p.types, q.types)),
  );
}

/** Every partition of `terms` into classes one object could fill, as a term -> class name map. */
export function* partitions(
  ctx: { lattice: TypeLattice },
  terms: Term[],
): Generator<Map<string, string>> {
  const blocks: Term[][] = [];
  function* place(i: number): Generator<Map<string, string>> {
    if (i === terms.length) {
      yield new Map(blocks.flatMap((b) => b.map((t) => [t.name, b[0]!.name] as [string, string])));
      return;
    }
    const t = terms[i]!;
    for (const b of blocks) {
      if (!classPossible(ctx, [...b, t])) continue;
      b.push(t);
      yield* place(i + 1);
      b.pop();
    }
    blocks.push([t]);
    yield* place(i + 1);
    blocks.pop();
  }
  yield* place(0);
}

/** What learning an action works with (shared by sam.ts, cases.ts and groups.ts). */
export interface ActionContext {
  vocabulary: Domain;
  /** The constants lifted atoms may mention (besides the action's parameters). */
  constants: readonly TypedName[];
  lattice: TypeLattice;
  derived: ReadonlySet<string>;
}
