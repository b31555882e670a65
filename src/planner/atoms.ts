/**
 * Atoms as integers for grounding: objects and predicates are interned, each reachable atom is
 * a (predicate, object ids) tuple stored in flat typed arrays and found through an
 * open-addressing hash table; atoms are numbered in the order they are reached, and indexed by
 * predicate and by (predicate, position, object) with lists in that order. No string or object
 * per atom: grounding instances with many objects stays small.
 */

/** A growable Int32Array. */
export class IntVec {
  data: Int32Array;
  length = 0;
  constructor(capacity = 16) {
    this.data = new Int32Array(Math.max(4, capacity));
  }
  push(x: number): void {
    if (this.length === this.data.length) this.grow(this.length + 1);
    this.data[this.length++] = x;
  }
  grow(min: number): void {
    let n = this.data.length * 2;
    while (n < min) n *= 2;
    const d = new Int32Array(n);
    d.set(this.data.subarray(0, this.length));
    this.data = d;
  }
  /** A copy trimmed to the length. */
  toArray(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

export class AtomTable {
  /** Per atom: predicate and where its arguments start in `args`. */
  readonly pred = new IntVec(1024);
  readonly argStart = new IntVec(1024);
  readonly args = new IntVec(4096);
  /** Atom ids by predicate, ascending. */
  readonly byPred: IntVec[];
  private readonly byArg = new Map<number, IntVec>();
  private readonly posBase: Int32Array;
  private table = new Int32Array(2048).fill(-1);
  private mask = 2047;
  /** Set by `insert`: whether the atom was new. */
  isNew = false;

  constructor(
    readonly arity: Int32Array,
    readonly objectCount: number,
  ) {
    this.byPred = Array.from(arity, () => new IntVec(4));
    this.posBase = new Int32Array(arity.length);
    for (let p = 1; p < arity.length; p++) this.posBase[p] = this.posBase[p - 1]! + arity[p - 1]!;
  }

  get count(): number {
    return this.pred.length;
  }

  private hash(p: number, buf: Int32Array, off: number, n: number): number {
    let h = Math.imul(p + 1, 0x9e3779b1);
    for (let i = 0; i < n; i++) {
      h = Math.imul(h ^ buf[off + i]!, 0x01000193);
      h ^= h >>> 13;
    }
    return (h ^ (h >>> 16)) >>> 0;
  }

  private same(id: number, p: number, buf: Int32Array, off: number, n: number): boolean {
    if (this.pred.data[id] !== p) return false;
    const a = this.args.data;
    const s = this.argStart.data[id]!;
    for (let i = 0; i < n; i++) if (a[s + i] !== buf[off + i]) return false;
    return true;
  }

  /** The id of atom (p, buf[off..off+arity)), or -1. */
  find(p: number, buf: Int32Array, off = 0): number {
    const n = this.arity[p]!;
    for (let slot = this.hash(p, buf, off, n) & this.mask; ; slot = (slot + 1) & this.mask) {
      const id = this.table[slot]!;
      if (id < 0 || this.same(id, p, buf, off, n)) return id;
    }
  }

  /** The id of atom (p, buf[off..]), added (with the next id) when new; `isNew` says which. */
  insert(p: number, buf: Int32Array, off = 0): number {
    const n = this.arity[p]!;
    let slot = this.hash(p, buf, off, n) & this.mask;
    for (; ; slot = (slot + 1) & this.mask) {
      const id = this.table[slot]!;
      if (id < 0) break;
      if (this.same(id, p, buf, off, n)) {
        this.isNew = false;
        return id;
      }
    }
    const id = this.pred.length;
    this.pred.push(p);
    this.argStart.push(this.args.length);
    for (let i = 0; i < n; i++) this.args.push(buf[off + i]!);
    this.table[slot] = id;
    this.byPred[p]!.push(id);
    for (let i = 0; i < n; i++) {
      const k = this.argKey(p, i, buf[off + i]!);
      let list = this.byArg.get(k);
      if (list === undefined) this.byArg.set(k, (list = new IntVec(4)));
      list.push(id);
    }
    if (2 * (id + 1) > this.mask) this.rehash();
    this.isNew = true;
    return id;
  }

  private argKey(p: number, i: number, o: number): number {
    return (this.posBase[p]! + i) * this.objectCount + o;
  }

  /** Atoms of predicate p with object o at position i, ascending (undefined when none). */
  withArg(p: number, i: number, o: number): IntVec | undefined {
    return this.byArg.get(this.argKey(p, i, o));
  }

  private rehash(): void {
    const size = (this.mask + 1) * 2;
    this.table = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    const a = this.args.data;
    for (let id = 0; id < this.pred.length; id++) {
      const p = this.pred.data[id]!;
      let slot = this.hash(p, a, this.argStart.data[id]!, this.arity[p]!) & this.mask;
      while (this.table[slot]! >= 0) slot = (slot + 1) & this.mask;
      this.table[slot] = id;
    }
  }
}
