/**
 * Membership of tuples of any arity (binary relations use pairs.ts): one open-addressing
 * table of row + 1 (0 empty, -1 deleted), hashed on the tuple's values and compared
 * against the relation's data, so it costs 4 bytes per slot and no per-tuple object.
 */
import { hashEnd, hashStep } from './hash.js';

const DELETED = -1;

export class RowSet {
  /** The relation's tuples, `arity` values per row; the relation replaces it when it grows. */
  data: Int32Array;
  private slots = new Int32Array(16);
  /** Slots in use, tombstones included. */
  private used = 0;

  constructor(
    data: Int32Array,
    private readonly arity: number,
  ) {
    this.data = data;
  }

  private hash(t: ArrayLike<number>, off: number): number {
    let h = 0x3c6ef372;
    for (let i = 0; i < this.arity; i++) h = hashStep(h, t[off + i]!);
    return hashEnd(h);
  }

  private same(row: number, t: ArrayLike<number>, off: number): boolean {
    const d = this.data,
      a = this.arity,
      b = row * a;
    for (let i = 0; i < a; i++) if (d[b + i] !== t[off + i]) return false;
    return true;
  }

  /** Row holding `t[off..off+arity)`, or -1. */
  find(t: ArrayLike<number>, off: number): number {
    const slots = this.slots;
    const mask = slots.length - 1;
    for (let s = this.hash(t, off) & mask; ; s = (s + 1) & mask) {
      const k = slots[s]!;
      if (k === 0) return -1;
      if (k > 0 && this.same(k - 1, t, off)) return k - 1;
    }
  }

  /** Row of `t` if present; otherwise records `row` for it (data written next) and returns -1. */
  findOrAdd(t: ArrayLike<number>, off: number, row: number): number {
    if ((this.used + 1) * 4 > this.slots.length * 3) this.rehash();
    const slots = this.slots;
    const mask = slots.length - 1;
    let free = -1;
    let s = this.hash(t, off) & mask;
    for (; ; s = (s + 1) & mask) {
      const k = slots[s]!;
      if (k === 0) break;
      if (k > 0) {
        if (this.same(k - 1, t, off)) return k - 1;
      } else if (free < 0) free = s;
    }
    if (free >= 0) s = free;
    else this.used++;
    slots[s] = row + 1;
    return -1;
  }

  remove(row: number): void {
    const slots = this.slots;
    const mask = slots.length - 1;
    for (let s = this.hash(this.data, row * this.arity) & mask; ; s = (s + 1) & mask) {
      const k = slots[s]!;
      if (k === 0) return;
      if (k === row + 1) {
        slots[s] = DELETED;
        return;
      }
    }
  }

  clear(): void {
    this.slots = new Int32Array(16);
    this.used = 0;
  }

  /** Rebuilds the table without tombstones, twice as large unless they made room. */
  private rehash(): void {
    const old = this.slots;
    let live = 0;
    for (const k of old) if (k > 0) live++;
    // At least half free afterwards, so the next rebuild is a quarter of the table away.
    const size = live * 2 >= old.length ? old.length * 2 : old.length;
    const slots = new Int32Array(size);
    const mask = size - 1;
    for (const k of old) {
      if (k <= 0) continue;
      let s = this.hash(this.data, (k - 1) * this.arity) & mask;
      while (slots[s] !== 0) s = (s + 1) & mask;
      slots[s] = k;
    }
    this.slots = slots;
    this.used = live;
  }
}
