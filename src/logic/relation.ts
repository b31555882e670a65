/**
 * Storage of one relation, columnar over interned ids: the tuples packed in one
 * Int32Array (`arity` ids per row), one byte of state per row, ranks as runs
 * (rank.ts), membership as a table of row numbers (pairs.ts for binary relations,
 * row-set.ts otherwise) and, built lazily for the patterns the join plans use, hash
 * indexes on bound positions (hash-index.ts). No per-tuple strings or objects: a
 * binary fact costs about 8 bytes of data, 1 of state and 5 to 6 of membership.
 *
 * Each row has a state: OLD (present before the current update), NEW (present after
 * it), both, or neither (dead), plus a BASE bit for asserted facts. Views read rows by
 * state mask, so an update can look at the old and the new database at the same time
 * (DRed needs both).
 */
import { grown } from './growable.js';
import { Index } from './hash-index.js';
import { PairSet } from './pairs.js';
import { RankColumn } from './rank.js';
import { RowSet } from './row-set.js';

export { Index } from './hash-index.js';

export const OLD = 1;
export const NEW = 2;
export const LIVE = OLD | NEW;
/** State bit of rows that are asserted (base) facts; they may also be derivable. */
export const BASE = 4;

export class Relation {
  data: Int32Array;
  /** Per row: OLD / NEW bits and BASE; 0 for a dead row. */
  state: Uint8Array;
  /** Evaluation round that (last) derived each row; 0 for base facts. */
  readonly rank = new RankColumn();
  count = 0;
  capacity: number;
  /** Set by the engine while rows may be OLD only (during an update that deletes). */
  hasOld = false;
  private readonly pairs: PairSet | undefined;
  private readonly set: RowSet | undefined;
  readonly indexes = new Map<number, Index>();
  /** Changes when the indexes are dropped (compaction), so plans holding one ask again. */
  indexEpoch = 0;
  private indexList: Index[] = [];

  constructor(
    readonly id: number,
    readonly name: string,
    readonly arity: number,
  ) {
    this.capacity = 16;
    this.data = new Int32Array(this.capacity * Math.max(arity, 1));
    this.state = new Uint8Array(this.capacity);
    if (arity === 2) this.pairs = new PairSet(this.data, this);
    else this.set = new RowSet(this.data, arity);
  }

  /** OLD / NEW bits of a row (0 when dead). */
  stateOf(row: number): number {
    return this.state[row]! & LIVE;
  }

  setState(row: number, s: number): void {
    this.state[row] = (this.state[row]! & BASE) | s;
  }

  isBase(row: number): boolean {
    return (this.state[row]! & BASE) !== 0;
  }

  setBase(row: number, on: boolean): void {
    this.state[row] = on ? this.state[row]! | BASE : this.state[row]! & LIVE;
  }

  /**
   * Row holding tuple `t[off..off+arity)` (any non-dead state), or -1. The first call
   * that finds a pair of a bitset group (pairs.ts) builds the row tables of all of them.
   */
  find(t: ArrayLike<number>, off = 0): number {
    return this.pairs !== undefined
      ? this.pairs.find(t[off]!, t[off + 1]!)
      : this.set!.find(t, off);
  }

  /** Whether tuple `t` is present (in any non-dead state); cheaper than `find`. */
  has(t: ArrayLike<number>, off = 0): boolean {
    return this.pairs !== undefined
      ? this.pairs.has(t[off]!, t[off + 1]!)
      : this.set!.find(t, off) >= 0;
  }

  /**
   * Inserts `t` unless present; returns whether it was new. Cheaper than `insert` when
   * the existing row does not matter (no row can be OLD only: `hasOld` is false).
   */
  add(t: ArrayLike<number>, state: number, rank: number): boolean {
    const row = this.count;
    const added =
      this.pairs !== undefined
        ? this.pairs.addIfAbsent(t[0]!, t[1]!, row)
        : this.set!.findOrAdd(t, 0, row) < 0;
    if (added) this.newRow(t, 0, state, rank);
    return added;
  }

