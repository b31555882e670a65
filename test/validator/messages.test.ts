import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  loadDomainFile,
  loadProblemFile,
  parseDomain,
  parsePlan,
  parseProblem,
} from '../../src/pddl/index.js';
import { validate } from '../../src/planner/validator/index.js';

const fx = 'test/fixtures/pddl/blocks';
const domain = loadDomainFile(`${fx}/domain.pddl`);
const problem = loadProblemFile(`${fx}/probBLOCKS-4-0.pddl`, domain);
// initially every block is on the table; goal: d on c on b on a
const good = '(pick-up b)\n(stack b a)\n(pick-up c)\n(stack c b)\n(pick-up d)\n(stack d c)\n';

test('a correct plan is valid with unit cost', () => {
  assert.deepEqual(validate(domain, problem, parsePlan(good)), {
    valid: true,
    cost: 6,
    unitCost: true,
    steps: 6,
  });
});

test('a step whose precondition is false is named with the unmet precondition', () => {
  const plan = parsePlan('(pick-up b)\n(stack b a)\n(stack c b)\n', 'plan.txt');
  const r = validate(domain, problem, plan);
  assert.equal(r.valid, false);
  if (r.valid) return;
  assert.equal(r.reason, 'precondition');
  assert.equal(r.stepIndex, 2);
  assert.deepEqual(r.step, {
    action: 'stack',
    args: ['c', 'b'],
    loc: { file: 'plan.txt', line: 3, col: 1 },
  });
  assert.equal(r.message, 'step 3 (stack c b): precondition (holding c) is false');
  assert.deepEqual(r.unmet, ['(holding c)']);
});

test('several false preconditions are all listed', () => {
  const r = validate(domain, problem, parsePlan('(unstack a b)'));
  assert.ok(!r.valid);
  assert.equal(!r.valid && r.message, 'step 1 (unstack a b): precondition (on a b) is false');
  assert.deepEqual(!r.valid && r.unmet, ['(on a b)']);
  const both = validate(domain, problem, parsePlan('(pick-up a)\n(unstack c d)'));
  assert.equal(
    !both.valid && both.message,
    'step 2 (unstack c d): preconditions (on c d), (handempty) are false',
  );
});

test('a plan that stops short reports the unmet goals', () => {
  const r = validate(domain, problem, parsePlan(good.split('\n').slice(0, 4).join('\n')));
  assert.ok(!r.valid);
  assert.equal(!r.valid && r.stepIndex, -1);
  assert.equal(!r.valid && r.reason, 'goal');
  assert.equal(!r.valid && r.message, 'after step 4: goal (on d c) is not reached');
  const empty = validate(domain, problem, []);
  assert.equal(
    !empty.valid && empty.message,
    'in the initial state (empty plan): goals (on d c), (on c b), (on b a) are not reached',
  );
});

test('unknown actions, wrong arity and unknown objects are rejected at their step', () => {
  const unknown = validate(domain, problem, parsePlan('(pick-up b)\n(fly b a)'));
  assert.ok(!unknown.valid && unknown.reason === 'unknown-action' && unknown.stepIndex === 1);
  assert.equal(!unknown.valid && unknown.message, "step 2 (fly b a): unknown action 'fly'");
  const arity = validate(domain, problem, parsePlan('(pick-up b a)'));
  assert.equal(
    !arity.valid && arity.message,
    "step 1 (pick-up b a): action 'pick-up' takes 1 argument, found 2",
  );
  assert.equal(!arity.valid && arity.reason, 'wrong-arity');
  const object = validate(domain, problem, parsePlan('(pick-up z)'));
  assert.equal(!object.valid && object.message, "step 1 (pick-up z): unknown object 'z'");
  assert.equal(!object.valid && object.reason, 'unknown-object');
});

test('plan text is case-insensitive like PDDL', () => {
  assert.equal(validate(domain, problem, parsePlan(good.toUpperCase())).valid, true);
});

test('a long list of unmet goals names five and counts the rest; unmet keeps them all', () => {
  const d = parseDomain('(define (domain v) (:predicates (seen ?x)))');
  const objects = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
  const p = parseProblem(
    `(define (problem v1) (:domain v) (:objects ${objects.join(' ')}) (:init (seen a)) (:goal (and ${objects.map((o) => `(seen ${o})`).join(' ')})))`,
    d,
  );
  const r = validate(d, p, []);
  assert.equal(
    !r.valid && r.message,
    'in the initial state (empty plan): goals (seen b), (seen c), (seen d), (seen e), (seen f) and 1 more are not reached',
  );
  assert.equal(!r.valid && r.unmet?.length, 6);
});

test('an unmet forall goal names the failing instances, not the whole forall', () => {
  const d = parseDomain(`(define (domain rooms) (:requirements :typing :adl) (:types ball room)
    (:predicates (at ?b - ball ?r - room) (red ?b - ball))
    (:action carry :parameters (?b - ball ?from ?to - room) :precondition (at ?b ?from)
      :effect (and (not (at ?b ?from)) (at ?b ?to))))`);
  const p = parseProblem(
    `(define (problem r1) (:domain rooms) (:objects b1 b2 b3 - ball ra rb - room)
    (:init (at b1 ra) (at b2 ra) (at b3 ra) (red b1) (red b3))
    (:goal (and (forall (?b - ball) (imply (red ?b) (at ?b rb))) (forall (?b - ball) (exists (?r - room) (at ?b ?r))))))`,
    d,
  );
  const r = validate(d, p, parsePlan('(carry b1 ra rb)'));
  assert.ok(!r.valid);
  assert.equal(r.reason, 'goal');
  assert.equal(r.message, 'after step 1: goal (imply (red b3) (at b3 rb)) is not reached');
  assert.deepEqual(r.unmet, ['(imply (red b3) (at b3 rb))']);
  const none = validate(d, p, []);
  assert.deepEqual(!none.valid && none.unmet, [
    '(imply (red b1) (at b1 rb))',
    '(imply (red b3) (at b3 rb))',
  ]);
  assert.ok(validate(d, p, parsePlan('(carry b1 ra rb)\n(carry b3 ra rb)')).valid);
});

test('a false forall precondition names the instance that fails', () => {
  const d = parseDomain(`(define (domain lamps) (:requirements :adl) (:predicates (off ?l) (done))
    (:action finish :parameters () :precondition (forall (?l) (off ?l)) :effect (done)))`);
  const p = parseProblem(
    '(define (problem l1) (:domain lamps) (:objects l1 l2 l3) (:init (off l1) (off l3)) (:goal (done)))',
    d,
  );
  const r = validate(d, p, parsePlan('(finish)'));
  assert.equal(!r.valid && r.message, 'step 1 (finish): precondition (off l2) is false');
});
