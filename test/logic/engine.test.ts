import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LogicError, createReasoner, fact, formatAtom, v, atom } from '../../src/logic/index.js';

const show = (facts: { predicate: string; args: unknown[] }[]) =>
  facts.map((f) => formatAtom(f as Parameters<typeof formatAtom>[0]));

test('stratification accepts negation on lower strata and rejects negation through recursion, naming the cycle', () => {
  const ok = createReasoner(`
    node(a). node(b). edge(a, b).
    reach(X, Y) :- edge(X, Y).
    reach(X, Z) :- reach(X, Y), edge(Y, Z).
    unreachable(X, Y) :- node(X), node(Y), not reach(X, Y).
    isolated(X) :- node(X), not linked(X).
    linked(X) :- reach(X, _).`);
  assert.deepEqual(ok.strata()[0]!.includes('reach'), true);
  assert.ok(ok.strata()[1]!.includes('unreachable'));
  assert.deepEqual(show(ok.facts('isolated')), ['isolated(b)']);
  assert.throws(
    () => createReasoner('p(a).\nwin(X) :- move(X, Y), not win(Y).\nmove(a, b).', 'g.dl'),
    (e: unknown) =>
      e instanceof LogicError &&
      /negation through recursion: win -> not win/.test(e.message) &&
      e.location?.line === 2 &&
      e.location.col === 23,
  );
  assert.throws(
    () =>
      createReasoner('q(X) :- s(X), not r(X).\nr(X) :- t(X), u(X).\nu(X) :- q(X).\ns(a). t(a).'),
    /negation through recursion: q -> not r -> u -> q/,
  );
});

test('negation, equality and comparisons on integers and strings', () => {
  const r = createReasoner(`
    age(ann, 34). age(bob, 17). age(cid, 17). age("Dee Dee", 70).
    adult(P) :- age(P, A), A >= 18.
    minor(P) :- age(P, A), A < 18.
    same_age(P, Q) :- age(P, A), age(Q, B), A = B, P != Q.
    senior(P) :- age(P, A), A > 65.
    named_after_b(P) :- age(P, _), P >= b, P < c.
    seventeen(P) :- age(P, 17).
    copy(P, N) :- age(P, A), N = A, N <= 34.
    kid(P) :- minor(P), not adult(P).`);
  assert.deepEqual(show(r.facts('adult')), ['adult("Dee Dee")', 'adult(ann)']);
  assert.deepEqual(show(r.facts('minor')), ['minor(bob)', 'minor(cid)']);
  assert.deepEqual(show(r.facts('same_age')), ['same_age(bob, cid)', 'same_age(cid, bob)']);
  assert.deepEqual(show(r.facts('senior')), ['senior("Dee Dee")']);
  assert.deepEqual(show(r.facts('named_after_b')), ['named_after_b(bob)']);
  assert.deepEqual(show(r.facts('seventeen')), ['seventeen(bob)', 'seventeen(cid)']);
  assert.deepEqual(show(r.facts('copy')), ['copy(ann, 34)', 'copy(bob, 17)', 'copy(cid, 17)']);
  assert.deepEqual(show(r.facts('kid')), ['kid(bob)', 'kid(cid)']);
});

test('left- and right-recursive, and non-linear, transitive closure agree on a cycle', () => {
  const edges = 'e(1, 2). e(2, 3). e(3, 1). e(3, 4). e(5, 5).';
  const left = createReasoner(`${edges} t(X, Y) :- e(X, Y). t(X, Z) :- t(X, Y), e(Y, Z).`).facts(
    't',
  );
  const right = createReasoner(`${edges} t(X, Y) :- e(X, Y). t(X, Z) :- e(X, Y), t(Y, Z).`).facts(
    't',
  );
  const both = createReasoner(`${edges} t(X, Y) :- e(X, Y). t(X, Z) :- t(X, Y), t(Y, Z).`).facts(
    't',
  );
  assert.equal(left.length, 3 * 4 + 1);
  assert.deepEqual(show(left), show(right));
  assert.deepEqual(show(left), show(both));
});

