/**
 * A hash index of a relation on some argument positions: rows grouped by their values
 * there, chained newest to oldest through one Int32Array. Built lazily for the
 * (relation, bound positions) patterns the join plans use, and maintained on insert.
 */
import { grown } from './growable.js';
import { hashEnd, hashStep } from './hash.js';

/** What an index reads of its relation. */
export interface IndexedRows {
  data: Int32Array;
  readonly arity: number;
  count: number;
  capacity: number;
  state: Uint8Array;
}

/** A one-position index stays direct while its values stay below this bound. */
const directBound = (rows: number) => 4 * rows + 4096;

export class Index {
  slots: Int32Array; // group head row + 1, or 0
  next: Int32Array; // per row: next row + 1 in its group, or 0
  private groups = 0;
  /**
   * One position over ids that are not much more numerous than the rows: group heads
   * by value (no hashing); undefined when hashed. Ids are dense small integers.
   */
  private heads: Int32Array | undefined;
  constructor(
    readonly rel: IndexedRows,
    readonly positions: readonly number[],
  ) {
    if (positions.length === 1) {
      let max = 0;
      for (let r = 0; r < rel.count; r++)
        max = Math.max(max, rel.data[r * rel.arity + positions[0]!]!);
      if (max < directBound(rel.count)) this.heads = new Int32Array(max + 1 + (max >> 2));
    }
    // Sized for the rows already there: growing rehashes every group head, a random
    // read of its row (a cache miss each on a large relation). If there turn out to be
    // few groups, shrink once (rehashing only the heads).
    let slots = 64;
    while (this.heads === undefined && slots < 2 * rel.count) slots *= 2;
    this.slots = new Int32Array(slots);
    this.next = new Int32Array(Math.max(16, rel.capacity));
    for (let r = 0; r < rel.count; r++) if ((rel.state[r]! & 3) !== 0) this.add(r);
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
    if (row >= this.next.length)
      this.next = grown(this.next, Math.max(row + 1, this.next.length * 2));
    if (this.heads !== undefined && this.addDirect(row)) return;
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

  /** Adds `row` to the direct heads; false (now hashed) when its value is too large for them. */
  private addDirect(row: number): boolean {
    const v = this.rel.data[row * this.rel.arity + this.positions[0]!]!;
    let heads = this.heads!;
    if (v >= heads.length) {
      if (v >= directBound(this.rel.count)) {
        this.toHashed();
        return false;
      }
      heads = this.heads = grown(heads, Math.max(v + 1, heads.length * 2));
    }
    this.next[row] = heads[v]!;
    heads[v] = row + 1;
    return true;
  }

  /** Moves the group heads from the direct table to the hash table. */
  private toHashed(): void {
    const heads = this.heads!;
    this.heads = undefined;
    let groups = 0;
    for (let v = 0; v < heads.length; v++) if (heads[v] !== 0) groups++;
    let size = 64;
    while (size < 4 * groups) size *= 2;
    this.slots = new Int32Array(size);
    this.groups = groups;
    const mask = size - 1;
    for (let v = 0; v < heads.length; v++) {
      if (heads[v] === 0) continue;
      let s = this.rowHash(heads[v]! - 1) & mask;
      while (this.slots[s] !== 0) s = (s + 1) & mask;
      this.slots[s] = heads[v]!;
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
    if (this.heads !== undefined) return key[0]! < this.heads.length ? this.heads[key[0]!]! : 0;
    if (ps.length === 1) return this.firstOf(key[0]!, ps[0]!, data, arity);
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

  /** `first` on one position `p`: no loops over positions (the common case). */
  private firstOf(v: number, p: number, data: Int32Array, arity: number): number {
    const mask = this.slots.length - 1;
    for (let s = hashEnd(hashStep(0x2545f491, v)) & mask; ; s = (s + 1) & mask) {
      const head = this.slots[s]!;
      if (head === 0 || data[(head - 1) * arity + p] === v) return head;
    }
  }
}
