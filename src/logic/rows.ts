/** A growable list of row numbers backed by an Int32Array (semi-naive deltas). */
export class Rows {
  rows = new Int32Array(8);
  length = 0;
  push(row: number): void {
    if (this.length === this.rows.length) {
      const n = new Int32Array(this.rows.length * 2);
      n.set(this.rows);
      this.rows = n;
    }
    this.rows[this.length++] = row;
  }
}

/** Tuples of one relation packed one after another in `ids` (the facts of one update). */
export class Tuples {
  readonly ids = new Rows();
  /** Number of tuples (arity-0 tuples take no ids). */
  count = 0;
}

/**
 * Rows of one relation that changed in a round or an update: the range [lo, hi) of rows
 * appended, plus listed rows (rows that came back, or rederived ones). Appended rows
 * are consecutive, so most deltas cost no memory.
 */
export class Delta {
  lo = 0;
  hi = 0;
  readonly extra = new Rows();
  get size(): number {
    return this.hi - this.lo + this.extra.length;
  }
}
