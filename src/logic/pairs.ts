/**
 * Membership of binary tuples, grouped by first value: one small open-addressing table
 * of second values per first value. Derivations tend to come in runs with the same first
 * value (a semi-naive delta row (X, Y) yields many (X, Z)), so consecutive probes stay in
 * one small, cache-resident table; a flat table over all pairs misses the cache on
 * nearly every probe once it outgrows it.
 *
 * All tables live in one Int32Array arena (bump allocation; a grown table leaves its old
 * space behind, at most doubling the arena), so there is no object per group to collect.
 * A table is `cap` slots of [second value + 1 (0 empty, -1 deleted), row].
 */
const start = (b: number, mask: number) => (Math.imul(b + 1, 0x9e3779b1) >>> 7) & mask;

export class PairSet {
  private arena = new Int32Array(1024);
  private top = 0;
  /** Per first value: arena offset of its table + 1 (0 = none), capacity, entries incl. deleted. */
  private off = new Int32Array(64);
  private cap = new Int32Array(64);
  private used = new Int32Array(64);

  /** Row of (a, b), or -1. */
  find(a: number, b: number): number {
    if (a >= this.off.length) return -1;
    const o = this.off[a]! - 1;
    if (o < 0) return -1;
    const arena = this.arena;
    const mask = this.cap[a]! - 1;
    for (let s = start(b, mask); ; s = (s + 1) & mask) {
      const k = arena[o + 2 * s]!;
      if (k === 0) return -1;
      if (k === b + 1) return arena[o + 2 * s + 1]!;
    }
  }

  /** Records (a, b) -> row; the pair must be absent. */
  add(a: number, b: number, row: number): void {
    if (a >= this.off.length) this.growIndex(a);
    if (this.off[a] === 0) this.allocate(a, 4);
    else if ((this.used[a]! + 1) * 2 > this.cap[a]!) this.regrow(a);
    const o = this.off[a]! - 1;
    const arena = this.arena;
    const mask = this.cap[a]! - 1;
    let s = start(b, mask);
    while (arena[o + 2 * s]! > 0) s = (s + 1) & mask;
    if (arena[o + 2 * s] === 0) this.used[a]!++;
    arena[o + 2 * s] = b + 1;
    arena[o + 2 * s + 1] = row;
  }

  remove(a: number, b: number, row: number): void {
    if (a >= this.off.length || this.off[a] === 0) return;
    const o = this.off[a]! - 1;
    const arena = this.arena;
    const mask = this.cap[a]! - 1;
    for (let s = start(b, mask); ; s = (s + 1) & mask) {
      const k = arena[o + 2 * s]!;
      if (k === 0) return;
      if (k === b + 1 && arena[o + 2 * s + 1] === row) {
        arena[o + 2 * s] = -1;
        return;
      }
    }
  }

  clear(): void {
    this.arena = new Int32Array(1024);
    this.top = 0;
    this.off.fill(0);
    this.cap.fill(0);
    this.used.fill(0);
  }

  private growIndex(a: number): void {
    let n = this.off.length;
    while (n <= a) n *= 2;
    for (const k of ['off', 'cap', 'used'] as const) {
      const x = new Int32Array(n);
      x.set(this[k]);
      this[k] = x;
    }
  }

  private allocate(a: number, cap: number): void {
    const need = this.top + 2 * cap;
    if (need > this.arena.length) {
      let n = this.arena.length * 2;
      while (n < need) n *= 2;
      const x = new Int32Array(n);
      x.set(this.arena.subarray(0, this.top));
      this.arena = x;
    }
    this.off[a] = this.top + 1;
    this.cap[a] = cap;
    this.used[a] = 0;
    this.top = need;
  }

  /** Moves the table of `a` to a fresh one (twice as large unless tombstones made room). */
  private regrow(a: number): void {
    const o = this.off[a]! - 1,
      cap = this.cap[a]!;
    let live = 0;
    for (let i = 0; i < cap; i++) if (this.arena[o + 2 * i]! > 0) live++;
    this.allocate(a, (live + 1) * 2 > cap ? cap * 2 : cap);
    const arena = this.arena; // allocate may have replaced it
    const n = this.off[a]! - 1,
      mask = this.cap[a]! - 1;
    for (let i = 0; i < cap; i++) {
      const k = arena[o + 2 * i]!;
      if (k <= 0) continue;
      let s = start(k - 1, mask);
      while (arena[n + 2 * s] !== 0) s = (s + 1) & mask;
      arena[n + 2 * s] = k;
      arena[n + 2 * s + 1] = arena[o + 2 * i + 1]!;
      this.used[a]!++;
    }
  }
}
