import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { evaluate } from '../../src/agents/index.js';

test('calculate follows the usual precedence, associativity and parentheses', () => {
  assert.equal(evaluate('1 + 2 * 3'), 7);
  assert.equal(evaluate('(1 + 2) * 3'), 9);
  assert.equal(evaluate('2 ^ 3 ^ 2'), 512);
  assert.equal(evaluate('-2 ^ 2'), -4);
  assert.equal(evaluate('10 - 4 - 3'), 3);
  assert.equal(evaluate('7 % 4 / 2'), 1.5);
  assert.equal(evaluate('.5 + 1e2'), 100.5);
});

test('calculate agrees with JavaScript on random + - * expressions', () => {
  const expr: fc.Arbitrary<string> = fc.letrec((tie) => ({
    e: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.integer({ min: 0, max: 99 }).map(String),
      fc
        .tuple(
          tie('e') as fc.Arbitrary<string>,
          fc.constantFrom('+', '-', '*'),
          tie('e') as fc.Arbitrary<string>,
        )
        .map(([a, op, b]) => `(${a} ${op} ${b})`),
    ),
  })).e;
  fc.assert(
    fc.property(expr, (e) => evaluate(e) === (new Function(`return ${e}`) as () => number)()),
  );
});

test('calculate rejects anything but arithmetic, saying where', () => {
  assert.throws(() => evaluate('2 + process.exit()'), /expected a number at position 5/);
  assert.throws(() => evaluate('(1 + 2'), /expected "\)" at position 7/);
  assert.throws(() => evaluate('1 / 0'), /has no finite value/);
});
