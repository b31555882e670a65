import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatPlan, parsePlan } from '../../src/pddl/index.js';

test('reads one step per line, skipping comments and blank lines, lower-casing names', () => {
  const steps = parsePlan(
    '; a plan\n(Pick-Up B)\n\n  (stack b a) ; done\n; cost = 2 (unit cost)\n',
    'p.txt',
  );
  assert.deepEqual(steps, [
    { action: 'pick-up', args: ['b'], loc: { file: 'p.txt', line: 2, col: 1 } },
    { action: 'stack', args: ['b', 'a'], loc: { file: 'p.txt', line: 4, col: 3 } },
  ]);
});

test('reads the timestamped IPC form and CRLF line ends', () => {
  const steps = parsePlan('0: (move a b) [1]\r\n1.5: (noop)\r\n');
  assert.deepEqual(
    steps.map((s) => [s.action, s.args]),
    [
      ['move', ['a', 'b']],
      ['noop', []],
    ],
  );
});

test('prints steps then the cost line, and reads its own output back', () => {
  const steps = [
    { action: 'move', args: ['a', 'b'] },
    { action: 'noop', args: [] },
  ];
  const text = formatPlan(steps, 2, true);
  assert.equal(text, '(move a b)\n(noop)\n; cost = 2 (unit cost)\n');
  assert.equal(formatPlan(steps, 17, false), '(move a b)\n(noop)\n; cost = 17 (general cost)\n');
  assert.deepEqual(
    parsePlan(text).map((s) => ({ action: s.action, args: s.args })),
    steps,
  );
});
