/**
 * The lazy search's open lists, in little memory. A lazy search queues every successor it
 * generates (26k expansions put 1.3M entries in the queues on woodworking p07), so the
 * entries dominate its memory: here no entry has a link of its own and nothing is copied to
 * grow. The successors of one expansion enter a queue together, with one key, and their
 * entries are consecutive numbers, so a queue holds runs (first entry, count, parent): one
 * run per expansion and queue. Each key's runs sit in a first-in first-out list of
 * fixed-size chunks taken from a pool shared by the queues (a list's emptied chunks go back
 * to it). Pop order is exactly that of a FIFO heap given the entries one at a time.
 */
import { FifoHeap } from './cost-queues.js';

/** Ints per chunk; the last one links to the next chunk of the same list. */
const CHUNK = 256;
const LINK = CHUNK - 1;
/** A run is three ints: first value, how many are left, tag. */
const RUN = 3;
const RUNS_END = Math.floor(LINK / RUN) * RUN;

/** Fixed-size Int32Array chunks, handed out and taken back by number. */
export class ChunkPool {
  readonly chunks: Int32Array[] = [];
  private free: number[] = [];
  alloc(): number {
    const c = this.free.pop();
    if (c !== undefined) return c;
    this.chunks.push(new Int32Array(CHUNK));
    return this.chunks.length - 1;
  }
  release(c: number): void {
    this.free.push(c);
  }
  /** Chunks in use. */
  get used(): number {
    return this.chunks.length - this.free.length;
  }
}

/** Keys below this (non-negative integers) go to the per-key lists; any other key to a heap. */
const LIST_KEYS = 1 << 20;

/**
 * Open list of runs of consecutive values: `push(k, first, n, tag)` queues first, first + 1,
 * ..., first + n - 1 with key k; `pop` returns the value with the smallest key, equal keys
 * first-in first-out, and leaves its key in `topKey` and its run's tag in `tag`. Small
 * non-negative integer keys (heuristic values, the usual case) have chunked lists; other
 * keys go to a FifoHeap of run slots. A key always goes to the same side, so equal keys
 * stay in push order.
 */
export class RunFifo {
  /** Values queued (not runs). */
  size = 0;
  /** The key of the last popped value. */
  topKey = 0;
  /** The tag of the last popped value's run. */
  tag = 0;
  private headChunk: Int32Array = new Int32Array(64).fill(-1);
  private headPos: Int32Array = new Int32Array(64);
  private tailChunk: Int32Array = new Int32Array(64).fill(-1);
  private tailPos: Int32Array = new Int32Array(64);
  private inLists = 0;
  private minKey = LIST_KEYS;
  private heap = new FifoHeap();
  /** Runs of the heap side, by slot: first, count, tag. */
  private slots: number[] = [];
  private freeSlots: number[] = [];

  constructor(private readonly pool: ChunkPool = new ChunkPool()) {}

  push(k: number, first: number, n: number, tag: number): void {
    if (n <= 0) return;
    this.size += n;
    if (!(Number.isInteger(k) && k >= 0 && k < LIST_KEYS)) {
      this.pushHeap(k, first, n, tag);
      return;
    }
    if (k >= this.headChunk.length) this.growKeys(k);
    let t = this.tailChunk[k]!;
    let p = this.tailPos[k]!;
    if (t < 0) {
      t = this.pool.alloc();
      this.headChunk[k] = t;
      this.tailChunk[k] = t;
      this.headPos[k] = 0;
      p = 0;
    } else if (p === RUNS_END) {
      const c = this.pool.alloc();
      this.pool.chunks[t]![LINK] = c;
      this.tailChunk[k] = c;
      t = c;
      p = 0;
    }
    const chunk = this.pool.chunks[t]!;
    chunk[p] = first;
    chunk[p + 1] = n;
    chunk[p + 2] = tag;
    this.tailPos[k] = p + RUN;
    this.inLists += n;
    if (k < this.minKey) this.minKey = k;
  }

  /** Pops the next value (the queue must not be empty). */
  pop(): number {
    this.size--;
    if (this.inLists > 0) {
      let k = this.minKey;
      while (this.headChunk[k]! < 0) k++;
      this.minKey = k;
      if (this.heap.size === 0 || k < this.heap.peekKey()) {
        if (--this.inLists === 0) this.minKey = LIST_KEYS;
        this.topKey = k;
        return this.shift(k);
      }
    }
    return this.popHeap();
  }

  /** Takes the first value of key `k`'s list, releasing the head chunk once it is used up. */
  private shift(k: number): number {
    const h = this.headChunk[k]!;
    const chunk = this.pool.chunks[h]!;
    const p = this.headPos[k]!;
    const v = chunk[p]!;
    this.tag = chunk[p + 2]!;
    if (--chunk[p + 1]! > 0) {
      chunk[p] = v + 1;
      return v;
    }
    const next = p + RUN;
    if (h === this.tailChunk[k] && next === this.tailPos[k]) {
      this.pool.release(h);
      this.headChunk[k] = -1;
      this.tailChunk[k] = -1;
    } else if (next === RUNS_END) {
      this.headChunk[k] = chunk[LINK]!;
      this.headPos[k] = 0;
      this.pool.release(h);
    } else this.headPos[k] = next;
    return v;
  }

  private pushHeap(k: number, first: number, n: number, tag: number): void {
    const s = this.freeSlots.pop() ?? this.slots.length;
    this.slots[s] = first;
    this.slots[s + 1] = n;
    this.slots[s + 2] = tag;
    this.heap.push(k, s);
  }

  /** The heap's top run stays on top (same key, same order) until it is used up. */
  private popHeap(): number {
    const s = this.heap.peekValue();
    this.topKey = this.heap.peekKey();
    const v = this.slots[s]!;
    this.tag = this.slots[s + 2]!;
    if (--this.slots[s + 1]! > 0) this.slots[s] = v + 1;
    else {
      this.heap.pop();
      this.freeSlots.push(s);
    }
    return v;
  }

  private growKeys(k: number): void {
    const n = Math.max(this.headChunk.length * 2, k + 1);
    const grow = (a: Int32Array, fill: number): Int32Array => {
      const b = new Int32Array(n).fill(fill);
      b.set(a);
      return b;
    };
    this.headChunk = grow(this.headChunk, -1);
    this.tailChunk = grow(this.tailChunk, -1);
    this.headPos = grow(this.headPos, 0);
    this.tailPos = grow(this.tailPos, 0);
  }
}

const LOG_BITS = 16;
const LOG_CHUNK = 1 << LOG_BITS;

/** An append-only list of ints in fixed-size chunks: grows without copying or doubling. */
export class IntLog {
  length = 0;
  private chunks: Int32Array[] = [];
  push(v: number): void {
    const i = this.length++;
    if ((i & (LOG_CHUNK - 1)) === 0) this.chunks.push(new Int32Array(LOG_CHUNK));
    this.chunks[i >>> LOG_BITS]![i & (LOG_CHUNK - 1)] = v;
  }
  get(i: number): number {
    return this.chunks[i >>> LOG_BITS]![i & (LOG_CHUNK - 1)]!;
  }
}
