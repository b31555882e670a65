import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  LogicError,
  atom,
  createReasoner,
  datalog,
  fact,
  formatAtom,
  formatRule,
  not,
  parseAtom,
  parseBody,
  parseProgram,
  rule,
  v,
  compare,
} from '../../src/logic/index.js';
import { UserError } from '../../src/errors.js';
import fc from 'fast-check';

function errorOf(f: () => unknown): LogicError {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof LogicError, `expected LogicError, got ${String(e)}`);
    assert.ok(e instanceof UserError);
    assert.equal(e.exitCode, 2);
    return e;
  }
  assert.fail('expected an error');
}

test('parses facts, rules, comments, strings, integers and negation', () => {
  const p = parseProgram(
    `% facts
works_at(laurent, deepmind).  score("Big Co", -3). // trailing comment
/* block
   comment */ flag.
ok(P) :- works_at(P, C), not banned(P), \\+ gone(C), !left(P), C != "x", P <= zed.`,
    'f.dl',
  );
  assert.equal(p.facts.length, 3);
  assert.deepEqual(p.facts[1]!.args, [
    { kind: 'const', value: 'Big Co' },
    { kind: 'const', value: -3 },
  ]);
  assert.equal(p.facts[2]!.args.length, 0);
  assert.equal(
    formatRule(p.rules[0]!),
    'ok(P) :- works_at(P, C), not banned(P), not gone(C), not left(P), C != x, P <= zed.',
  );
  assert.deepEqual(p.rules[0]!.loc, { file: 'f.dl', line: 5, col: 1 });
});

test('syntax errors carry file:line:col and a hint', () => {
  const e1 = errorOf(() => parseProgram('p(a).\nq(X) :- p(X)\nr(b).', 'x.dl'));
  assert.deepEqual(e1.location, { file: 'x.dl', line: 3, col: 1 });
  assert.match(e1.message, /expected ',' or '\.', found 'r'/);
  const e2 = errorOf(() => parseProgram('p(a, "oops).', 'x.dl'));
  assert.deepEqual(e2.location, { file: 'x.dl', line: 1, col: 6 });
  assert.match(e2.message, /unterminated string/);
  const e3 = errorOf(() => parseProgram('p(a) & q.', 'x.dl'));
  assert.deepEqual(e3.location, { file: 'x.dl', line: 1, col: 6 });
  const e4 = errorOf(() => parseProgram('p(X).', 'x.dl'));
  assert.match(e4.message, /fact 'p' has a variable X/);
  const e5 = errorOf(() => parseAtom('path(X, ', '--query'));
  assert.deepEqual(e5.location, { file: '--query', line: 1, col: 9 });
});

test('unsafe variables and arity mismatches are rejected where they occur', () => {
  const unsafeHead = errorOf(() => createReasoner('p(X) :- q(Y).', 'u.dl'));
  assert.match(unsafeHead.message, /unsafe variable X in the head/);
  assert.deepEqual(unsafeHead.location, { file: 'u.dl', line: 1, col: 3 });
  const unsafeNeg = errorOf(() => createReasoner('p(X) :- q(X), not r(X, Y).', 'u.dl'));
  assert.match(unsafeNeg.message, /unsafe variable Y in 'not r\(X, Y\)'/);
  assert.deepEqual(unsafeNeg.location, { file: 'u.dl', line: 1, col: 24 });
  const unsafeCmp = errorOf(() => createReasoner('p(X) :- q(X), X < Z.', 'u.dl'));
  assert.match(unsafeCmp.message, /unsafe variable Z/);
  const arity = errorOf(() => createReasoner('q(a).\np(X) :- q(X, b).', 'a.dl'));
  assert.match(arity.message, /'q' used with 2 arguments in q\(X, b\), but it has 1/);
  assert.deepEqual(arity.location, { file: 'a.dl', line: 2, col: 9 });
  // A wildcard inside a negation is fine: "no hired(P, anything)".
  assert.deepEqual(
    createReasoner('c(a). c(b). hired(a, x).\nfree(P) :- c(P), not hired(P, _).')
      .facts('free')
      .map(formatAtom),
    ['free(b)'],
  );
});

