/** The search's bucket open list pops in exactly the order of the FIFO heap it replaced. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BucketFifo, FifoHeap } from '../../src/planner/cost-queues.js';

/** A small deterministic pseudo-random sequence (no Math.random: the test must be repeatable). */
function lcg(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

describe('BucketFifo', () => {
  it('pops the same values with the same keys as FifoHeap, for integer, fractional, huge and mixed keys', () => {
    const keyKinds: Array<(r: () => number) => number> = [
      (r) => Math.floor(r() * 20),
      (r) => Math.floor(r() * 20) + (r() < 0.3 ? 0.5 : 0),
      (r) => (r() < 0.5 ? Math.floor(r() * 5) : 2 ** 21 + Math.floor(r() * 5)),
    ];
    for (const [kind, makeKey] of keyKinds.entries()) {
      const r = lcg(7 + kind);
      const a = new BucketFifo();
      const b = new FifoHeap();
      let v = 0;
      for (let step = 0; step < 5000; step++) {
        if (r() < 0.6 || b.size === 0) {
          const k = makeKey(r);
          a.push(k, v);
          b.push(k, v);
          v++;
        } else {
          assert.equal(a.pop(), b.pop(), `kind ${kind} step ${step}`);
          assert.equal(a.topKey, b.topKey);
        }
        assert.equal(a.size, b.size);
      }
      while (b.size > 0) {
        assert.equal(a.pop(), b.pop());
        assert.equal(a.topKey, b.topKey);
      }
    }
  });
});
