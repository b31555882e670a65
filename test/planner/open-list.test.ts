/**
 * The lazy search's open list (runs of entries in chunked per-key lists) pops in exactly the
 * order of a FIFO heap given the entries one at a time, which is what keeps the search's
 * expansions and plans unchanged.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FifoHeap } from '../../src/planner/cost-queues.js';
import { ChunkPool, IntLog, RunFifo } from '../../src/planner/open-list.js';

/** A small deterministic pseudo-random sequence (no Math.random: the test must be repeatable). */
function lcg(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

/** The reference: every value of a run pushed on its own; the tag of value v is tags[v]. */
class Reference {
  heap = new FifoHeap();
  tags: number[] = [];
  push(k: number, first: number, n: number, tag: number): void {
    for (let v = first; v < first + n; v++) {
      this.heap.push(k, v);
      this.tags[v] = tag;
    }
  }
}

/** Pushes runs of fresh consecutive values to both queues and checks every pop against the reference. */
class Pair {
  a: RunFifo;
  b = new Reference();
  next = 0;
  constructor(readonly pool = new ChunkPool()) {
    this.a = new RunFifo(pool);
  }
  push(k: number, n: number): void {
    const tag = this.next * 7 + 3;
    this.a.push(k, this.next, n, tag);
    this.b.push(k, this.next, n, tag);
    this.next += n;
  }
  pop(what: string): void {
    const v = this.a.pop();
    const w = this.b.heap.pop();
    assert.equal(v, w, what);
    assert.equal(this.a.topKey, this.b.heap.topKey, what);
    assert.equal(this.a.tag, this.b.tags[w], what);
    assert.equal(this.a.size, this.b.heap.size, what);
  }
  drain(what: string): void {
    while (this.b.heap.size > 0) this.pop(what);
    assert.equal(this.a.size, 0);
  }
}

describe('RunFifo', () => {
  it('keeps one key first-in first-out across many chunks, runs of one and of many', () => {
    const p = new Pair();
    for (let i = 0; i < 1000; i++) p.push(5, 1 + (i % 4));
    assert.ok(p.pool.used > 10, `${p.pool.used} chunks`);
    for (let i = 0; i < 1200; i++) p.pop(`pop ${i}`);
    for (let i = 0; i < 300; i++) p.push(5, 1);
    p.drain('drain');
    assert.equal(p.pool.used, 0, 'every chunk back in the pool');
  });

  it('reuses the chunks it popped instead of allocating more', () => {
    const p = new Pair();
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 500; i++) p.push(i % 3, 2);
      p.drain(`round ${round}`);
    }
    const allocated = p.pool.chunks.length;
    for (let i = 0; i < 500; i++) p.push(i % 3, 2);
    p.drain('again');
    assert.equal(p.pool.chunks.length, allocated);
  });

  it('follows keys that go down and up, with pushes and pops interleaved', () => {
    const r = lcg(11);
    const p = new Pair();
    let k = 40;
    for (let step = 0; step < 20000; step++) {
      if (r() < 0.55 || p.b.heap.size === 0) {
        k = Math.max(0, k + Math.floor(r() * 7) - 3);
        p.push(k, Math.floor(r() * 6)); // runs of 0 values are allowed and ignored
      } else p.pop(`step ${step}`);
    }
    p.drain('drain');
  });

  it('sends fractional, huge and negative keys to its heap, mixed with small integer keys', () => {
    const kinds: Array<(r: () => number) => number> = [
      (r) => Math.floor(r() * 20) + (r() < 0.3 ? 0.5 : 0),
      (r) => (r() < 0.5 ? Math.floor(r() * 5) : 2 ** 21 + Math.floor(r() * 5)),
      (r) => Math.floor(r() * 10) - 3,
    ];
    for (const [kind, makeKey] of kinds.entries()) {
      const r = lcg(7 + kind);
      const p = new Pair();
      for (let step = 0; step < 5000; step++) {
        if (r() < 0.6 || p.b.heap.size === 0) p.push(makeKey(r), 1 + Math.floor(r() * 4));
        else p.pop(`kind ${kind} step ${step}`);
      }
      p.drain(`kind ${kind}`);
    }
  });

  it('shares one pool between queues', () => {
    const pool = new ChunkPool();
    const p = new Pair(pool);
    const q = new Pair(pool);
    for (let i = 0; i < 400; i++) {
      p.push(i % 5, 3);
      q.push(4 - (i % 5), 1);
      if (i % 3 === 0) p.pop(`p ${i}`);
    }
    p.drain('p');
    q.drain('q');
    assert.equal(pool.used, 0);
  });
});

describe('IntLog', () => {
  it('keeps every value across chunk boundaries', () => {
    const log = new IntLog();
    for (let i = 0; i < 200_000; i++) log.push(i * 3 - 100);
    assert.equal(log.length, 200_000);
    for (const i of [0, 1, 65535, 65536, 65537, 131072, 199_999])
      assert.equal(log.get(i), i * 3 - 100);
  });
});
