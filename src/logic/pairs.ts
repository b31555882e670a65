/**
 * Membership of binary tuples, grouped by first value: one table of rows per first
 * value. Derivations come in runs with the same first value (a semi-naive delta row
 * (X, Y) yields many (X, Z)), so consecutive probes stay in one small, cache-resident
 * table; a flat table over all pairs misses the cache on nearly every probe once it
 * outgrows it. A slot holds row + 1 (0 empty); the second value is read from the
 * relation's data (`data[2 * row + 1]`), so a pair costs 4 bytes per slot, not 8.
 *
 * A group's table is one of three kinds, chosen as it grows:
 *  - a small open-addressing table (up to 64 slots) in one shared Int32Array arena, with
 *    a free list per size: no object per group (a sparse graph has one group per node);
 *  - a large open-addressing table of its own, with a bitmap of its second values when
 *    they fit in a quarter of the table's bytes: a probe is then one bit test, and a
 *    new pair takes the first free slot, without reading the relation's data;
 *  - a direct table indexed by the second value, once the group holds at least half of
 *    the values seen (dense closures): no hashing, no collisions, no rehashing, and
 *    fewer bytes than the open-addressing table it replaces.
 * Open-addressing tables mark deleted slots -1 and grow when 3/4 full.
 */
const DELETED = -1;
/** Tables up to this many slots live in the arena. */
const ARENA_MAX = 64;
const start = (b: number, mask: number) => (Math.imul(b + 1, 0x9e3779b1) >>> 7) & mask;
const full = (used: number, cap: number) => used * 4 > cap * 3;
/** `bits` of a large open-addressing table without a bitmap. */
const NO_BITS = new Int32Array(0);
/** `bits` of a direct table (slot b holds the row + 1 of (a, b), or 0). */
const DIRECT = new Int32Array(0);

export class PairSet {
  /** The relation's tuples, two values per row; the relation replaces it when it grows. */
  data: Int32Array;
  private arena = new Int32Array(1024);
  private top = 0;
  /** Per log2(capacity) of arena tables: head of the free list (offset + 1), 0 = empty. */
  private free = new Int32Array(8);
  /** Per first value: arena offset + 1 (> 0), -(index in `big` + 1) (< 0), or 0 (no table). */
  private off = new Int32Array(64);
  /** Per first value: slots of its table. */
  private cap = new Int32Array(64);
  /** Per first value: slots in use (tombstones included), or pairs for a direct table. */
  private used = new Int32Array(64);
  private big: Int32Array[] = [];
  /** Per table in `big`: its bitmap (covering ids < 32 * length), NO_BITS or DIRECT. */
  private bits: Int32Array[] = [];
  /** Largest second value added so far (sizes bitmaps and direct tables). */
  private maxSecond = 0;

  constructor(data: Int32Array) {
    this.data = data;
  }

