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

test('stratifyGroundRules orders negation like the reasoner and names a cycle through negation', async () => {
  const { stratifyGroundRules } = await import('../../src/logic/ground-fixpoint.js');
  // 2 :- 0, not 1.   1 :- 0.   3 :- 2.
  const rules = [
    { head: 2, pos: [0], neg: [1] },
    { head: 1, pos: [0], neg: [] },
    { head: 3, pos: [2], neg: [] },
  ];
  const s = stratifyGroundRules(rules, 4);
  assert.ok(s.ok);
  if (!s.ok) return;
  assert.deepEqual(
    s.strata.map((st) => st.map((r) => r.head)),
    [[1], [2, 3]],
  );
  const truth = new Uint8Array([1, 0, 0, 0]);
  compileGroundRules(s.strata, 4)(truth);
  assert.deepEqual([...truth], [1, 1, 0, 0]);
  const bad = stratifyGroundRules(
    [
      { head: 0, pos: [1], neg: [] },
      { head: 1, pos: [], neg: [0] },
    ],
    2,
  );
  assert.deepEqual(bad, { ok: false, cycle: [1, 0, 1] });
});
