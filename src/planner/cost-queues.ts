/**
 * Priority queues: the delete-relaxation heuristics' (facts keyed by their cost) and the
 * eager search's open list (states keyed by f); the lazy search's are in open-list.ts.
 * `Heap` breaks ties arbitrarily; `FifoHeap` pops equal keys in push order, which is
 * exactly the order of a bucket queue, so it can replace one without changing any
 * heuristic value or best supporter.
 */

/** Binary min-heap of (key, value); ties in no particular order. */
export class Heap {
  keys = new Float64Array(1024);
  vals = new Int32Array(1024);
  size = 0;
  /** The key of the last popped entry. */
  topKey = 0;
  push(k: number, v: number): void {
    if (this.size === this.keys.length) {
      const k2 = new Float64Array(this.size * 2);
      k2.set(this.keys);
      this.keys = k2;
      const v2 = new Int32Array(this.size * 2);
      v2.set(this.vals);
      this.vals = v2;
    }
    let i = this.size++;
    const { keys, vals } = this;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (keys[p]! <= k) break;
      keys[i] = keys[p]!;
      vals[i] = vals[p]!;
      i = p;
    }
    keys[i] = k;
    vals[i] = v;
  }
  /** Pops the minimum; its key is left in `topKey`. */
  pop(): number {
    const { keys, vals } = this;
    this.topKey = keys[0]!;
    const out = vals[0]!;
    const k = keys[--this.size]!;
    const v = vals[this.size]!;
    let i = 0;
    const n = this.size;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && keys[c + 1]! < keys[c]!) c++;
      if (keys[c]! >= k) break;
      keys[i] = keys[c]!;
      vals[i] = vals[c]!;
      i = c;
    }
    keys[i] = k;
    vals[i] = v;
    return out;
  }
}

/** Binary min-heap of (key, value) that pops equal keys first-in first-out, like a bucket queue. */
export class FifoHeap {
  private keys = new Float64Array(1024);
  private seqs = new Float64Array(1024);
  private vals = new Int32Array(1024);
  size = 0;
  private seq = 0;
  /** The key of the last popped entry. */
  topKey = 0;
  clear(): void {
    this.size = 0;
    this.seq = 0;
  }
  private before(i: number, k: number, s: number): boolean {
    const ki = this.keys[i]!;
    return ki < k || (ki === k && this.seqs[i]! < s);
  }
  push(k: number, v: number): void {
    if (this.size === this.keys.length) {
      const n = this.size * 2;
      const k2 = new Float64Array(n);
      k2.set(this.keys);
      this.keys = k2;
      const s2 = new Float64Array(n);
      s2.set(this.seqs);
      this.seqs = s2;
      const v2 = new Int32Array(n);
      v2.set(this.vals);
      this.vals = v2;
    }
    const s = this.seq++;
    const { keys, seqs, vals } = this;
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.before(p, k, s)) break;
      keys[i] = keys[p]!;
      seqs[i] = seqs[p]!;
      vals[i] = vals[p]!;
      i = p;
    }
    keys[i] = k;
    seqs[i] = s;
    vals[i] = v;
  }
  /** The smallest key (the heap must not be empty). */
  peekKey(): number {
    return this.keys[0]!;
  }
  /** The value that `pop` would return (the heap must not be empty). */
  peekValue(): number {
    return this.vals[0]!;
  }
  /** Pops the minimum (the earliest pushed among equal keys); its key is left in `topKey`. */
  pop(): number {
    const { keys, seqs, vals } = this;
    this.topKey = keys[0]!;
    const out = vals[0]!;
    const n = --this.size;
    const k = keys[n]!;
    const s = seqs[n]!;
    const v = vals[n]!;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && this.before(c + 1, keys[c]!, seqs[c]!)) c++;
      if (!this.before(c, k, s)) break;
      keys[i] = keys[c]!;
      seqs[i] = seqs[c]!;
      vals[i] = vals[c]!;
      i = c;
    }
    keys[i] = k;
    seqs[i] = s;
    vals[i] = v;
    return out;
  }
}

/**
 * Bucket queue for small integer keys: one first-in first-out list per key, linked through
 * typed arrays that are reused from one exploration to the next (no allocation once grown).
 * Iterate a key's list with `for (let e = q.head[k]; e >= 0; e = q.next[e]) q.item[e]`;
 * entries pushed onto the list being iterated are visited too.
 */
export class BucketQueue {
  head = new Int32Array(64).fill(-1);
  tail = new Int32Array(64).fill(-1);
  item = new Int32Array(1024);
  next = new Int32Array(1024);
  /** The largest key pushed since the last `clear`. */
  maxKey = -1;
  private size = 0;
  push(k: number, v: number): void {
    if (k >= this.head.length) this.growKeys(k);
    if (this.size === this.item.length) this.growItems();
    const e = this.size++;
    this.item[e] = v;
    this.next[e] = -1;
    const t = this.tail[k]!;
    if (t < 0) this.head[k] = e;
    else this.next[t] = e;
    this.tail[k] = e;
    if (k > this.maxKey) this.maxKey = k;
  }
  /** Removes and returns the first entry of key `k`'s list (which must not be empty). */
  shift(k: number): number {
    const e = this.head[k]!;
    this.head[k] = this.next[e]!;
    if (this.head[k]! < 0) this.tail[k] = -1;
    return this.item[e]!;
  }
  clear(): void {
    for (let k = 0; k <= this.maxKey; k++) {
      this.head[k] = -1;
      this.tail[k] = -1;
    }
    this.maxKey = -1;
    this.size = 0;
  }
  private growKeys(k: number): void {
    const n = Math.max(this.head.length * 2, k + 1);
    const h = new Int32Array(n).fill(-1);
    h.set(this.head);
    this.head = h;
    const t = new Int32Array(n).fill(-1);
    t.set(this.tail);
    this.tail = t;
  }
  private growItems(): void {
    const n = this.item.length * 2;
    const i = new Int32Array(n);
    i.set(this.item);
    this.item = i;
    const x = new Int32Array(n);
    x.set(this.next);
    this.next = x;
  }
}
