/**
 * The storage of PairSet (pairs.ts): one table per first value, and how tables are
 * allocated, grown and converted from one kind to another. A group's table is one of:
 *  - a small open-addressing table of rows (up to 64 slots) in one shared Int32Array
 *    arena, with a free list per size: no object per group (a sparse graph has one
 *    group per node);
 *  - a large open-addressing table of rows of its own, with a bitmap of its second
 *    values when they fit in a quarter of the table's bytes: a probe is then one bit
 *    test, and a new pair takes the first free slot, without reading the relation's data;
 *  - a bitset of its second values alone (no rows), once that takes no more bytes than
 *    the hash table it replaces: 1 bit per value seen instead of 8 bytes per pair.
 *    Evaluating a program only asks "is (a, b) there?"; the first question that needs
 *    the row of a pair (an update, a proof) turns every bitset into a direct table, and
 *    from then on dense groups become direct tables;
 *  - a direct table indexed by the second value (dense groups, once rows are wanted).
 * A slot of a row table holds row + 1 (0 empty, -1 deleted); the second value is read
 * from the relation's data (`data[2 * row + 1]`), so a pair costs 4 bytes per slot.
 */
export const DELETED = -1;
/** Tables up to this many slots live in the arena. */
export const ARENA_MAX = 64;
export const start = (b: number, mask: number) => (Math.imul(b + 1, 0x9e3779b1) >>> 7) & mask;
export const full = (used: number, cap: number) => used * 4 > cap * 3;
/** `bits` of a large open-addressing table without a bitmap. */
export const NO_BITS = new Int32Array(0);
/** `bits` of a direct table (slot b holds the row + 1 of (a, b), or 0). */
export const DIRECT = new Int32Array(0);
/** `bits` of a bitset group (its `big` table is the bitset; `cap` the values it covers). */
export const BITSET = new Int32Array(0);
/** `bits` of a direct table being filled by `materialize`. */
const FILLING = new Int32Array(0);

/** What the set reads of its relation to find the rows of bitset groups. */
export interface PairRows {
  readonly count: number;
  readonly state: Uint8Array;
}

export class PairTables {
  /** The relation's tuples, two values per row; the relation replaces it when it grows. */
  data: Int32Array;
  protected arena = new Int32Array(1024);
  protected top = 0;
  /** Per log2(capacity) of arena tables: head of the free list (offset + 1), 0 = empty. */
  protected free = new Int32Array(8);
  /** Per first value: arena offset + 1 (> 0), -(index in `big` + 1) (< 0), or 0 (no table). */
  protected off = new Int32Array(64);
  /** Per first value: slots of its table (values covered, for a bitset). */
  protected cap = new Int32Array(64);
  /** Per first value: slots in use (tombstones included), or pairs for a direct table or bitset. */
  protected used = new Int32Array(64);
  protected big: Int32Array[] = [];
  /** Per table in `big`: its bitmap (covering ids < 32 * length), NO_BITS, DIRECT or BITSET. */
  protected bits: Int32Array[] = [];
  /** Largest second value added so far (sizes bitmaps and direct tables). */
  protected maxSecond = 0;
  /** Whether every pair's row can be found (no bitset groups); always, without `rows`. */
  protected withRows: boolean;

