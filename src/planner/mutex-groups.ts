/**
 * Ground mutex groups from the lifted invariants: the reachable basic facts of each invariant,
 * grouped by its parameters. A group with at most one fact true initially keeps at most one
 * true in every reachable state (Helmert's invariants: the count never grows).
 */
import type { AtomTable, IntVec } from './atoms.js';
import { InvariantFinder, pairKey } from './invariants.js';
import type { Schemas } from './schemas.js';

/** Pairs of variables (among the first `nVars`) never equal in any of the bindings. */
function distinctPairs(bindings: IntVec, nVars: number, nParams: number): Set<number> {
  const n = Math.min(nParams, 24);
  const equalSeen = new Uint8Array(n * n);
  const data = bindings.data;
  const stride = Math.max(1, nVars);
  for (let b = 0; b + stride <= bindings.length; b += stride)
    for (let x = 0; x < n; x++)
      for (let y = x + 1; y < n; y++) if (data[b + x] === data[b + y]) equalSeen[x * n + y] = 1;
  const out = new Set<number>();
  for (let x = 0; x < n; x++)
    for (let y = x + 1; y < n; y++) if (!equalSeen[x * n + y]) out.add(pairKey(-1 - x, -1 - y));
  return out;
}

/**
 * The mutex groups over basic facts (fact ids below `basicCount`), each with two facts or more,
 * no two alike.
 */
export function mutexGroups(
  sc: Schemas,
  atoms: AtomTable,
  actionBindings: IntVec[],
  atomFact: Int32Array,
  basicCount: number,
  initFacts: ReadonlySet<number>,
): Int32Array[] {
  const finder = new InvariantFinder(sc, (i) =>
    distinctPairs(actionBindings[i]!, sc.actions[i]!.join.nVars, sc.actions[i]!.join.nVars),
  );
  const invariants = finder.find((p) => !sc.isStatic[p] && !sc.isDerived[p]);
  const out: Int32Array[] = [];
  const seen = new Set<string>();
  for (const inv of invariants) {
    const partOf = new Map(inv.parts.map((p) => [p.pred, p]));
    const groups = new Map<string, number[]>();
    for (let id = 0; id < atoms.count; id++) {
      const f = atomFact[id]!;
      if (f < 0 || f >= basicCount) continue;
      const part = partOf.get(atoms.pred.data[id]!);
      if (part === undefined) continue;
      const off = atoms.argStart.data[id]!;
      const key = new Array<number>(inv.arity);
      part.args.forEach((k, pos) => {
        if (k >= 0) key[k] = atoms.args.data[off + pos]!;
      });
      const k = key.join(' ');
      const g = groups.get(k);
      if (g === undefined) groups.set(k, [f]);
      else g.push(f);
    }
    for (const g of groups.values()) {
      if (g.length < 2 || g.filter((f) => initFacts.has(f)).length > 1) continue;
      g.sort((x, y) => x - y);
      const k = g.join(' ');
      if (seen.has(k)) continue;
      seen.add(k);
      out.push(Int32Array.from(g));
    }
  }
  return out;
}
