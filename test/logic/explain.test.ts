import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  PROOF_INDENT_LIMIT,
  createReasoner,
  formatAtom,
  formatProof,
  formatRule,
  formatWhyNot,
  proofToJson,
} from '../../src/logic/index.js';
import type { Proof } from '../../src/logic/index.js';

const paris = `
works_at(laurent, deepmind).  left(laurent, deepmind).  founded(laurent, h).
gafam(deepmind). based_in(h, paris). candidate(laurent). candidate(marie). hired(marie).
returned_to_paris(P) :- left(P, C), gafam(C), founded(P, S), based_in(S, paris).
available(P) :- candidate(P), not hired(P).`;

function leaves(p: Proof): string[] {
  if (p.kind === 'rule') return p.premises.flatMap(leaves);
  if (p.kind === 'base') return [formatAtom(p.fact)];
  if (p.kind === 'not') return [`not ${formatAtom(p.fact)}`];
  return [p.text];
}

test('why returns a proof tree down to base facts, with a negated premise as a "no proof" leaf', () => {
  const r = createReasoner(paris);
  const proof = r.why('returned_to_paris(laurent)');
  assert.ok(proof?.kind === 'rule');
  assert.equal(
    formatRule(proof.rule),
    'returned_to_paris(P) :- left(P, C), gafam(C), founded(P, S), based_in(S, paris).',
  );
  assert.deepEqual(proof.bindings, { P: 'laurent', C: 'deepmind', S: 'h' });
  assert.deepEqual(leaves(proof), [
    'left(laurent, deepmind)',
    'gafam(deepmind)',
    'founded(laurent, h)',
    'based_in(h, paris)',
  ]);
  const avail = r.why('available(laurent)')!;
  assert.deepEqual(leaves(avail), ['candidate(laurent)', 'not hired(laurent)']);
  assert.match(
    formatProof(avail),
    /^available\(laurent\) {2}\[by available\(P\) :- candidate\(P\), not hired\(P\)\.\]\n {2}candidate\(laurent\) {2}\[base fact\]\n {2}not hired\(laurent\) {2}\[no proof\]$/,
  );
  assert.equal(r.why('available(marie)'), undefined);
  assert.equal(r.why('hired(marie)')?.kind, 'base');
});

