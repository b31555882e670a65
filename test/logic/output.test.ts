import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createReasoner, formatAtom, sortFacts } from '../../src/logic/index.js';
import type { Atom, Reasoner, Value } from '../../src/logic/index.js';
import { randomProgram, rng } from './random-program.js';
import { valueOrder } from '../../src/logic/sorted.js';
import { compareValues } from '../../src/logic/plan.js';

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

// Dense groups of a large closure are bitsets (no rows) until a row is needed: printing
// derived facts next to base facts of the same relation, `why`, and updates then build
// row tables. Every step is checked against a closure computed here by search.
test('a dense closure with base paths: output, why and updates agree with a direct search', () => {
  const r = rng(5);
  const n = 150;
  const randomEdges = (k: number, have: Array<[number, number]>) => {
    const keys = new Set(have.map(([a, b]) => `${a},${b}`));
    const out: Array<[number, number]> = [];
    while (out.length < k) {
      const e: [number, number] = [Math.floor(r() * n), Math.floor(r() * n)];
      if (keys.has(`${e[0]},${e[1]}`)) continue;
      keys.add(`${e[0]},${e[1]}`);
      out.push(e);
    }
    return out;
  };
  let edges = randomEdges(450, []);
  const basePaths: Array<[number, number]> = [
    [0, 1],
    [3, 149],
    [7, 7],
  ];
  const closure = () => {
    const out = new Set<string>(basePaths.map(([a, b]) => `${a},${b}`));
    for (let a = 0; a < n; a++) {
      const seen = new Set<number>();
      const todo = edges.filter(([x]) => x === a).map(([, y]) => y);
      while (todo.length > 0) {
        const y = todo.pop()!;
        if (seen.has(y)) continue;
        seen.add(y);
        out.add(`${a},${y}`);
        for (const [x, z] of edges) if (x === y) todo.push(z);
      }
    }
    return out;
  };
  const program = [
    ...edges.map(([a, b]) => `edge(${a}, ${b}).`),
    ...basePaths.map(([a, b]) => `path(${a}, ${b}).`),
    'path(X, Y) :- edge(X, Y).',
    'path(X, Z) :- path(X, Y), edge(Y, Z).',
  ].join('\n');
  const reasoner = createReasoner(program);
  const check = (label: string) => {
    const expected = closure();
    assert.equal(reasoner.count('path'), expected.size, label);
    const all = text(reasoner.factText({ predicate: 'path' }));
    const got = new Set(
      all
        .trim()
        .split('\n')
        .map((l) => l.slice(5, -1).replace(' ', '')),
    );
    assert.deepEqual(got, expected, label);
    // Derived only: base facts are left out, derivable or not.
    const derived = text(reasoner.factText({ derivedOnly: true, predicate: 'path' }));
    const lines = derived.trim().split('\n');
    for (const [a, b] of basePaths) assert.ok(!lines.includes(`path(${a}, ${b})`), label);
    assert.equal(lines.length, expected.size - basePaths.length, label);
  };
  check('loaded');
  checkOutput(reasoner, 2);
  const [x, y] = edges[0]!;
  assert.ok(reasoner.why(`path(${x}, ${y})`) !== undefined, 'why after loading');
  check('after why');
  for (let step = 0; step < 4; step++) {
    const gone = edges.splice(Math.floor(r() * edges.length), 20);
    reasoner.retract(gone.map(([a, b]) => `edge(${a}, ${b})`));
    check(`after retracting 20 edges (${step})`);
    const added = randomEdges(15, edges);
    edges = [...edges, ...added];
    reasoner.update({ assert: added.map(([a, b]) => `edge(${a}, ${b})`), retract: [] });
    check(`after asserting 15 edges (${step})`);
  }
  checkOutput(reasoner, 3);
});

test('valueOrder ranks values like compareValues (small integers packed, large ones, strings)', () => {
  const r = rng(77);
  for (const spread of [100, 2 ** 20 - 1, 2 ** 20, 2 ** 40]) {
    const seen = new Set<Value>();
    const values: Value[] = [];
    while (values.length < 2000) {
      const v: Value =
        r() < 0.2
          ? `s${Math.floor(r() * 5000)}`
          : Math.round((r() * 2 - 1) * spread) + (r() < 0.01 ? spread : 0);
      if (!seen.has(v)) (seen.add(v), values.push(v));
    }
    const { idAt, rankOf } = valueOrder(values);
    const expected = values.map((_, i) => i).sort((a, b) => compareValues(values[a]!, values[b]!));
    assert.deepEqual([...idAt], expected, `spread ${spread}`);
    for (let k = 0; k < idAt.length; k++) assert.equal(rankOf[idAt[k]!], k);
  }
});

test('integers print like String(v): signs, zeros, powers of ten, the largest safe ones', () => {
  const vals = [0, 1, -1, 9, 10, -10, 99, 100, 123456789, 1e15, -1e15 + 1, 2 ** 52];
  vals.push(Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER);
  const facts = vals.map((v, i) => `p(${v}, s${i}).`).join('\n');
  const r = createReasoner(`${facts}\np(-0, z).\nq(X, Y) :- p(X, Y).`);
  const expected = r
    .derived()
    .map(
      (a) => `q(${a.args.map((t) => (t.kind === 'const' ? String(t.value) : '?')).join(', ')})\n`,
    )
    .join('');
  assert.equal(text(r.factText({ derivedOnly: true })), expected);
  assert.match(expected, /q\(-9007199254740991, s13\)\nq\(-999999999999999, s10\)/);
  assert.match(expected, /q\(0, s0\)\nq\(0, z\)/);
});