  /** Without `rows` (the relation's row count and states), rows are always kept. */
  constructor(
    data: Int32Array,
    protected readonly rows?: PairRows,
  ) {
    this.data = data;
    this.withRows = rows === undefined;
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

  /** Makes room in the table of `a` for (a, b); returns its `off` code. */
  protected prepare(a: number, b: number): number {
    if (a >= this.off.length) this.growIndex(a);
    if (b > this.maxSecond) this.maxSecond = b;
    const o = this.off[a]!;
    if (o === 0) this.allocate(a, 4);
    else if (o < 0 && (this.bits[-o - 1] === DIRECT || this.bits[-o - 1] === BITSET)) {
      if (b >= this.cap[a]!) this.growDirect(a, -o - 1, b);
    } else if (full(this.used[a]! + 1, this.cap[a]!)) this.regrow(a);
    return this.off[a]!;
  }

  /** Turns every bitset group into a direct table of rows (one pass over the relation's rows). */
  protected materialize(): void {
    this.withRows = true;
    const rows = this.rows!;
    const d = this.data;
    for (let a = 0; a < this.off.length; a++) {
      const o = this.off[a]!;
      if (o >= 0 || this.bits[-o - 1] !== BITSET) continue;
      const t = new Int32Array(Math.max(this.cap[a]!, this.maxSecond + 1));
      this.big[-o - 1] = t;
      this.bits[-o - 1] = FILLING;
      this.cap[a] = t.length;
    }
    for (let r = 0; r < rows.count; r++) {
      if ((rows.state[r]! & 3) === 0) continue;
      const o = this.off[d[2 * r]!]!;
      if (o < 0 && this.bits[-o - 1] === FILLING) this.big[-o - 1]![d[2 * r + 1]!] = r + 1;
    }
    for (let i = 0; i < this.bits.length; i++) if (this.bits[i] === FILLING) this.bits[i] = DIRECT;
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

  /** Gives `a` an empty open-addressing table of `cap` slots (any old one is released by the caller). */
  private allocate(a: number, cap: number): void {
    this.cap[a] = cap;
    this.used[a] = 0;
    if (cap > ARENA_MAX) {
      this.setBig(a, new Int32Array(cap), NO_BITS);
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

  /** Makes `t` the large table of `a`, in its current place in `big` if it has one. */
  private setBig(a: number, t: Int32Array, bits: Int32Array): void {
    const o = this.off[a]!;
    if (o < 0) {
      this.big[-o - 1] = t;
      this.bits[-o - 1] = bits;
    } else {
      this.big.push(t);
      this.bits.push(bits);
      this.off[a] = -this.big.length;
    }
    this.cap[a] = bits === BITSET ? t.length * 32 : t.length;
  }

  /**
   * Makes the direct table or bitset of `a` cover `b`; a direct table that would be
   * sparse turns back into a hash table.
   */
  private growDirect(a: number, i: number, b: number): void {
    const old = this.big[i]!;
    if (this.bits[i] === BITSET) {
      const words = Math.max((b >>> 5) + 1, old.length + (old.length >> 1));
      const t = new Int32Array(words);
      t.set(old);
      this.setBig(a, t, BITSET);
      return;
    }
    const n = Math.max(b + 1, old.length + (old.length >> 1));
    if ((this.used[a]! + 1) * 4 < n) {
      let size = 2 * ARENA_MAX;
      while (size < 2 * (this.used[a]! + 1)) size *= 2;
      this.regrow(a, size);
      return;
    }
    const t = new Int32Array(n);
    t.set(old);
    this.big[i] = t;
    this.cap[a] = t.length;
  }

  /**
   * Moves the table of `a` to a fresh one: twice as large unless tombstones made room,
   * a bitset or direct table once that takes no more bytes than doubling; or to a hash
   * table of `toSize`.
   */
  protected regrow(a: number, toSize = 0): void {
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
      this.off[a] = 0;
    }
    // At least half free afterwards, so the next move is a quarter of the table away.
    const size = toSize > 0 ? toSize : live * 2 >= cap ? cap * 2 : cap;
    const d = this.data;
    const words = (this.maxSecond >>> 5) + 1;
    if (toSize === 0 && size > ARENA_MAX && !this.withRows && words <= size) {
      const t = new Int32Array(words + (words >> 3));
      for (let i = 0; i < cap; i++) {
        const b = old[i]! > 0 ? d[2 * old[i]! - 1]! : -1;
        if (b >= 0) t[b >>> 5]! |= 1 << (b & 31);
      }
      this.setBig(a, t, BITSET);
      this.used[a] = live;
      return;
    }
    if (toSize === 0 && size > ARENA_MAX && this.maxSecond < size) {
      const t = new Int32Array(this.maxSecond + 1 + (this.maxSecond >> 3));
      for (let i = 0; i < cap; i++) if (old[i]! > 0) t[d[2 * old[i]! - 1]!] = old[i]!;
      this.setBig(a, t, DIRECT);
      this.used[a] = live;
      return;
    }
    if (size > ARENA_MAX)
      this.setBig(a, new Int32Array(size), words * 4 <= size ? new Int32Array(words) : NO_BITS);
    else this.allocate(a, size);
    const n = this.off[a]!;
    const t = n > 0 ? this.arena : this.big[-n - 1]!;
    const bits = n > 0 ? NO_BITS : this.bits[-n - 1]!;
    const base = n > 0 ? n - 1 : 0;
    const mask = size - 1;
    for (let i = 0; i < cap; i++) {
      const k = old[i]!;
      if (k <= 0) continue;
      const b = d[2 * k - 1]!;
      let s = start(b, mask);
      while (t[base + s] !== 0) s = (s + 1) & mask;
      t[base + s] = k;
      if (b >>> 5 < bits.length) bits[b >>> 5]! |= 1 << (b & 31);
    }
    this.used[a] = live;
  }
}
