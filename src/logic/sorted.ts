/**
 * The facts of a relation in sorted order, computed on the integer tuples: values are
 * ranked once (ids sorted by `compareValues`), then tuples are sorted by the ranks of
 * their ids, and handed out in batches of ids. No atom, string or per-tuple object:
 * printing 10 M facts needs the relation and a few small buffers.
 *
 * Binary relations are read group by group (the membership tables group rows by first
 * value): first values in rank order, each group's second values sorted on their own.
 * Other arities sort their live row numbers, by counting sort on each column's ranks
 * (last column first, stable) when the relation is large next to the number of values,
 * else by comparison.
 */
import { compareValues } from './plan.js';
import { BASE, LIVE } from './relation.js';
import type { Relation } from './relation.js';
import type { Value } from './types.js';

/** Ids in value order, and each id's position in it. */
export interface ValueOrder {
  /** rankOf[id]: position of the value in sorted order. */
  rankOf: Int32Array;
  /** idAt[rank]: the id with that rank. */
  idAt: Int32Array;
}

export function valueOrder(values: readonly Value[]): ValueOrder {
  const n = values.length;
  const ids = Array.from({ length: n }, (_, i) => i);
  ids.sort((a, b) => compareValues(values[a]!, values[b]!));
  const idAt = Int32Array.from(ids);
  const rankOf = new Int32Array(n);
  for (let r = 0; r < n; r++) rankOf[idAt[r]!] = r;
  return { rankOf, idAt };
}

/** A batch of sorted tuples: `n` tuples of `arity` ids each, packed from `ids[0]`. */
export interface TupleBatch {
  ids: Int32Array;
  n: number;
}

const BATCH = 4096;

/** Whether a row is listed: live, and not a base fact when only derived facts are wanted. */
const listed = (state: number, derivedOnly: boolean) =>
  (state & LIVE) !== 0 && !(derivedOnly && (state & BASE) !== 0);

/**
 * The live tuples of `rel` (only derived ones if `derivedOnly`), sorted, in batches.
 * A batch's buffer is reused for the next one: read it before asking for more.
 */
export function* sortedTuples(
  rel: Relation,
  order: ValueOrder,
  derivedOnly: boolean,
): Generator<TupleBatch> {
  if (rel.arity === 2 && rel.groups !== undefined) {
    yield* sortedPairs(rel, order, derivedOnly);
    return;
  }
  const k = rel.arity;
  let rows: Int32Array = new Int32Array(rel.count);
  let n = 0;
  for (let r = 0; r < rel.count; r++) if (listed(rel.state[r]!, derivedOnly)) rows[n++] = r;
  rows = sortRows(rel, rows.subarray(0, n), order);
  const out: TupleBatch = { ids: new Int32Array(Math.max(k, 1) * BATCH), n: 0 };
  const d = rel.data;
  for (let i = 0; i < n; i++) {
    const b = rows[i]! * k;
    for (let j = 0; j < k; j++) out.ids[out.n * k + j] = d[b + j]!;
    if (++out.n === BATCH) {
      yield out;
      out.n = 0;
    }
  }
  if (out.n > 0) yield out;
}

function* sortedPairs(
  rel: Relation,
  order: ValueOrder,
  derivedOnly: boolean,
): Generator<TupleBatch> {
  const groups = rel.groups!;
  const { rankOf, idAt } = order;
  const firsts = Int32Array.from(groups.firsts(), (a) => rankOf[a]!).sort();
  let rows = new Int32Array(64);
  let keys = new Int32Array(64);
  const out: TupleBatch = { ids: new Int32Array(2 * BATCH), n: 0 };
  const d = rel.data;
  // Between updates every pair in the membership tables is live: a bitset group (no
  // rows, pairs.ts) lists its values directly unless base facts must be left out.
  let bare = !derivedOnly;
  if (derivedOnly) {
    bare = true;
    for (let r = 0; r < rel.count && bare; r++) if ((rel.state[r]! & BASE) !== 0) bare = false;
  }
  for (let f = 0; f < firsts.length; f++) {
    const a = idAt[firsts[f]!]!;
    const size = groups.sizeOf(a);
    if (size > rows.length) {
      rows = new Int32Array(size * 2);
      keys = new Int32Array(size * 2);
    }
    let m = bare ? groups.secondsOf(a, keys, 0) : -1;
    for (let i = 0; i < m; i++) keys[i] = rankOf[keys[i]!]!;
    if (m < 0) {
      const n = groups.rowsOf(a, rows, 0);
      m = 0;
      for (let i = 0; i < n; i++) {
        const r = rows[i]!;
        if (listed(rel.state[r]!, derivedOnly)) keys[m++] = rankOf[d[2 * r + 1]!]!;
      }
    }
    const sorted = keys.subarray(0, m).sort();
    for (let i = 0; i < m; i++) {
      out.ids[2 * out.n] = a;
      out.ids[2 * out.n + 1] = idAt[sorted[i]!]!;
      if (++out.n === BATCH) {
        yield out;
        out.n = 0;
      }
    }
  }
  if (out.n > 0) yield out;
}

/** Sorts row numbers by the ranks of their values, column 0 first. */
function sortRows(rel: Relation, rows: Int32Array, order: ValueOrder): Int32Array {
  const k = rel.arity,
    n = rows.length,
    d = rel.data,
    { rankOf } = order;
  if (k === 0 || n < 2) return rows;
  if (n * 4 < rankOf.length) {
    // Few rows over many values: a comparison sort beats counting over every value.
    return rows.sort((x, y) => {
      for (let j = 0; j < k; j++) {
        const c = rankOf[d[x * k + j]!]! - rankOf[d[y * k + j]!]!;
        if (c !== 0) return c;
      }
      return 0;
    });
  }
  // LSD radix: a stable counting sort per column, last column first.
  const counts = new Int32Array(rankOf.length + 1);
  let src: Int32Array = rows,
    dst: Int32Array = new Int32Array(n);
  for (let j = k - 1; j >= 0; j--) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[rankOf[d[src[i]! * k + j]!]! + 1]!++;
    for (let v = 1; v < counts.length; v++) counts[v]! += counts[v - 1]!;
    for (let i = 0; i < n; i++) {
      const r = src[i]!;
      dst[counts[rankOf[d[r * k + j]!]!]!++] = r;
    }
    [src, dst] = [dst, src];
  }
  return src;
}
