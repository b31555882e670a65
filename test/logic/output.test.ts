import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createReasoner, formatAtom, sortFacts } from '../../src/logic/index.js';
import type { Atom, Reasoner, Value } from '../../src/logic/index.js';
import { randomProgram, rng } from './random-program.js';

const text = (chunks: Iterable<Uint8Array>) => {
  const parts = [...chunks];
  return Buffer.concat(parts.map((c) => Buffer.from(c))).toString('utf8');
};

/** The old path: atoms sorted with sortFacts (from a shuffled copy), formatted one by one. */
function expectedLines(atoms: Atom[], seed: number): string[] {
  const r = rng(seed);
  const shuffled = [...atoms];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  return sortFacts(shuffled).map(formatAtom);
}

/** factText (text and JSON, with tiny and default chunks) against the old path's lines. */
function checkOutput(reasoner: Reasoner, seed: number): void {
  for (const derivedOnly of [true, false]) {
    const atoms = derivedOnly ? reasoner.derived() : reasoner.facts();
    const lines = expectedLines(atoms, seed);
    assert.deepEqual(atoms.map(formatAtom), lines, 'facts() / derived() in sorted order');
    const expected = lines.map((l) => `${l}\n`).join('');
    for (const chunkBytes of [1, 64, undefined]) {
      const opts = chunkBytes === undefined ? { derivedOnly } : { derivedOnly, chunkBytes };
      assert.equal(text(reasoner.factText(opts)), expected);
      const json = text(reasoner.factText({ ...opts, jsonIndent: '  ' }));
      assert.deepEqual(JSON.parse(`[${json}]`), lines);
    }
  }
}

test('streamed output is the sorted output of the old path, on random programs', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
      checkOutput(createReasoner(randomProgram(seed).program), seed);
    }),
    { numRuns: 150, seed: 11 },
  );
});

// Numbers (negative, large) before strings; strings by code units, quoted when they are
// not plain symbols ('not', '10', 'B', '', escapes, non-ASCII).
const VALUES: Value[] = [
  -7,
  0,
  3,
  12,
  2 ** 40,
  'a',
  'b',
  'B',
  'a b',
  'é',
  'z\n',
  '"q"',
  'not',
  '10',
  '',
  'zz',
];

function mixedProgram(seed: number): string {
  const r = rng(seed);
  const v = () => {
    const x = VALUES[Math.floor(r() * VALUES.length)]!;
    return typeof x === 'number' ? String(x) : JSON.stringify(x);
  };
  const lines: string[] = [];
  const n = 5 + Math.floor(r() * 60);
  for (let i = 0; i < n; i++) {
    lines.push(`p0(${v()}, ${v()}).`, `p1(${v()}).`, `p2(${v()}, ${v()}, ${v()}).`);
    if (r() < 0.3) lines.push(`d0(${v()}, ${v()}).`); // a base fact in a derived relation
  }
  if (r() < 0.5) lines.push('p3.');
  lines.push(
    'd0(X, Y) :- p0(X, Y).',
    'd0(X, Z) :- d0(X, Y), p0(Y, Z).',
    'd1(X) :- p1(X), not p0(X, X).',
    'd2(Z, Y, X) :- p2(X, Y, Z).',
    'd3 :- p3.',
    'e2(X, Y, Z) :- d0(X, Y), p1(Z).',
  );
  return lines.join('\n');
}

test('streamed output sorts mixed values like sortFacts (numbers, strings, escapes; every arity)', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
      checkOutput(createReasoner(mixedProgram(seed)), seed);
    }),
    { numRuns: 120, seed: 5 },
  );
});

test('streamed output of a large closure (hashed, bitmap and direct group tables) is sorted', () => {
  // Node names mix integers and strings, interned in an order unrelated to value order.
  const r = rng(9);
  const name = (i: number) =>
    i % 3 === 0 ? `"n${(i * 7919) % 400}"` : String((i * 104729) % 1000);
  const lines = ['path(X, Y) :- edge(X, Y).', 'path(X, Z) :- path(X, Y), edge(Y, Z).'];
  for (let i = 0; i < 700; i++)
    lines.push(`edge(${name(Math.floor(r() * 400))}, ${name(Math.floor(r() * 400))}).`);
  const reasoner = createReasoner(lines.join('\n'));
  assert.ok(reasoner.count('path') > 20_000, `${reasoner.count('path')} paths`);
  checkOutput(reasoner, 1);
});
