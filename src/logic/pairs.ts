/**
 * Membership of binary tuples, grouped by first value: one table per first value
 * (pair-tables.ts describes the kinds). Derivations come in runs with the same first
 * value (a semi-naive delta row (X, Y) yields many (X, Z)), so consecutive probes stay
 * in one small, cache-resident table; a flat table over all pairs misses the cache on
 * nearly every probe once it outgrows it.
 */
import { BITSET, DELETED, DIRECT, NO_BITS, PairTables, start } from './pair-tables.js';

export type { PairRows } from './pair-tables.js';

const bit = (t: Int32Array, b: number) => (t[b >>> 5]! & (1 << (b & 31))) !== 0;

export class PairSet extends PairTables {
  /** Whether (a, b) is present; answered without reading the data when a bitmap, bitset or direct table covers b. */
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
      if (bits === BITSET) return b < this.cap[a]! && bit(this.big[i]!, b);
      if (b >>> 5 < bits.length) return bit(bits, b);
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
    if (bits === BITSET) {
      if (b >= this.cap[a]! || !bit(t, b)) return -1;
      this.materialize();
      return this.find(a, b);
    }
    if (b >>> 5 < bits.length && !bit(bits, b)) return -1;
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
    if (bits === BITSET) {
      if (this.setBit(a, t, b)) return -1;
      this.materialize();
      return this.find(a, b);
    }
    if (bits === DIRECT) {
      const k = t[b]!;
      if (k > 0) return k - 1;
      t[b] = row + 1;
      this.used[a]!++;
      return -1;
    }
    if (b >>> 5 < bits.length && !bit(bits, b)) {
      this.place(a, i, b, row);
      return -1;
    }
    return this.probeOrAdd(a, t, 0, b, row);
  }

  /**
   * Adds (a, b) -> row unless present; returns whether it was added. Cheaper than
   * `findOrAdd` when the existing row does not matter: a bitmap or bitset answers alone.
   */
  addIfAbsent(a: number, b: number, row: number): boolean {
    // Dense closures add mostly into bitsets that already cover b: no `prepare`.
    if (a < this.off.length && this.off[a]! < 0 && b < this.cap[a]!) {
      const i = -this.off[a]! - 1;
      if (this.bits[i] === BITSET) {
        if (b > this.maxSecond) this.maxSecond = b;
        return this.setBit(a, this.big[i]!, b);
      }
    }
    const o = this.prepare(a, b);
    if (o > 0) return this.probeOrAdd(a, this.arena, o - 1, b, row) < 0;
    const i = -o - 1,
      t = this.big[i]!,
      bits = this.bits[i]!;
    if (bits === BITSET) return this.setBit(a, t, b);
    if (bits === DIRECT) {
      if (t[b]! > 0) return false;
      t[b] = row + 1;
      this.used[a]!++;
      return true;
    }
    if (b >>> 5 < bits.length) {
      if (bit(bits, b)) return false;
      this.place(a, i, b, row);
      return true;
    }
    return this.probeOrAdd(a, t, 0, b, row) < 0;
  }

  /** Records (a, b) -> row for a pair known to be absent (the row's data is written). */
  add(a: number, b: number, row: number): void {
    this.addIfAbsent(a, b, row);
  }

  /** Sets bit b of a bitset group; returns whether it was clear. */
  private setBit(a: number, t: Int32Array, b: number): boolean {
    const w = b >>> 5,
      m = 1 << (b & 31);
    if ((t[w]! & m) !== 0) return false;
    t[w]! |= m;
    this.used[a]!++;
    return true;
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

  /** Forgets the pair of `row` (first value `a`), which is present. */
  remove(a: number, row: number): void {
    if (a >= this.off.length || this.off[a] === 0) return;
    const o = this.off[a]!;
    const b = this.data[2 * row + 1]!;
    const kind = o < 0 ? this.bits[-o - 1]! : NO_BITS;
    if (kind === DIRECT || kind === BITSET) {
      const t = this.big[-o - 1]!;
      if (kind === BITSET ? b < this.cap[a]! && bit(t, b) : t[b] === row + 1) {
        if (kind === BITSET) t[b >>> 5]! &= ~(1 << (b & 31));
        else t[b] = 0;
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
        if (b >>> 5 < kind.length) kind[b >>> 5]! &= ~(1 << (b & 31));
        return;
      }
    }
  }

  /** Appends the rows of first value `a` to `out` (in table order), returns the new length. */
  rowsOf(a: number, out: Int32Array, at: number): number {
    if (a >= this.off.length || this.off[a] === 0) return at;
    if (this.off[a]! < 0 && this.bits[-this.off[a]! - 1] === BITSET) this.materialize();
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

  /**
   * If `a`'s group is a bitset, appends its second values to `out` (ascending) and
   * returns the new length; otherwise returns -1 (ask `rowsOf`).
   */
  secondsOf(a: number, out: Int32Array, at: number): number {
    if (a >= this.off.length || this.off[a]! >= 0) return -1;
    const i = -this.off[a]! - 1;
    if (this.bits[i] !== BITSET) return -1;
    const t = this.big[i]!;
    for (let w = 0; w < t.length; w++)
      for (let x = t[w]!; x !== 0; x &= x - 1) out[at++] = 32 * w + (31 - Math.clz32(x & -x));
    return at;
  }

  /** The bitset of `a`'s second values (bit b: (a, b) is present) if its group is one. */
  bitsetOf(a: number): Int32Array | undefined {
    if (a >= this.off.length || this.off[a]! >= 0) return undefined;
    const i = -this.off[a]! - 1;
    return this.bits[i] === BITSET ? this.big[i]! : undefined;
  }

  /** An upper bound on the rows `rowsOf(a)` (or values `secondsOf(a)`) returns. */
  sizeOf(a: number): number {
    return a < this.off.length ? this.used[a]! : 0;
  }

  /** First values with a table, ascending. */
  firsts(): number[] {
    const out: number[] = [];
    for (let a = 0; a < this.off.length; a++) if (this.off[a] !== 0) out.push(a);
    return out;
  }
}
