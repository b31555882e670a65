/**
 * Membership of binary tuples, grouped by first value: one open-addressing table of
 * rows per first value. Derivations come in runs with the same first value (a
 * semi-naive delta row (X, Y) yields many (X, Z)), so consecutive probes stay in one
 * small, cache-resident table; a flat table over all pairs misses the cache on nearly
 * every probe once it outgrows it.
 *
 * A slot holds row + 1 (0 empty, -1 deleted); the second value is read from the
 * relation's data (`data[2 * row + 1]`), so a pair costs 4 bytes per slot, not 8.
 * Small tables share one Int32Array arena (no object per group: a sparse graph has
 * one group per node), with a free list per size; larger ones have their own array.
 *
 * A large table also gets a bitmap of its second values when the values seen so far
 * fit in a quarter of the table's bytes (dense closures: 3,000 nodes cost 375 bytes
 * per group). Then a probe for a pair is one bit test, and adding a new pair takes the
 * first free slot without comparing anything: no read of the relation's data at all.
 */
const DELETED = -1;
/** Tables up to this many slots live in the arena. */
const ARENA_MAX = 64;
const start = (b: number, mask: number) => (Math.imul(b + 1, 0x9e3779b1) >>> 7) & mask;
/** Grow when a table would be more than 3/4 full (tombstones included). */
const full = (used: number, cap: number) => used * 4 > cap * 3;
const NO_BITS = new Int32Array(0);

export class PairSet {
  /** The relation's tuples, two values per row; the relation replaces it when it grows. */
  data: Int32Array;
  private arena = new Int32Array(1024);
  private top = 0;
  /** Per log2(capacity) of arena tables: head of the free list (offset + 1), 0 = empty. */
  private free = new Int32Array(8);
  /** Per first value: arena offset + 1 (> 0), -(index in `big` + 1) (< 0), or 0 (no table). */
  private off = new Int32Array(64);
  private cap = new Int32Array(64);
  /** Slots in use, tombstones included. */
  private used = new Int32Array(64);
  private big: Int32Array[] = [];
  /** Per table in `big`: bitmap of its second values (covering ids < 32 * length), or NO_BITS. */
  private bits: Int32Array[] = [];
  /** Largest second value added so far (sizes the bitmaps). */
  private maxSecond = 0;

  constructor(data: Int32Array) {
    this.data = data;
  }

  /** Whether (a, b) is present: a bit test when the table of `a` has a bitmap covering b. */
  has(a: number, b: number): boolean {
    if (a >= this.off.length) return false;
    const o = this.off[a]!;
    if (o < 0) {
      const bits = this.bits[-o - 1]!;
      const w = b >>> 5;
      if (w < bits.length) return (bits[w]! & (1 << (b & 31))) !== 0;
    }
    return o !== 0 && this.find(a, b) >= 0;
  }

  /** Row of (a, b), or -1. */
  find(a: number, b: number): number {
    if (a >= this.off.length) return -1;
    const o = this.off[a]!;
    if (o === 0) return -1;
    if (o < 0) {
      const bits = this.bits[-o - 1]!;
      const w = b >>> 5;
      if (w < bits.length && (bits[w]! & (1 << (b & 31))) === 0) return -1;
    }
    const t = o > 0 ? this.arena : this.big[-o - 1]!;
    const base = o > 0 ? o - 1 : 0;
    const d = this.data;
    const mask = this.cap[a]! - 1;
    for (let s = start(b, mask); ; s = (s + 1) & mask) {
      const k = t[base + s]!;
      if (k === 0) return -1;
      if (k > 0 && d[2 * k - 1] === b) return k - 1;
    }
  }

  /**
   * Row of (a, b) if present; otherwise records `row` for it (the caller writes the
   * row's data right after) and returns -1. One probe sequence for both.
   */
  findOrAdd(a: number, b: number, row: number): number {
    const o = this.prepare(a, b);
    if (o < 0) {
      const bits = this.bits[-o - 1]!;
      const w = b >>> 5;
      if (w < bits.length) {
        if ((bits[w]! & (1 << (b & 31))) === 0) {
          this.place(a, o, b, row);
          return -1;
        }
      }
    }
    const t = o > 0 ? this.arena : this.big[-o - 1]!;
    const base = o > 0 ? o - 1 : 0;
    const d = this.data;
    const mask = this.cap[a]! - 1;
    let free = -1;
    let s = start(b, mask);
    for (; ; s = (s + 1) & mask) {
      const k = t[base + s]!;
      if (k === 0) break;
      if (k > 0) {
        if (d[2 * k - 1] === b) return k - 1;
      } else if (free < 0) free = s;
    }
    if (free >= 0) s = free;
    else this.used[a]!++;
    t[base + s] = row + 1;
    return -1;
  }

  /**
   * Adds (a, b) -> row unless present; returns whether it was added. With a bitmap this
   * never reads the relation's data (the caller does not need the existing row).
   */
  addIfAbsent(a: number, b: number, row: number): boolean {
    const o = this.prepare(a, b);
    if (o < 0) {
      const bits = this.bits[-o - 1]!;
      const w = b >>> 5;
      if (w < bits.length) {
        if ((bits[w]! & (1 << (b & 31))) !== 0) return false;
        this.place(a, o, b, row);
        return true;
      }
    }
    return this.findOrAdd(a, b, row) < 0;
  }

  /** Records (a, b) -> row for a pair known to be absent (the row's data is written). */
  add(a: number, b: number, row: number): void {
    this.findOrAdd(a, b, row);
  }

  /** Makes room in the table of `a` for one more pair; returns its `off` code. */
  private prepare(a: number, b: number): number {
    if (a >= this.off.length) this.growIndex(a);
    if (b > this.maxSecond) this.maxSecond = b;
    if (this.off[a] === 0) this.allocate(a, 4);
    else if (full(this.used[a]! + 1, this.cap[a]!)) this.regrow(a);
    return this.off[a]!;
  }