test('assert and retract report derived changes, including through negation', () => {
  const r = createReasoner(`
    candidate(ann). candidate(bob).
    available(P) :- candidate(P), not hired(P).
    link(a, b). link(b, c).
    reach(X, Y) :- link(X, Y).
    reach(X, Z) :- reach(X, Y), link(Y, Z).`);
  assert.deepEqual(show(r.facts('available')), ['available(ann)', 'available(bob)']);
  let c = r.assert(fact('hired', 'bob'));
  assert.deepEqual(show(c.added), ['hired(bob)']);
  assert.deepEqual(show(c.removed), ['available(bob)']);
  c = r.retract('hired(bob)');
  assert.deepEqual(show(c.added), ['available(bob)']);
  c = r.retract('link(a, b)');
  assert.deepEqual(show(c.removed), ['link(a, b)', 'reach(a, b)', 'reach(a, c)']);
  // A cycle must not keep itself alive after its support goes (DRed, not counting).
  c = r.update({ assert: ['link(c, b)'], retract: [] });
  assert.deepEqual(show(c.added), ['link(c, b)', 'reach(b, b)', 'reach(c, b)', 'reach(c, c)']);
  c = r.retract(['link(b, c)']);
  assert.deepEqual(show(c.removed), ['link(b, c)', 'reach(b, b)', 'reach(b, c)', 'reach(c, c)']);
  assert.deepEqual(show(r.facts('reach')), ['reach(c, b)']);
  // Retracting something that was never asserted changes nothing; asserting twice neither.
  assert.deepEqual(r.retract('link(z, z)'), { added: [], removed: [] });
  assert.deepEqual(r.assert('link(c, b)'), { added: [], removed: [] });
  // A fact both asserted and derived survives losing one of its supports.
  const s = createReasoner('p(a). q(X) :- p(X). q(a).');
  assert.deepEqual(s.retract('q(a)'), { added: [], removed: [] });
  assert.equal(s.holds('q(a)'), true);
  assert.deepEqual(show(s.retract('p(a)').removed), ['p(a)', 'q(a)']);
});

test('queries return every binding of the named variables; holds, facts and unknown predicates', () => {
  const r = createReasoner('e(a, b). e(a, c). e(b, c). p(X, Y) :- e(X, Y), X != b.');
  assert.deepEqual(r.query('p(a, X)'), [{ X: 'b' }, { X: 'c' }]);
  assert.deepEqual(r.query(atom('e', v('X'), 'c')), [{ X: 'a' }, { X: 'b' }]);
  assert.deepEqual(r.query('e(X, Y), not p(X, Y)'), [{ X: 'b', Y: 'c' }]);
  assert.deepEqual(r.query('e(X, _)'), [{ X: 'a' }, { X: 'b' }]);
  assert.deepEqual(r.query('e(a, b)'), [{}]);
  assert.deepEqual(r.query('e(c, _)'), []);
  assert.deepEqual(r.query('unknown(X)'), []);
  assert.equal(r.holds('p(a, b)'), true);
  assert.equal(r.holds('p(b, c)'), false);
  assert.equal(r.holds('p(zz, c)'), false);
  assert.throws(() => r.query('e(X)'), /'e' has 2 arguments, not 1/);
  assert.throws(() => r.assert('e(a)'), /'e' has 2 arguments, not 1/);
  assert.deepEqual(show(r.derived()), ['p(a, b)', 'p(a, c)']);
});

