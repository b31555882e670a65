/**
 * A reusable list of non-negative ids for the per-state loops of the search and the
 * heuristics. A JS array emptied with `length = 0` (or popped to empty) drops its storage
 * and reallocates it on the next pushes, which made most of the search's garbage (~60 % of
 * the bytes allocated during a search on woodworking p07); this one keeps its storage.
 */
export class IdList {
  items: Int32Array = new Int32Array(64);
  /** The list is `items[0 .. n)`. */
  n = 0;
  push(v: number): void {
    if (this.n === this.items.length) {
      const x = new Int32Array(this.n * 2);
      x.set(this.items);
      this.items = x;
    }
    this.items[this.n++] = v;
  }
  /** Removes and returns the last id (the list must not be empty). */
  pop(): number {
    return this.items[--this.n]!;
  }
  clear(): void {
    this.n = 0;
  }
  /** A copy as a plain array. */
  toArray(): number[] {
    return Array.from(this.items.subarray(0, this.n));
  }
  /** Sorts the list ascending, in place, without allocating (but a view for long lists). */
  sort(): void {
    const { items, n } = this;
    if (n > 64) {
      items.subarray(0, n).sort();
      return;
    }
    for (let i = 1; i < n; i++) {
      const x = items[i]!;
      let j = i - 1;
      while (j >= 0 && items[j]! > x) {
        items[j + 1] = items[j]!;
        j--;
      }
      items[j + 1] = x;
    }
  }
}
