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