test('proofs through recursion are well-founded even after retracting the first support', () => {
  const r = createReasoner(
    'e(a, b). e(b, c). e(c, a). e(x, a). t(X, Y) :- e(X, Y). t(X, Z) :- t(X, Y), e(Y, Z).',
  );
  r.retract('e(c, a)');
  r.assert('e(c, a)');
  r.retract('e(a, b)');
  r.assert('e(a, b)');
  for (const f of r.derived()) {
    const seen: string[] = [];
    const walk = (p: Proof, path: string[]): void => {
      if (p.kind !== 'rule') return;
      const k = formatAtom(p.fact);
      assert.ok(!path.includes(k), `proof of ${formatAtom(f)} loops through ${k}`);
      seen.push(k);
      for (const q of p.premises) walk(q, [...path, k]);
    };
    const proof = r.why(f)!;
    walk(proof, []);
    for (const l of leaves(proof)) assert.match(l, /^e\(/);
  }
  // The shortest proof of t(x, c) uses the chain x -> a -> b -> c.
  assert.deepEqual(leaves(r.why('t(x, c)')!), ['e(x, a)', 'e(a, b)', 'e(b, c)']);
});

test('why-not names the first failing premise of each rule, with the bindings tried', () => {
  const r = createReasoner(`${paris}
returned_to_paris(P) :- works_at(P, C), C = paris.`);
  const w = r.whyNot('available(marie)');
  assert.equal(w.holds, false);
  if (w.holds) return;
  assert.equal(w.rules.length, 1);
  assert.equal(w.rules[0]!.failedAt, 1);
  assert.equal(w.rules[0]!.text, 'not hired(marie)');
  assert.deepEqual(w.rules[0]!.tried, [{ P: 'marie' }]);
  const w2 = r.whyNot('returned_to_paris(marie)');
  assert.ok(!w2.holds);
  if (w2.holds) return;
  assert.deepEqual(
    w2.rules.map((f) => [f.failedAt, f.text]),
    [
      [0, 'left(marie, C)'],
      [0, 'works_at(marie, C)'],
    ],
  );
  const w3 = r.whyNot('returned_to_paris(laurent)');
  assert.ok(w3.holds);
  const w4 = r.whyNot('hired(laurent)');
  assert.ok(
    !w4.holds && /no rule has head 'hired' and hired\(laurent\) is not a base fact/.test(w4.reason),
  );
  const text = formatWhyNot(r.whyNot('available(marie)'));
  assert.match(text, /fails at premise 2: not hired\(marie\)\n {4}tried: P = marie/);
  // A comparison can be the failing premise too.
  const s = createReasoner('age(bob, 17). adult(P) :- age(P, A), A >= 18.');
  const w5 = s.whyNot('adult(bob)');
  assert.ok(!w5.holds && w5.rules[0]!.failedAt === 1 && w5.rules[0]!.text === '17 >= 18');
  const w6 = s.whyNot('adult(zoe)');
  assert.ok(!w6.holds && w6.rules[0]!.failedAt === 0 && w6.rules[0]!.text === 'age(zoe, A)');
});

/** `reach(0)` and edges 0 -> 1 -> ... -> n: proving reach(n) takes n rule steps. */
const chain = (n: number): string => {
  const lines = ['reach(0).', 'reach(Y) :- reach(X), edge(X, Y).'];
  for (let i = 0; i < n; i++) lines.push(`edge(${i}, ${i + 1}).`);
  return lines.join('\n');
};

test('why, formatProof and proofToJson handle a 20,000-step proof without overflowing the stack', () => {
  const n = 20_000;
  const r = createReasoner(chain(n));
  const proof = r.why(`reach(${n})`);
  assert.ok(proof !== undefined);
  // Walk down the first premise: one rule node per step, each with its edge as a base fact.
  let depth = 0;
  for (let p: Proof = proof; p.kind === 'rule'; p = p.premises[0]!, depth++) {
    assert.equal(formatAtom(p.fact), `reach(${n - depth})`);
    assert.deepEqual(p.premises[1], {
      kind: 'base',
      fact: {
        predicate: 'edge',
        args: [
          { kind: 'const', value: n - depth - 1 },
          { kind: 'const', value: n - depth },
        ],
      },
    });
  }
  assert.equal(depth, n);
  const lines = formatProof(proof).split('\n');
  assert.equal(lines.length, 2 * n + 1);
  assert.equal(lines[0], `reach(${n})  [by reach(Y) :- reach(X), edge(X, Y).]`);
  // Depth-first: the chain of reach facts goes down first, then the edges come back up.
  assert.equal(lines[n], `${'  '.repeat(PROOF_INDENT_LIMIT)}(depth ${n}) reach(0)  [base fact]`);
  assert.equal(lines.at(-1), `  edge(${n - 1}, ${n})  [base fact]`);
  assert.ok(
    lines.every((l) => l.length < 200),
    'indentation stops growing past the limit',
  );
  // The JSON text parses back (JSON.parse is iterative) to the same chain.
  let node = JSON.parse(proofToJson(proof)) as { fact: string; premises?: Array<{ fact: string }> };
  for (let i = 0; i < n; i++) {
    assert.equal(node.fact, `reach(${n - i})`);
    assert.deepEqual(node.premises![1], { fact: `edge(${n - i - 1}, ${n - i})`, base: true });
    node = node.premises![0]!;
  }
  assert.deepEqual(node, { fact: 'reach(0)', base: true });
});

test('proofToJson writes the nested shape of a proof, with not and check leaves', () => {
  const r = createReasoner(
    'c(a). c(b). h(b). age(a, 20). ok(P) :- c(P), not h(P), age(P, A), A >= 18.',
  );
  const parsed: unknown = JSON.parse(proofToJson(r.why('ok(a)')!));
  assert.deepEqual(parsed, {
    fact: 'ok(a)',
    rule: 'ok(P) :- c(P), not h(P), age(P, A), A >= 18.',
    bindings: { P: 'a', A: 20 },
    premises: [
      { fact: 'c(a)', base: true },
      { not: 'h(a)', proof: null },
      { fact: 'age(a, 20)', base: true },
      { check: '20 >= 18' },
    ],
  });
});

test('why-not blames the premise that fails, not a filter written before the premise binding its variables', () => {
  const failure = (program: string, fact: string) => {
    const w = createReasoner(program).whyNot(fact);
    assert.ok(!w.holds);
    return w.rules.map((f) => [f.failedAt, f.text, f.tried]);
  };
  // Y is bound by q(X, Y); the comparison and the negation wait for it, s(1) fails.
  assert.deepEqual(failure('q(a, 1). s(7). p(X) :- Y != 3, q(X, Y), s(Y).', 'p(a)'), [
    [2, 's(1)', [{ X: 'a', Y: 1 }]],
  ]);
  assert.deepEqual(failure('q(a, 1). s(7). p(X) :- not r(X, Y), q(X, Y), s(Y).', 'p(a)'), [
    [2, 's(1)', [{ X: 'a', Y: 1 }]],
  ]);
  // When the filter is what fails, it is named at its own source position.
  assert.deepEqual(failure('q(a, 3). s(3). p(X) :- Y != 3, q(X, Y), s(Y).', 'p(a)'), [
    [0, '3 != 3', [{ X: 'a', Y: 3 }]],
  ]);
  assert.deepEqual(failure('q(a, 3). s(3). r(a, 3). p(X) :- not r(X, Y), q(X, Y), s(Y).', 'p(a)'), [
    [0, 'not r(a, 3)', [{ X: 'a', Y: 3 }]],
  ]);
  // A count waits for its inputs (T, bound by q), and `=` for one known side.
  assert.deepEqual(
    failure(
      'q(a, t1). m(t1, x). m(t2, y). m(t2, z). p(X) :- M > 1, N = count : { m(T, _) }, M = N, q(X, T).',
      'p(a)',
    ),
    [[0, '1 > 1', [{ X: 'a', T: 't1', N: 1, M: 1 }]]],
  );
  const text = formatWhyNot(
    createReasoner('q(a, 1). s(7). p(X) :- Y != 3, q(X, Y), s(Y).').whyNot('p(a)'),
  );
  assert.match(text, /fails at premise 3: s\(1\)\n {4}tried: X = a, Y = 1/);
});