test('many retractions compact storage without changing answers, indexes or later updates', async () => {
  const { naiveModel, modelLines, factLines, parseProgram } =
    await import('../../src/logic/index.js');
  const rules = 'q(X, Y) :- e(X, Y), not blocked(X).\nr(Y) :- q(X, Y), e(Y, X).';
  const edges = Array.from({ length: 3000 }, (_, i) =>
    fact('e', i % 100, ((i * 7) % 101) + 1000 * (i % 3)),
  );
  assert.equal(new Set(factLines(edges)).size, edges.length, 'distinct edges');
  const r = createReasoner(`blocked(3).\n${rules}`);
  r.assert(edges);
  assert.equal(r.query('q(5, Y)').length, r.query('e(5, Y)').length);
  r.retract(edges.slice(0, 2500));
  r.assert(edges.slice(100, 200));
  r.assert('e(1001, 5)');
  const base = [
    ...edges.slice(2500),
    ...edges.slice(100, 200),
    fact('e', 1001, 5),
    fact('blocked', 3),
  ];
  const program = { facts: base, rules: parseProgram(rules).rules };
  assert.deepEqual(factLines(r.facts()), modelLines(naiveModel(program)));
  assert.deepEqual(r.query('q(5, Y)').length, r.query('e(5, Y)').length);
  assert.equal(r.holds('e(0, 1000)'), false);
  assert.equal(r.holds(edges[150]!), true);
});

test('count aggregates group by their inputs, count zero, follow updates and cannot recurse', () => {
  const r = createReasoner(`
    member(t1, ann). member(t1, bob). member(t2, cid). team(t1). team(t2). team(t3).
    size(T, N) :- team(T), N = count : { member(T, _) }.
    big(T) :- team(T), N = count : { member(T, P) }, N >= 2.
    teams(N) :- N = count : { team(_) }.
    empty(T) :- team(T), 0 = count : { member(T, _) }.`);
  assert.deepEqual(show(r.derived()), [
    'big(t1)',
    'empty(t3)',
    'size(t1, 2)',
    'size(t2, 1)',
    'size(t3, 0)',
    'teams(3)',
  ]);
  const c = r.update({
    assert: ['member(t2, dan)', 'member(t3, eve)'],
    retract: ['member(t1, ann)'],
  });
  assert.deepEqual(show(c.added), [
    'big(t2)',
    'member(t2, dan)',
    'member(t3, eve)',
    'size(t1, 1)',
    'size(t2, 2)',
    'size(t3, 1)',
  ]);
  assert.deepEqual(show(c.removed), [
    'big(t1)',
    'empty(t3)',
    'member(t1, ann)',
    'size(t1, 2)',
    'size(t2, 1)',
    'size(t3, 0)',
  ]);
  const proof = r.why('big(t2)');
  assert.ok(proof?.kind === 'rule');
  assert.deepEqual(
    proof.premises.map((p) => (p.kind === 'check' ? p.text : p.kind)),
    ['base', '2 = count : { member(t2, P) }', '2 >= 2'],
  );
  const w = r.whyNot('big(t1)');
  assert.ok(!w.holds && w.rules[0]!.text === '1 >= 2');
  assert.throws(
    () => createReasoner('p(a). q(X) :- p(X), N = count : { q(_) }, N < 3.'),
    /aggregation through recursion: q -> count q/,
  );
  assert.throws(
    () => createReasoner('p(a). q(X, N) :- N = count : { p(X) }.'),
    /unsafe variable X/,
  );
});

test('loading runs a rule once per instance when a premise relation was empty before', () => {
  const nodes = Array.from({ length: 40 }, (_, i) => `node(${i}).`).join(' ');
  const r = createReasoner(`${nodes} edge(1, 2). edge(2, 3).
    pair(X, Y) :- node(X), node(Y), X != Y.
    path(X, Y) :- edge(X, Y).
    path(X, Z) :- path(X, Y), edge(Y, Z).
    cut(X, Y) :- pair(X, Y), not path(X, Y).`);
  assert.equal(r.count('pair'), 40 * 39);
  assert.equal(r.count('cut'), 40 * 39 - 3);
  // Each instance fired once (pair and cut once per pair; path(1, 2), path(2, 3) by the
  // first rule, path(1, 3) by the second), not once per premise whose relation is new.
  assert.equal(r.stats().derivations, 40 * 39 + (40 * 39 - 3) + 2 + 1);
  // Later updates still see the change through every premise.
  r.assert('node(40).');
  assert.equal(r.count('pair'), 41 * 40);
  r.retract('edge(2, 3).');
  assert.equal(r.count('cut'), 41 * 40 - 1);
});
