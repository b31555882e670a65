import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  loadDomainFile,
  loadProblemFile,
  parseDomain,
  stratifyDerived,
} from '../../src/pddl/index.js';
import type { Effect } from '../../src/pddl/index.js';

const fx = 'test/fixtures/pddl';

test('no :requirements means :strips; :adl and :quantified-preconditions expand to their parts', () => {
  assert.deepEqual(parseDomain('(define (domain d) (:predicates (p)))').requirements, [':strips']);
  const adl = parseDomain('(define (domain d) (:requirements :ADL))').requirements;
  for (const r of [
    ':strips',
    ':typing',
    ':negative-preconditions',
    ':disjunctive-preconditions',
    ':equality',
    ':existential-preconditions',
    ':universal-preconditions',
    ':conditional-effects',
  ]) {
    assert.ok(adl.includes(r), r);
  }
  assert.deepEqual(
    parseDomain('(define (domain d) (:requirements :quantified-preconditions))').requirements,
    [':quantified-preconditions', ':existential-preconditions', ':universal-preconditions'],
  );
});

test(':typing: hierarchies, either parents, either parameters, constants', () => {
  const d = loadDomainFile(`${fx}/typed/domain.pddl`);
  assert.equal(d.name, 'typed-delivery');
  const parents = Object.fromEntries(d.types.map((t) => [t.name, t.parents]));
  assert.deepEqual(parents, {
    object: [],
    truck: ['vehicle'],
    plane: ['vehicle'],
    vehicle: ['thing'],
    package: ['thing'],
    depot: ['place'],
    airport: ['place'],
    hub: ['depot', 'airport'],
    thing: ['object'],
    place: ['object'],
  });
  assert.deepEqual(d.constants, [
    { name: 'central', types: ['hub'], loc: { file: `${fx}/typed/domain.pddl`, line: 8, col: 15 } },
  ]);
  assert.deepEqual(
    d.actions[0]!.params.map((p) => p.types),
    [['truck', 'plane'], ['place'], ['place']],
  );
});

test(':negative-preconditions and :equality: not and = in preconditions and goals', () => {
  const d = loadDomainFile(`${fx}/negeq/domain.pddl`);
  const pass = d.actions.find((a) => a.name === 'pass')!;
  assert.ok(pass.precondition?.kind === 'and');
  assert.deepEqual(pass.precondition.args[3], {
    kind: 'not',
    arg: {
      kind: 'atom',
      atom: {
        predicate: '=',
        args: ['?from', '?to'],
        loc: { file: `${fx}/negeq/domain.pddl`, line: 8, col: 67 },
      },
    },
  });
  const p = loadProblemFile(`${fx}/negeq/problem.pddl`, d);
  assert.ok(p.goal.kind === 'and' && p.goal.args[2]!.kind === 'not');
});

test(':adl: or, imply, exists, forall in conditions; forall and when in effects', () => {
  const d = loadDomainFile(`${fx}/adl/domain.pddl`);
  const move = d.actions.find((a) => a.name === 'move')!;
  assert.ok(move.precondition?.kind === 'and');
  assert.deepEqual(
    move.precondition.args.map((c) => c.kind),
    ['atom', 'not', 'or', 'forall'],
  );
  const forall = (move.effect as Extract<Effect, { kind: 'and' }>).args[2]!;
  assert.equal(forall.kind, 'forall');
  assert.ok(
    forall.kind === 'forall' &&
      forall.body.kind === 'when' &&
      forall.body.condition.kind === 'atom',
  );
  const closeAll = d.actions.find((a) => a.name === 'close-all')!;
  assert.deepEqual(closeAll.params, []);
  assert.equal(closeAll.precondition?.kind, 'exists');
});

test(':derived-predicates: rules with typed heads, recursion, and strata for negation', () => {
  const d = loadDomainFile(`${fx}/derived/domain.pddl`);
  assert.deepEqual(
    d.derived.map((r) => [r.head.name, r.head.params.map((p) => p.types[0])]),
    [
      ['reach', ['node']],
      ['reach', ['node']], // untyped head variable takes the type from :predicates
      ['isolated', ['node']],
    ],
  );
  assert.deepEqual(
    stratifyDerived(d).map((s) => s.map((r) => r.head.name)),
    [['reach', 'reach'], ['isolated']],
  );
});

test(':action-costs: functions, increase by a number or a function, numeric init, metric', () => {
  const d = loadDomainFile(`${fx}/costs/domain.pddl`);
  assert.deepEqual(
    d.functions.map((f) => [f.name, f.params.length]),
    [
      ['road-length', 2],
      ['total-cost', 0],
    ],
  );
  const drive = d.actions.find((a) => a.name === 'drive')!;
  assert.ok(drive.effect.kind === 'and');
  const inc = drive.effect.args[3]!;
  assert.ok(
    inc.kind === 'increase' &&
      inc.amount.kind === 'function' &&
      inc.amount.term.name === 'road-length',
  );
  const p = loadProblemFile(`${fx}/costs/problem.pddl`, d);
  assert.deepEqual(
    p.numericInit.map((f) => [f.term.name, f.term.args, f.value]),
    [
      ['road-length', ['x', 'y'], 3],
      ['road-length', ['y', 'z'], 4],
      ['road-length', ['x', 'z'], 10],
      ['total-cost', [], 0],
    ],
  );
  assert.equal(p.metric?.direction, 'minimize');
});
