/**
 * Storage of one relation: tuples of interned constant ids in a packed Int32Array, a
 * hash set for membership and, built lazily, one hash index per pattern of bound
 * argument positions. No per-tuple strings or objects: this is the hot path.
 *
 * Each row has a state: OLD (present before the current update), NEW (present after
 * it), both, or neither (dead). Views read rows by state mask, so an update can look at
 * the old and the new database at the same time (DRed needs both).
 */
import { PairSet } from './pairs.js';

export const OLD = 1;
export const NEW = 2;
export const LIVE = OLD | NEW;

function hashStep(h: number, x: number): number {
  let k = Math.imul(x, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  h ^= Math.imul(k, 0x1b873593);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}
function hashEnd(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Rows grouped by their values at `positions`; chains run from newest to oldest row. */
export class Index {
  slots: Int32Array; // group head row + 1, or 0
  next: Int32Array; // per row: next row + 1 in its group, or 0
  private groups = 0;
  constructor(
    readonly rel: Relation,
    readonly positions: readonly number[],
  ) {
    // Sized for the rows already there: growing rehashes every group head, a random
    // read of its row (a cache miss each on a large relation). If there turn out to be
    // few groups, shrink once (rehashing only the heads).
    let slots = 64;
    while (slots < 2 * rel.count) slots *= 2;
    this.slots = new Int32Array(slots);
    this.next = new Int32Array(Math.max(16, rel.capacity));
    for (let r = 0; r < rel.count; r++) if (rel.state[r] !== 0) this.add(r);
    while (slots > 64 && this.groups * 8 < slots) slots /= 2;
    if (slots < this.slots.length) this.resize(slots);
  }

  private rowHash(row: number): number {
    const { data, arity } = this.rel;
    let h = 0x2545f491;
    for (const p of this.positions) h = hashStep(h, data[row * arity + p]!);
    return hashEnd(h);
  }

  private sameKey(a: number, b: number): boolean {
    const { data, arity } = this.rel;
    for (const p of this.positions) if (data[a * arity + p] !== data[b * arity + p]) return false;
    return true;
  }

  add(row: number): void {
    if (row >= this.next.length) {
      const n = new Int32Array(Math.max(row + 1, this.next.length * 2));
      n.set(this.next);
      this.next = n;
    }
    const mask = this.slots.length - 1;
    for (let s = this.rowHash(row) & mask; ; s = (s + 1) & mask) {
      const head = this.slots[s]!;
      if (head === 0) {
        this.slots[s] = row + 1;
        this.next[row] = 0;
        if (++this.groups * 2 > this.slots.length) this.resize(this.slots.length * 2);
        return;
      }
      if (this.sameKey(head - 1, row)) {
        this.next[row] = head;
        this.slots[s] = row + 1;
        return;
      }
    }
  }

  private resize(size: number): void {
    const old = this.slots;
    this.slots = new Int32Array(size);
    const mask = this.slots.length - 1;
    for (const head of old) {
      if (head === 0) continue;
      let s = this.rowHash(head - 1) & mask;
      while (this.slots[s] !== 0) s = (s + 1) & mask;
      this.slots[s] = head;
    }
  }

  /** First row + 1 of the group whose values at `positions` are `key[0..]`, or 0. */
  first(key: Int32Array): number {
    const { data, arity } = this.rel;
    const ps = this.positions;
    let h = 0x2545f491;
    for (let i = 0; i < ps.length; i++) h = hashStep(h, key[i]!);
    const mask = this.slots.length - 1;
    for (let s = hashEnd(h) & mask; ; s = (s + 1) & mask) {
      const head = this.slots[s]!;
      if (head === 0) return 0;
      const base = (head - 1) * arity;
      let i = 0;
      while (i < ps.length && data[base + ps[i]!] === key[i]) i++;
      if (i === ps.length) return head;
    }
  }
}

const EMPTY = -1;
const DELETED = -2;
/** Constant ids must stay below 2^26 so that a pair packs exactly into one double. */
export const MAX_IDS = 2 ** 26;

export class Relation {
  data: Int32Array;
  state: Uint8Array;
  /** Evaluation round that (last) derived the row; 0 for base facts. Proofs descend in rank. */
  rank: Int32Array;
  /** 1 when the row is a base (asserted) fact; it may also be derivable. */
  base: Uint8Array;
  count = 0;
  capacity: number;
  /**
   * Membership: open addressing over [key, row] pairs in one Float64Array, so a probe
   * touches one cache line. For arity <= 1 the key is the value itself; for wider tuples
   * it is a hash and the row's data is compared. Binary relations use `pairs` instead.
   */
  private slots: Float64Array;
  private used = 0;
  private readonly exact: boolean;
  /** Binary relations use per-first-value tables instead of `slots` (see pairs.ts). */
  private readonly pairs: PairSet | undefined;
  readonly indexes = new Map<number, Index>();

  constructor(
    readonly id: number,
    readonly name: string,
    readonly arity: number,
  ) {
    this.capacity = 16;
    this.data = new Int32Array(this.capacity * Math.max(arity, 1));
    this.state = new Uint8Array(this.capacity);
    this.rank = new Int32Array(this.capacity);
    this.base = new Uint8Array(this.capacity);
    this.exact = arity <= 2;
    this.pairs = arity === 2 ? new PairSet() : undefined;
    this.slots = new Float64Array(64).fill(EMPTY);
  }

  private tupleHash(t: ArrayLike<number>, off: number): number {
    let h = 0x3c6ef372;
    for (let i = 0; i < this.arity; i++) h = hashStep(h, t[off + i]!);
    return hashEnd(h);
  }

  private keyOf(t: ArrayLike<number>, off: number, h: number): number {
    if (!this.exact) return h >>> 0;
    return this.arity === 2 ? t[off]! * MAX_IDS + t[off + 1]! : this.arity === 1 ? t[off]! : 0;
  }

  private sameData(row: number, t: ArrayLike<number>, off: number): boolean {
    const { data, arity } = this;
    const b = row * arity;
    for (let i = 0; i < arity; i++) if (data[b + i] !== t[off + i]) return false;
    return true;
  }

  /** Row holding tuple `t[off..off+arity)` (any non-dead state), or -1. */
  find(t: ArrayLike<number>, off = 0): number {
    if (this.pairs !== undefined) return this.pairs.find(t[off]!, t[off + 1]!);
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    const h = this.tupleHash(t, off);
    const k = this.keyOf(t, off, h);
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const sk = slots[2 * s]!;
      if (sk === EMPTY) return -1;
      if (sk === k) {
        const row = slots[2 * s + 1]!;
        if (this.exact || this.sameData(row, t, off)) return row;
      }
    }
  }

  /**
   * Inserts `t` unless present (one probe): returns the new row, or -(row + 1) of the
   * existing one (in any non-dead state).
   */
  insert(t: ArrayLike<number>, state: number, rank: number): number {
    if (this.pairs !== undefined) {
      const a = t[0]!,
        b = t[1]!;
      const found = this.pairs.find(a, b);
      if (found >= 0) return -found - 1;
      const row = this.newRow(t, 0, state, rank, 0);
      this.pairs.add(a, b, row);
      return row;
    }
    if ((this.used + 1) * 2 > this.slots.length >> 1) this.rehash(this.slots.length);
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    const h = this.tupleHash(t, 0);
    const k = this.keyOf(t, 0, h);
    let free = -1;
    let s = h & mask;
    for (; ; s = (s + 1) & mask) {
      const sk = slots[2 * s]!;
      if (sk === EMPTY) break;
      if (sk === DELETED) {
        if (free < 0) free = s;
      } else if (sk === k) {
        const row = slots[2 * s + 1]!;
        if (this.exact || this.sameData(row, t, 0)) return -row - 1;
      }
    }
    if (free >= 0) s = free;
    else this.used++;
    const row = this.newRow(t, 0, state, rank, 0);
    slots[2 * s] = k;
    slots[2 * s + 1] = row;
    return row;
  }

  private newRow(
    t: ArrayLike<number>,
    off: number,
    state: number,
    rank: number,
    base: number,
  ): number {
    if (this.count === this.capacity) this.growRows();
    const row = this.count++;
    const a = this.arity,
      d = this.data;
    for (let i = 0; i < a; i++) {
      const x = t[off + i]!;
      if (x >= MAX_IDS) throw new RangeError('too many distinct constants (at most 2^26)');
      d[row * a + i] = x;
    }
    this.state[row] = state;
    this.rank[row] = rank;
    this.base[row] = base;
    for (const idx of this.indexes.values()) idx.add(row);
    return row;
  }

  private place(row: number): void {
    if (this.pairs !== undefined) {
      this.pairs.add(this.data[2 * row]!, this.data[2 * row + 1]!, row);
      return;
    }
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    const h = this.tupleHash(this.data, row * this.arity);
    let s = h & mask;
    while (slots[2 * s]! >= 0) s = (s + 1) & mask;
    if (slots[2 * s] === EMPTY) this.used++;
    slots[2 * s] = this.keyOf(this.data, row * this.arity, h);
    slots[2 * s + 1] = row;
  }

  /** Appends a tuple known to be absent; returns its row. */
  append(t: ArrayLike<number>, off: number, state: number, rank: number, base: number): number {
    if ((this.used + 1) * 2 > this.slots.length >> 1) this.rehash(this.slots.length);
    const row = this.newRow(t, off, state, rank, base);
    this.place(row);
    return row;
  }

  /** Forgets a row for membership (it stays readable until the next compaction). */
  kill(row: number): void {
    this.state[row] = 0;
    if (this.pairs !== undefined) {
      this.pairs.remove(this.data[2 * row]!, this.data[2 * row + 1]!, row);
      return;
    }
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    for (let s = this.tupleHash(this.data, row * this.arity) & mask; ; s = (s + 1) & mask) {
      const sk = slots[2 * s]!;
      if (sk === EMPTY) return;
      if (sk >= 0 && slots[2 * s + 1] === row) {
        slots[2 * s] = DELETED;
        return;
      }
    }
  }

  private growRows(): void {
    this.capacity *= 2;
    const grow = <T extends Int32Array | Uint8Array>(a: T, n: number): T => {
      const b = new (a.constructor as new (n: number) => T)(n);
      b.set(a);
      return b;
    };
    this.data = grow(this.data, this.capacity * Math.max(this.arity, 1));
    this.state = grow(this.state, this.capacity);
    this.rank = grow(this.rank, this.capacity);
    this.base = grow(this.base, this.capacity);
  }

  /** Rebuilds membership with `pairs` slots (dropping tombstones and dead rows). */
  private rehash(pairs: number): void {
    this.used = 0;
    if (this.pairs !== undefined) {
      this.pairs.clear();
    } else {
      this.slots = new Float64Array(2 * pairs).fill(EMPTY);
    }
    for (let r = 0; r < this.count; r++) if (this.state[r] !== 0) this.place(r);
  }

  /** The index on `positions` (bit mask), built on first use and kept up to date. */
  index(mask: number): Index {
    let idx = this.indexes.get(mask);
    if (idx === undefined) {
      const positions: number[] = [];
      for (let i = 0; i < this.arity; i++) if (mask & (1 << i)) positions.push(i);
      idx = new Index(this, positions);
      this.indexes.set(mask, idx);
    }
    return idx;
  }

  /** Drops dead rows when they outnumber live ones (only between updates: rows renumber). */
  maybeCompact(): void {
    let live = 0;
    for (let r = 0; r < this.count; r++) if (this.state[r] !== 0) live++;
    if (this.count - live < 1024 || this.count - live < live) return;
    const a = this.arity;
    let w = 0;
    for (let r = 0; r < this.count; r++) {
      if (this.state[r] === 0) continue;
      this.data.copyWithin(w * a, r * a, r * a + a);
      this.state[w] = this.state[r]!;
      this.rank[w] = this.rank[r]!;
      this.base[w] = this.base[r]!;
      w++;
    }
    this.count = w;
    this.indexes.clear();
    this.rehash(this.slots.length >> 1);
  }
}
