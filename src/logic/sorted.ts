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
  const nums: number[] = [],
    strs: number[] = [];
  for (let i = 0; i < n; i++) (typeof values[i] === 'number' ? nums : strs).push(i);
  const idAt = new Int32Array(n);
  idAt.set(sortNumberIds(values as ReadonlyArray<number>, nums));
  idAt.set(
    strs.sort((a, b) => (values[a]! < values[b]! ? -1 : values[a]! > values[b]! ? 1 : 0)),
    nums.length,
  );
  const rankOf = new Int32Array(n);
  for (let r = 0; r < n; r++) rankOf[idAt[r]!] = r;
  return { rankOf, idAt };
}

/** Below 2^20 in magnitude, an integer and an id below 2^32 pack exactly into one double. */
const PACK_BIAS = 2 ** 20;
const PACK_ID = 2 ** 32;

/**
 * Ids of integer values in value order. Small integers (the node names of generated
 * graphs) are packed with their id into doubles and sorted natively, without a
 * comparison function: 140k values sorted in a few ms instead of ~50.
 */
function sortNumberIds(values: ReadonlyArray<number>, ids: number[]): ArrayLike<number> {
  if (ids.some((i) => !(Math.abs(values[i]!) < PACK_BIAS)))
    return ids.sort((a, b) => values[a]! - values[b]!);
  const keys = new Float64Array(ids.length);
  for (let j = 0; j < ids.length; j++) keys[j] = (values[ids[j]!]! + PACK_BIAS) * PACK_ID + ids[j]!;
  keys.sort();
  const out = new Int32Array(ids.length);
  for (let j = 0; j < keys.length; j++) out[j] = keys[j]! % PACK_ID;
  return out;
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
 * Fills `out` (from out.n) with up to BATCH tuples; returns false once none are left.
 * The loops live in plain functions like these, not in the generators: V8 does not
 * optimize a long loop inside a generator while it runs (no on-stack replacement), and
 * a CLI run calls each generator once (printing 2.2 M pairs took ~2x longer).
 */
type Filler = (out: TupleBatch) => boolean;

/**
 * The live tuples of `rel` (only derived ones if `derivedOnly`), sorted, in batches.
 * A batch's buffer is reused for the next one: read it before asking for more.
 */
export function* sortedTuples(
  rel: Relation,
  order: ValueOrder,
  derivedOnly: boolean,
): Generator<TupleBatch> {
  let fill: Filler;
  if (rel.arity === 2 && rel.groups !== undefined) {
    // Many small groups (a sparse graph): one native sort of packed keys, read in row
    // order, beats visiting each group's scattered rows (~3x on 340k pairs in 100k groups).
    const flat = order.rankOf.length < 2 ** 26 && rel.groups.firsts().length * 16 > rel.count;
    fill = flat ? flatPairFiller(rel, order, derivedOnly) : pairFiller(rel, order, derivedOnly);
  } else fill = rowFiller(rel, order, derivedOnly);
  const out: TupleBatch = { ids: new Int32Array(Math.max(rel.arity, 1) * BATCH), n: 0 };
  for (let more = true; more;) {
    out.n = 0;
    more = fill(out);
    if (out.n > 0) yield out;
  }
}

/** Any arity: the listed rows sorted (sortRows), copied out batch by batch. */
function rowFiller(rel: Relation, order: ValueOrder, derivedOnly: boolean): Filler {
  const k = rel.arity,
    d = rel.data;
  const all = new Int32Array(rel.count);
  let n = 0;
  for (let r = 0; r < rel.count; r++) if (listed(rel.state[r]!, derivedOnly)) all[n++] = r;
  const rows = sortRows(rel, all.subarray(0, n), order);
  let i = 0;
  return (out) => {
    const ids = out.ids;
    let t = out.n,
      j = i;
    for (; j < n && t < BATCH; j++, t++) {
      const b = rows[j]! * k;
      for (let c = 0; c < k; c++) ids[t * k + c] = d[b + c]!;
    }
    out.n = t;
    i = j;
    return i < n;
  };
}

/** Pairs sorted as one array of doubles rank(a) * values + rank(b) (exact below 2^53). */
function flatPairFiller(rel: Relation, order: ValueOrder, derivedOnly: boolean): Filler {
  const { rankOf, idAt } = order;
  const v = rankOf.length,
    d = rel.data,
    st = rel.state;
  const all = new Float64Array(rel.count);
  let m = 0;
  for (let r = 0; r < rel.count; r++)
    if (listed(st[r]!, derivedOnly)) all[m++] = rankOf[d[2 * r]!]! * v + rankOf[d[2 * r + 1]!]!;
  const keys = all.subarray(0, m).sort();
  let i = 0;
  return (out) => {
    const ids = out.ids;
    let t = out.n,
      j = i;
    for (; j < m && t < BATCH; j++, t++) {
      const key = keys[j]!;
      const a = Math.floor(key / v);
      ids[2 * t] = idAt[a]!;
      ids[2 * t + 1] = idAt[key - a * v]!;
    }
    out.n = t;
    i = j;
    return i < m;
  };
}

/** Pairs group by group (first values in rank order), each group's seconds sorted. */
function pairFiller(rel: Relation, order: ValueOrder, derivedOnly: boolean): Filler {
  const groups = rel.groups!;
  const { rankOf, idAt } = order;
  const firsts = Int32Array.from(groups.firsts(), (a) => rankOf[a]!).sort();
  let rows = new Int32Array(64);
  let keys = new Int32Array(64);
  // Between updates every pair in the membership tables is live: a bitset group (no
  // rows, pairs.ts) lists its values directly unless base facts must be left out.
  let bare = !derivedOnly;
  if (derivedOnly) {
    bare = true;
    for (let r = 0; r < rel.count && bare; r++) if ((rel.state[r]! & BASE) !== 0) bare = false;
  }
  /** The current group: first value `a`, then a bitset walked in rank order from rank
   * `at`, or `keys[at..m)` (sorted ranks); `f` is the next group. */
  let f = 0,
    a = 0,
    at = 0,
    m = 0;
  let bits: Int32Array | undefined;
  const nextGroup = (): boolean => {
    if (f >= firsts.length) return false;
    a = idAt[firsts[f++]!]!;
    at = 0;
    const size = groups.sizeOf(a);
    if (size > rows.length) {
      rows = new Int32Array(size * 2);
      keys = new Int32Array(size * 2);
    }
    // A dense bitset group: its values in rank order are a walk over all ranks, no sort.
    bits = bare && size * 8 >= idAt.length ? groups.bitsetOf(a) : undefined;
    if (bits !== undefined) return true;
    m = groupRanks(rel, a, bare, derivedOnly, rankOf, rows, keys);
    return true;
  };
  let started = false;
  return (out) => {
    const ids = out.ids;
    let t = out.n;
    if (!started) {
      started = true;
      if (!nextGroup()) return false;
    }
    for (;;) {
      let j = at;
      if (bits !== undefined) {
        const w = bits;
        for (; j < idAt.length && t < BATCH; j++) {
          const b = idAt[j]!;
          if (b >>> 5 >= w.length || (w[b >>> 5]! & (1 << (b & 31))) === 0) continue;
          ids[2 * t] = a;
          ids[2 * t + 1] = b;
          t++;
        }
        at = j;
        if (j < idAt.length) break;
      } else {
        for (; j < m && t < BATCH; j++, t++) {
          ids[2 * t] = a;
          ids[2 * t + 1] = idAt[keys[j]!]!;
        }
        at = j;
        if (j < m) break;
      }
      if (!nextGroup()) {
        out.n = t;
        return false;
      }
    }
    out.n = t;
    return true;
  };
}

/** The ranks of group `a`'s listed second values, sorted into `keys`; their number. */
function groupRanks(
  rel: Relation,
  a: number,
  bare: boolean,
  derivedOnly: boolean,
  rankOf: Int32Array,
  rows: Int32Array,
  keys: Int32Array,
): number {
  const groups = rel.groups!,
    d = rel.data;
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
  sortPrefix(keys, m);
  return m;
}

/**
 * Sorts `keys[0..m)` in place: nothing when already sorted, insertion sort when short
 * (a sparse graph has ~100k groups of a few pairs: a native sort's call and subarray per
 * group cost more than the sorting).
 */
function sortPrefix(keys: Int32Array, m: number): void {
  let i = 1;
  while (i < m && keys[i - 1]! <= keys[i]!) i++;
  if (i >= m) return;
  if (m > 24) {
    keys.subarray(0, m).sort();
    return;
  }
  for (; i < m; i++) {
    const k = keys[i]!;
    let j = i - 1;
    while (j >= 0 && keys[j]! > k) {
      keys[j + 1] = keys[j]!;
      j--;
    }
    keys[j + 1] = k;
  }
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