  /** Puts (a, b) -> row, known absent and covered by the bitmap, in the first free slot. */
  private place(a: number, o: number, b: number, row: number): void {
    const t = this.big[-o - 1]!;
    const mask = this.cap[a]! - 1;
    let s = start(b, mask);
    while (t[s]! > 0) s = (s + 1) & mask;
    if (t[s] === 0) this.used[a]!++;
    t[s] = row + 1;
    this.bits[-o - 1]![b >>> 5]! |= 1 << (b & 31);
  }

  remove(a: number, row: number): void {
    if (a >= this.off.length || this.off[a] === 0) return;
    const o = this.off[a]!;
    const t = o > 0 ? this.arena : this.big[-o - 1]!;
    const base = o > 0 ? o - 1 : 0;
    const mask = this.cap[a]! - 1;
    const b = this.data[2 * row + 1]!;
    for (let s = start(b, mask); ; s = (s + 1) & mask) {
      const k = t[base + s]!;
      if (k === 0) return;
      if (k === row + 1) {
        t[base + s] = DELETED;
        if (o < 0 && b >>> 5 < this.bits[-o - 1]!.length)
          this.bits[-o - 1]![b >>> 5]! &= ~(1 << (b & 31));
        return;
      }
    }
  }

  /** Appends the rows of first value `a` to `out` (in table order), returns the new length. */
  rowsOf(a: number, out: Int32Array, at: number): number {
    if (a >= this.off.length || this.off[a] === 0) return at;
    const o = this.off[a]!;
    const t = o > 0 ? this.arena : this.big[-o - 1]!;
    const base = o > 0 ? o - 1 : 0;
    const cap = this.cap[a]!;
    for (let s = 0; s < cap; s++) {
      const k = t[base + s]!;
      if (k > 0) out[at++] = k - 1;
    }
    return at;
  }

  /** Number of slots in use for `a` (an upper bound on its rows). */
  sizeOf(a: number): number {
    return a < this.off.length ? this.used[a]! : 0;
  }

  /** First values with a table, ascending. */
  firsts(): number[] {
    const out: number[] = [];
    for (let a = 0; a < this.off.length; a++) if (this.off[a] !== 0) out.push(a);
    return out;
  }

  clear(): void {
    this.arena = new Int32Array(1024);
    this.top = 0;
    this.free.fill(0);
    this.big = [];
    this.bits = [];
    this.maxSecond = 0;
    this.off = new Int32Array(64);
    this.cap = new Int32Array(64);
    this.used = new Int32Array(64);
  }

  private growIndex(a: number): void {
    let n = this.off.length;
    while (n <= a) n *= 2;
    for (const k of ['off', 'cap', 'used'] as const) {
      const x = new Int32Array(n);
      x.set(this[k]);
      this[k] = x;
    }
  }

  /** Gives `a` an empty table of `cap` slots (the old one, if any, is released by the caller). */
  private allocate(a: number, cap: number): void {
    this.cap[a] = cap;
    this.used[a] = 0;
    if (cap > ARENA_MAX) {
      this.big.push(new Int32Array(cap));
      this.bits.push(NO_BITS);
      this.off[a] = -this.big.length;
      return;
    }
    const cls = Math.log2(cap);
    const f = this.free[cls]!;
    if (f !== 0) {
      this.free[cls] = this.arena[f - 1]!;
      this.arena.fill(0, f - 1, f - 1 + cap);
      this.off[a] = f;
      return;
    }
    const need = this.top + cap;
    if (need > this.arena.length) {
      let n = this.arena.length * 2;
      while (n < need) n *= 2;
      const x = new Int32Array(n);
      x.set(this.arena.subarray(0, this.top));
      this.arena = x;
    }
    this.off[a] = this.top + 1;
    this.top = need;
  }

  /** Moves the table of `a` to a fresh one (twice as large unless tombstones made room). */
  private regrow(a: number): void {
    const o = this.off[a]!,
      cap = this.cap[a]!;
    const old = o > 0 ? this.arena.slice(o - 1, o - 1 + cap) : this.big[-o - 1]!;
    let live = 0;
    for (let i = 0; i < cap; i++) if (old[i]! > 0) live++;
    if (o > 0) {
      // Back to the free list of its size (its first slot links the list).
      const cls = Math.log2(cap);
      this.arena[o - 1] = this.free[cls]!;
      this.free[cls] = o;
    }
    // At least half free afterwards, so the next move is a quarter of the table away.
    const size = live * 2 >= cap ? cap * 2 : cap;
    if (o < 0 && size > ARENA_MAX) {
      // Reuse its place in `big`.
      this.big[-o - 1] = new Int32Array(size);
      this.cap[a] = size;
      this.used[a] = 0;
    } else this.allocate(a, size);
    const n = this.off[a]!;
    const t = n > 0 ? this.arena : this.big[-n - 1]!;
    const base = n > 0 ? n - 1 : 0;
    const mask = size - 1;
    const d = this.data;
    const words = (this.maxSecond >>> 5) + 1;
    const bits = n < 0 && words * 4 <= size ? new Int32Array(words) : NO_BITS;
    for (let i = 0; i < cap; i++) {
      const k = old[i]!;
      if (k <= 0) continue;
      const b = d[2 * k - 1]!;
      let s = start(b, mask);
      while (t[base + s] !== 0) s = (s + 1) & mask;
      t[base + s] = k;
      if (bits !== NO_BITS) bits[b >>> 5]! |= 1 << (b & 31);
    }
    if (n < 0) this.bits[-n - 1] = bits;
    this.used[a] = live;
  }
}
