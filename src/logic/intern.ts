/**
 * Interning of constants to dense integer ids (0, 1, 2, ... in order of first use).
 * Small non-negative integers, the usual node names of generated graphs, are looked
 * up in a typed array instead of a Map: loading 100k edges interns 200k values, and a
 * Map probe plus its boxed entries cost more than the join that follows.
 */
import { LogicError } from './errors.js';
import type { Value } from './types.js';

/** Integers below this use the array (at most 4 MB); larger ones and strings use Maps. */
const DENSE_LIMIT = 2 ** 20;

export class Interner {
  readonly values: Value[] = [];
  private readonly strIds = new Map<string, number>();
  private readonly numIds = new Map<number, number>();
  /** Per small integer v: its id + 1, or 0 when not interned yet. */
  private dense = new Int32Array(0);

  /** Id of `v`, assigned on first use. */
  intern(v: Value): number {
    if (typeof v === 'number' && v >= 0 && v < DENSE_LIMIT && Number.isInteger(v)) {
      if (v >= this.dense.length) this.growDense(v);
      const id = this.dense[v]! - 1;
      if (id >= 0) return id;
      this.dense[v] = this.values.length + 1;
      this.values.push(v);
      return this.values.length - 1;
    }
    const m = typeof v === 'number' ? this.numIds : this.strIds;
    let id = (m as Map<Value, number>).get(v);
    if (id === undefined) {
      if (typeof v === 'number' && !Number.isSafeInteger(v))
        throw new LogicError(
          `${v} is not an integer`,
          undefined,
          'numbers in facts must be safe integers',
          'LOGIC_BAD_INTEGER',
        );
      id = this.values.length;
      this.values.push(v);
      (m as Map<Value, number>).set(v, id);
    }
    return id;
  }

  /** Id of an already interned value, or -1. */
  lookup(v: Value): number {
    if (typeof v === 'number' && v >= 0 && v < DENSE_LIMIT && Number.isInteger(v))
      return v < this.dense.length ? this.dense[v]! - 1 : -1;
    return (typeof v === 'number' ? this.numIds.get(v) : this.strIds.get(v)) ?? -1;
  }

  private growDense(v: number): void {
    let n = Math.max(64, this.dense.length);
    while (n <= v) n *= 2;
    const d = new Int32Array(Math.min(n, DENSE_LIMIT));
    d.set(this.dense);
    this.dense = d;
  }
}
