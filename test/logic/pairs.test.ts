import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { PairSet } from '../../src/logic/pairs.js';

test('PairSet agrees with a Map under random adds and removes (growth, tombstones, clear)', () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.tuple(
          fc.constantFrom('add', 'remove', 'clear'),
          fc.integer({ min: 0, max: 9 }),
          fc.integer({ min: 0, max: 200 }),
        ),
        { maxLength: 600 },
      ),
      (ops) => {
        const set = new PairSet();
        const ref = new Map<string, number>();
        let row = 0;
        for (const [op, a, b] of ops) {
          const k = `${a},${b}`;
          if (op === 'add' && !ref.has(k)) {
            set.add(a, b, row);
            ref.set(k, row++);
          } else if (op === 'remove' && ref.has(k)) {
            set.remove(a, b, ref.get(k)!);
            ref.delete(k);
          } else if (op === 'clear' && row % 7 === 0) {
            set.clear();
            ref.clear();
          }
        }
        for (let a = 0; a <= 10; a++)
          for (let b = 0; b <= 200; b++) assert.equal(set.find(a, b), ref.get(`${a},${b}`) ?? -1);
      },
    ),
    { numRuns: 200, seed: 17 },
  );
});
