/**
 * Storage of one relation: tuples of interned constant ids in a packed Int32Array, a
 * hash set for membership and, built lazily, one hash index per pattern of bound
 * argument positions. No per-tuple strings or objects: this is the hot path.
 *
 * Each row has a state: OLD (present before the current update), NEW (present after
 * it), both, or neither (dead). Views read rows by state mask, so an update can look at
 * the old and the new database at the same time (DRed needs both).
 */
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
  constructor(readonly rel: Relation, readonly positions: readonly number[]) {
    this.slots = new Int32Array(64);
    this.next = new Int32Array(Math.max(16, rel.capacity));
    for (let r = 0; r < rel.count; r++) if (rel.state[r] !== 0) this.add(r);
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
        if (++this.groups * 2 > this.slots.length) this.grow();
        return;
      }
      if (this.sameKey(head - 1, row)) {
        this.next[row] = head;
        this.slots[s] = row + 1;
        return;
      }
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2);
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

export class Relation {
  data: Int32Array;
  state: Uint8Array;
  /** Evaluation round that (last) derived the row; 0 for base facts. Proofs descend in rank. */
  rank: Int32Array;
  /** 1 when the row is a base (asserted) fact; it may also be derivable. */
  base: Uint8Array;
  count = 0;
  capacity: number;
  private table: Int32Array; // row + 1, 0 empty, -1 deleted
  private used = 0;
  readonly indexes = new Map<number, Index>();

  constructor(readonly id: number, readonly name: string, readonly arity: number) {
    this.capacity = 16;
    this.data = new Int32Array(this.capacity * Math.max(arity, 1));
    this.state = new Uint8Array(this.capacity);
    this.rank = new Int32Array(this.capacity);
    this.base = new Uint8Array(this.capacity);
    this.table = new Int32Array(32);
  }

  private tupleHash(t: ArrayLike<number>, off: number): number {
    let h = 0x3c6ef372;
    for (let i = 0; i < this.arity; i++) h = hashStep(h, t[off + i]!);
    return hashEnd(h);
  }

  /** Row holding tuple `t[off..off+arity)` (any non-dead state), or -1. */
  find(t: ArrayLike<number>, off = 0): number {
    const { table, data, arity } = this;
    const mask = table.length - 1;
    for (let s = this.tupleHash(t, off) & mask; ; s = (s + 1) & mask) {
      const e = table[s]!;
      if (e === 0) return -1;
      if (e > 0) {
        const b = (e - 1) * arity;
        let i = 0;
        while (i < arity && data[b + i] === t[off + i]) i++;
        if (i === arity) return e - 1;
      }
    }
  }

  /** Appends a tuple known to be absent; returns its row. */
  append(t: ArrayLike<number>, off: number, state: number, rank: number, base: number): number {
    if (this.count === this.capacity) this.growRows();
    // Rehash before the row exists, or the rehash would insert it a second time.
    if ((this.used + 1) * 2 > this.table.length) this.rehash(this.table.length * 2);
    const row = this.count++;
    const a = this.arity;
    for (let i = 0; i < a; i++) this.data[row * a + i] = t[off + i]!;
    this.state[row] = state;
    this.rank[row] = rank;
    this.base[row] = base;
    const mask = this.table.length - 1;
    let s = this.tupleHash(t, off) & mask;
    while (this.table[s]! > 0) s = (s + 1) & mask;
    if (this.table[s] === 0) this.used++;
    this.table[s] = row + 1;
    for (const idx of this.indexes.values()) idx.add(row);
    return row;
  }

  /** Forgets a row for membership (it stays readable until the next compaction). */
  kill(row: number): void {
    this.state[row] = 0;
    const mask = this.table.length - 1;
    for (let s = this.tupleHash(this.data, row * this.arity) & mask; ; s = (s + 1) & mask) {
      const e = this.table[s]!;
      if (e === 0) return;
      if (e === row + 1) {
        this.table[s] = -1;
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

  private rehash(size: number): void {
    this.table = new Int32Array(size);
    this.used = 0;
    const mask = size - 1;
    for (let r = 0; r < this.count; r++) {
      if (this.state[r] === 0) continue;
      let s = this.tupleHash(this.data, r * this.arity) & mask;
      while (this.table[s] !== 0) s = (s + 1) & mask;
      this.table[s] = r + 1;
      this.used++;
    }
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
    this.rehash(this.table.length);
  }
}
