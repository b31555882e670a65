/**
 * The rank of each row of a relation: the evaluation round that (last) derived it, 0 for
 * base facts. Proofs only descend in rank, so they never loop.
 *
 * Rows are appended in round order, so ranks form runs: while no row's rank changes
 * after it was appended (always the case when a program is loaded), the column stores
 * one (first row, rank) pair per run instead of 4 bytes per row. The first change of an
 * earlier row's rank (DRed's rederivation, an update that flips a row back) turns it
 * into a plain Int32Array, as do too many short runs.
 */
export class RankColumn {
  private starts = new Int32Array(8);
  private ranks = new Int32Array(8);
  private runs = 0;
  private explicit: Int32Array | undefined;
  /** Rows covered (the relation's row count). */
  private length = 0;

  /** Records the rank of the next row (row number `length`). */
  push(rank: number): void {
    const row = this.length++;
    const ex = this.explicit;
    if (ex !== undefined) {
      if (row >= ex.length) this.explicit = grow(ex, row + 1);
      this.explicit![row] = rank;
      return;
    }
    if (this.runs > 0 && this.ranks[this.runs - 1] === rank) return;
    if (this.runs === this.starts.length) {
      // Many short runs: a plain column is smaller.
      if (this.runs * 4 > this.length) {
        this.materialize(this.length);
        this.explicit![row] = rank;
        return;
      }
      this.starts = grow(this.starts, this.runs + 1);
      this.ranks = grow(this.ranks, this.runs + 1);
    }
    this.starts[this.runs] = row;
    this.ranks[this.runs++] = rank;
  }

  get(row: number): number {
    if (this.explicit !== undefined) return this.explicit[row]!;
    // The last run starting at or before `row`.
    let lo = 0,
      hi = this.runs - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= row) lo = mid;
      else hi = mid - 1;
    }
    return this.ranks[lo]!;
  }

  set(row: number, rank: number): void {
    if (this.get(row) === rank) return;
    if (this.explicit === undefined) this.materialize(this.length);
    this.explicit![row] = rank;
  }

  /** Keeps the ranks of `keep` (ascending old rows) as rows 0, 1, ... (compaction). */
  compact(keep: Int32Array, n: number): void {
    const ranks = new Int32Array(n);
    for (let i = 0; i < n; i++) ranks[i] = this.get(keep[i]!);
    this.starts = new Int32Array(8);
    this.ranks = new Int32Array(8);
    this.runs = 0;
    this.explicit = undefined;
    this.length = 0;
    for (let i = 0; i < n; i++) this.push(ranks[i]!);
  }

  private materialize(capacity: number): void {
    const ex = new Int32Array(Math.max(16, capacity * 2));
    for (let r = 0; r < this.runs; r++) {
      const end = r + 1 < this.runs ? this.starts[r + 1]! : this.length;
      ex.fill(this.ranks[r]!, this.starts[r]!, end);
    }
    this.explicit = ex;
  }
}

function grow(a: Int32Array, need: number): Int32Array<ArrayBuffer> {
  let n = Math.max(8, a.length * 2);
  while (n < need) n *= 2;
  const b = new Int32Array(n);
  b.set(a);
  return b;
}
