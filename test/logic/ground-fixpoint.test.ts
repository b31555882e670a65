import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileGroundRules } from '../../src/logic/ground-fixpoint.js';

test('derives a transitive chain and respects negation from an earlier stratum', () => {
  // facts: 0 a, 1 b, 2 c (derived), 3 d (derived), 4 blocked (base), 5 e (derived: not blocked)
  const evaluate = compileGroundRules(
    [
      [
        { head: 2, pos: [0, 1], neg: [] },
        { head: 3, pos: [2, 2], neg: [] },
      ],
      [{ head: 5, pos: [3], neg: [4] }],
    ],
    6,
  );
  const truth = new Uint8Array([1, 1, 0, 0, 0, 0]);
  evaluate(truth);
  assert.deepEqual([...truth], [1, 1, 1, 1, 0, 1]);
  truth[4] = 1;
  evaluate(truth);
  assert.deepEqual([...truth], [1, 1, 1, 1, 1, 0]);
  truth[0] = 0;
  evaluate(truth);
  assert.deepEqual([...truth], [0, 1, 0, 0, 1, 0]);
});