test('programs built in TypeScript and with the tagged template mean the same as text', () => {
  const X = v('X'),
    Y = v('Y'),
    Z = v('Z');
  const built = createReasoner({
    facts: [fact('edge', 'a', 'b'), fact('edge', 'b', 'c'), fact('blocked', 'c')],
    rules: [
      rule(atom('path', X, Y), atom('edge', X, Y)),
      rule(atom('path', X, Z), atom('path', X, Y), atom('edge', Y, Z)),
      rule(atom('open', X, Y), atom('path', X, Y), not(atom('blocked', Y)), compare(X, '!=', 'zz')),
    ],
  });
  const who = 'a';
  const text = createReasoner(datalog`
    edge(${who}, b). edge(b, c). blocked(c).
    path(X, Y) :- edge(X, Y).
    path(X, Z) :- path(X, Y), edge(Y, Z).
    open(X, Y) :- path(X, Y), not blocked(Y), X != zz.`);
  assert.deepEqual(built.facts().map(formatAtom), text.facts().map(formatAtom));
  assert.deepEqual(text.facts('open').map(formatAtom), ['open(a, b)']);
  // Interpolated strings that are not identifiers are quoted.
  assert.deepEqual(
    createReasoner(datalog`name(${'Jean Dupont'}, ${42}).`)
      .facts()
      .map(formatAtom),
    ['name("Jean Dupont", 42)'],
  );
});

test('an unsafe query names the query, the variable and where it is, with a hint', () => {
  const r = createReasoner('p(1). p(5).');
  const cmp = errorOf(() => r.query(parseBody('X < 3', '--query')));
  assert.equal(cmp.message, "unsafe variable X in the query, in 'X < 3'");
  assert.deepEqual(cmp.location, { file: '--query', line: 1, col: 1 });
  assert.match(cmp.hint ?? '', /positive atom of the query/);
  const neg = errorOf(() => r.query(parseBody('p(X), not p(Y)', '--query')));
  assert.equal(neg.message, "unsafe variable Y in the query, in 'not p(Y)'");
  assert.deepEqual(neg.location, { file: '--query', line: 1, col: 13 });
  // Safe forms still answer; a count's braces are local, so only N is an answer.
  assert.deepEqual(r.query('p(X), X < 3'), [{ X: 1 }]);
  assert.deepEqual(r.query('X = 2, X < 3'), [{ X: 2 }]);
  assert.deepEqual(r.query('N = count : { p(X) }'), [{ N: 2 }]);
});

test('a predicate with more than 30 arguments is rejected at its file:line:col', () => {
  const args = (n: number) => Array.from({ length: n }, (_, i) => `a${i}`).join(', ');
  const inProgram = errorOf(() => createReasoner(`ok.\n  p(${args(31)}).`, 'w.dl'));
  assert.equal(inProgram.message, "'p' has 31 arguments, more than the 30 supported");
  assert.deepEqual(inProgram.location, { file: 'w.dl', line: 2, col: 3 });
  const inRule = errorOf(() => createReasoner(`q(a).\nr(X) :- q(X), s(${args(31)}).`, 'w.dl'));
  assert.deepEqual(inRule.location, { file: 'w.dl', line: 2, col: 15 });
  const asserted = errorOf(() =>
    createReasoner('ok.').assert(parseAtom(`t(${args(31)})`, '--assert')),
  );
  assert.deepEqual(asserted.location, { file: '--assert', line: 1, col: 1 });
  assert.equal(createReasoner(`p(${args(30)}).`).count('p'), 1);
});

test('any string constant prints (formatValue, datalog template) and parses back to itself', () => {
  const roundTrip = (s: string) => {
    const printed = formatAtom(fact('p', s));
    assert.deepEqual(parseAtom(printed).args, [{ kind: 'const', value: s }], printed);
    assert.deepEqual(datalog`p(${s}).`.facts[0]!.args, [{ kind: 'const', value: s }]);
  };
  for (const s of ['\r', '\u0001', '\b\f\t\n', 'a"b\\c', '/', '\ud800', 'not', '', 'Abc', 'é ✓ 😀'])
    roundTrip(s);
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 40 }), roundTrip), {
    numRuns: 2000,
    seed: 5,
  });
  fc.assert(
    fc.property(
      fc.string({
        unit: fc.constantFrom('\\', '"', 'u', 'r', 'n', '0', 'a', '\r', '\n', ' '),
        maxLength: 12,
      }),
      roundTrip,
    ),
    { numRuns: 2000, seed: 6 },
  );
  const bad = errorOf(() => parseAtom('p("\\u12")', 'x.dl'));
  assert.deepEqual(bad.location, { file: 'x.dl', line: 1, col: 4 });
  assert.match(bad.message, /bad \\u escape/);
});
