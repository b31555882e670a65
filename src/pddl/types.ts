/**
 * Type membership over a domain's hierarchy: which objects (problem objects and domain
 * constants) belong to a type, `either` included. Used by the validator; handy for
 * any grounding.
 */
import type { Domain, Problem } from './ast.js';

export interface TypeTable {
  /** Every object and constant, in declaration order (constants first). */
  objects: string[];
  /** Objects of any of `types` (an `either` list); ['object'] is everything. */
  objectsOf(types: readonly string[]): string[];
  /** Whether `name` is a known object or constant. */
  has(name: string): boolean;
  /** Whether object `name` belongs to any of `types`. */
  isOfType(name: string, types: readonly string[]): boolean;
}

/** Every type `t` is a subtype of: itself, its parents (all of them for `either`), ..., 'object'. */
function ancestors(domain: Pick<Domain, 'types'>): Map<string, Set<string>> {
  const parents = new Map(domain.types.map((t) => [t.name, t.parents]));
  const out = new Map<string, Set<string>>();
  const closure = (t: string): Set<string> => {
    const done = out.get(t);
    if (done !== undefined) return done;
    const set = new Set<string>([t, 'object']);
    out.set(t, set); // the parser rejects cycles; this guards the recursion anyway
    for (const p of parents.get(t) ?? []) for (const a of closure(p)) set.add(a);
    return set;
  };
  for (const t of parents.keys()) closure(t);
  return out;
}

export function buildTypeTable(
  domain: Pick<Domain, 'types' | 'constants'>,
  problem: Pick<Problem, 'objects'>,
): TypeTable {
  const anc = ancestors(domain);
  const typesOf = new Map<string, Set<string>>();
  for (const o of [...domain.constants, ...problem.objects]) {
    const set = typesOf.get(o.name) ?? new Set<string>(['object']);
    for (const t of o.types) for (const a of anc.get(t) ?? [t]) set.add(a);
    typesOf.set(o.name, set);
  }
  const objects = [...typesOf.keys()];
  const cache = new Map<string, string[]>();
  return {
    objects,
    has: (name) => typesOf.has(name),
    isOfType: (name, types) => {
      const set = typesOf.get(name);
      return set !== undefined && types.some((t) => set.has(t));
    },
    objectsOf: (types) => {
      const key = types.join(' ');
      let hit = cache.get(key);
      if (hit === undefined) {
        hit = objects.filter((o) => types.some((t) => typesOf.get(o)!.has(t)));
        cache.set(key, hit);
      }
      return hit;
    },
  };
}