  /**
   * Inserts `t` unless present (one probe): returns the new row, or -(row + 1) of the
   * existing one (in any non-dead state).
   */
  insert(t: ArrayLike<number>, state: number, rank: number): number {
    const row = this.count;
    const found =
      this.pairs !== undefined
        ? this.pairs.findOrAdd(t[0]!, t[1]!, row)
        : this.set!.findOrAdd(t, 0, row);
    if (found >= 0) return -found - 1;
    this.newRow(t, 0, state, rank);
    return row;
  }

  /** Appends a tuple known to be absent; returns its row. */
  append(t: ArrayLike<number>, off: number, state: number, rank: number, base: boolean): number {
    const row = this.newRow(t, off, base ? state | BASE : state, rank);
    this.place(row);
    return row;
  }

  private newRow(t: ArrayLike<number>, off: number, state: number, rank: number): number {
    if (this.count === this.capacity) this.growRows();
    const row = this.count++;
    const a = this.arity,
      d = this.data;
    for (let i = 0; i < a; i++) d[row * a + i] = t[off + i]!;
    this.state[row] = state;
    this.rank.push(rank);
    const ix = this.indexList;
    for (let i = 0; i < ix.length; i++) ix[i]!.add(row);
    return row;
  }

  private place(row: number): void {
    if (this.pairs !== undefined) this.pairs.add(this.data[2 * row]!, this.data[2 * row + 1]!, row);
    else this.set!.findOrAdd(this.data, row * this.arity, row);
  }

  /** Forgets a row for membership (it stays readable until the next compaction). */
  kill(row: number): void {
    this.state[row] = 0;
    if (this.pairs !== undefined) this.pairs.remove(this.data[2 * row]!, row);
    else this.set!.remove(row);
  }

  private growRows(): void {
    this.capacity *= 2;
    const data = grown(this.data, this.capacity * Math.max(this.arity, 1));
    this.data = data;
    if (this.pairs !== undefined) this.pairs.data = data;
    else this.set!.data = data;
    this.state = grown(this.state, this.capacity);
  }

  /** The index on `positions` (bit mask), built on first use and kept up to date. */
  index(mask: number): Index {
    let idx = this.indexes.get(mask);
    if (idx === undefined) {
      const positions: number[] = [];
      for (let i = 0; i < this.arity; i++) if (mask & (1 << i)) positions.push(i);
      idx = new Index(this, positions);
      this.indexes.set(mask, idx);
      this.indexList.push(idx);
    }
    return idx;
  }

  /** Rows of a binary relation whose first value is `a`, appended to `out` from `at` (any state). */
  rowsWithFirst(a: number, out: Int32Array, at: number): number {
    return this.pairs!.rowsOf(a, out, at);
  }

  /** Upper bound on the rows `rowsWithFirst(a)` returns; the first values present (binary only). */
  get groups(): PairSet | undefined {
    return this.pairs;
  }

  /** Drops dead rows when they outnumber live ones (only between updates: rows renumber). */
  maybeCompact(): void {
    let live = 0;
    for (let r = 0; r < this.count; r++) if (this.state[r] !== 0) live++;
    if (this.count - live < 1024 || this.count - live < live) return;
    const a = this.arity;
    const keep = new Int32Array(live);
    let w = 0;
    for (let r = 0; r < this.count; r++) {
      if (this.state[r] === 0) continue;
      this.data.copyWithin(w * a, r * a, r * a + a);
      this.state[w] = this.state[r]!;
      keep[w++] = r;
    }
    this.rank.compact(keep, w);
    this.count = w;
    this.indexes.clear();
    this.indexList = [];
    this.indexEpoch++;
    if (this.pairs !== undefined) this.pairs.clear();
    else this.set!.clear();
    for (let r = 0; r < this.count; r++) this.place(r);
  }
}