  /** Whether (a, b) is present; answered without reading the data when a bitmap or direct table covers b. */
  has(a: number, b: number): boolean {
    if (a >= this.off.length) return false;
    const o = this.off[a]!;
    if (o < 0) {
      const i = -o - 1,
        bits = this.bits[i]!;
      if (bits === DIRECT) {
        const t = this.big[i]!;
        return b < t.length && t[b]! > 0;
      }
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
    if (o > 0) return this.probe(this.arena, o - 1, this.cap[a]!, b);
    const i = -o - 1,
      t = this.big[i]!,
      bits = this.bits[i]!;
    if (bits === DIRECT) return b < t.length ? t[b]! - 1 : -1;
    const w = b >>> 5;
    if (w < bits.length && (bits[w]! & (1 << (b & 31))) === 0) return -1;
    return this.probe(t, 0, this.cap[a]!, b);
  }

  private probe(t: Int32Array, base: number, cap: number, b: number): number {
    const d = this.data,
      mask = cap - 1;
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
    if (o > 0) return this.probeOrAdd(a, this.arena, o - 1, b, row);
    const i = -o - 1,
      t = this.big[i]!,
      bits = this.bits[i]!;
    if (bits === DIRECT) {
      const k = t[b]!;
      if (k > 0) return k - 1;
      t[b] = row + 1;
      this.used[a]!++;
      return -1;
    }
    const w = b >>> 5;
    if (w < bits.length && (bits[w]! & (1 << (b & 31))) === 0) {
      this.place(a, i, b, row);
      return -1;
    }
    return this.probeOrAdd(a, t, 0, b, row);
  }

  /**
   * Adds (a, b) -> row unless present; returns whether it was added. Cheaper than
   * `findOrAdd` when the existing row does not matter: a bitmap answers alone.
   */
  addIfAbsent(a: number, b: number, row: number): boolean {
    const o = this.prepare(a, b);
    if (o > 0) return this.probeOrAdd(a, this.arena, o - 1, b, row) < 0;
    const i = -o - 1,
      t = this.big[i]!,
      bits = this.bits[i]!;
    if (bits === DIRECT) {
      if (t[b]! > 0) return false;
      t[b] = row + 1;
      this.used[a]!++;
      return true;
    }
    const w = b >>> 5;
    if (w < bits.length) {
      if ((bits[w]! & (1 << (b & 31))) !== 0) return false;
      this.place(a, i, b, row);
      return true;
    }
    return this.probeOrAdd(a, t, 0, b, row) < 0;
  }

  /** Records (a, b) -> row for a pair known to be absent (the row's data is written). */
  add(a: number, b: number, row: number): void {
    this.findOrAdd(a, b, row);
  }

  private probeOrAdd(a: number, t: Int32Array, base: number, b: number, row: number): number {
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

  /** Puts (a, b) -> row, known absent and covered by the bitmap, in the first free slot. */
  private place(a: number, i: number, b: number, row: number): void {
    const t = this.big[i]!;
    const mask = this.cap[a]! - 1;
    let s = start(b, mask);
    while (t[s]! > 0) s = (s + 1) & mask;
    if (t[s] === 0) this.used[a]!++;
    t[s] = row + 1;
    this.bits[i]![b >>> 5]! |= 1 << (b & 31);
  }

  /** Makes room in the table of `a` for (a, b); returns its `off` code. */
  private prepare(a: number, b: number): number {
    if (a >= this.off.length) this.growIndex(a);
    if (b > this.maxSecond) this.maxSecond = b;
    const o = this.off[a]!;
    if (o === 0) this.allocate(a, 4);
    else if (o < 0 && this.bits[-o - 1] === DIRECT) {
      if (b >= this.cap[a]!) this.growDirect(a, -o - 1, b);
    } else if (full(this.used[a]! + 1, this.cap[a]!)) this.regrow(a);
    return this.off[a]!;
  }

  remove(a: number, row: number): void {
    if (a >= this.off.length || this.off[a] === 0) return;
    const o = this.off[a]!;
    const b = this.data[2 * row + 1]!;
    if (o < 0 && this.bits[-o - 1] === DIRECT) {
      const t = this.big[-o - 1]!;
      if (t[b] === row + 1) {
        t[b] = 0;
        this.used[a]!--;
      }
      return;
    }
    const t = o > 0 ? this.arena : this.big[-o - 1]!;
    const base = o > 0 ? o - 1 : 0;
    const mask = this.cap[a]! - 1;
    for (let s = start(b, mask); ; s = (s + 1) & mask) {
      const k = t[base + s]!;
      if (k === 0) return;
      if (k === row + 1) {
        t[base + s] = DELETED;
        const bits = o < 0 ? this.bits[-o - 1]! : NO_BITS;
        if (b >>> 5 < bits.length) bits[b >>> 5]! &= ~(1 << (b & 31));
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

  /** An upper bound on the rows `rowsOf(a)` returns. */
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
    this.cap[a] = t.length;
  }

  /** Makes the direct table of `a` cover `b`, or turns it back into a hash table if it would be sparse. */
  private growDirect(a: number, i: number, b: number): void {
    const old = this.big[i]!;
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
   * direct once that takes no more bytes than doubling; or to a hash table of `toSize`.
   */
  private regrow(a: number, toSize = 0): void {
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
    if (toSize === 0 && size > ARENA_MAX && this.maxSecond < size) {
      const t = new Int32Array(this.maxSecond + 1 + (this.maxSecond >> 3));
      for (let i = 0; i < cap; i++) if (old[i]! > 0) t[d[2 * old[i]! - 1]!] = old[i]!;
      this.setBig(a, t, DIRECT);
      this.used[a] = live;
      return;
    }
    if (size > ARENA_MAX) {
      const words = (this.maxSecond >>> 5) + 1;
      this.setBig(a, new Int32Array(size), words * 4 <= size ? new Int32Array(words) : NO_BITS);
    } else this.allocate(a, size);
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
