/** Bad action-cost input (negative, missing, repeated values) is a located user error, never a wrong plan or a crash. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { UserError } from '../../src/errors.js';
import { parseDomain, parseProblem } from '../../src/pddl/index.js';
import { ground } from '../../src/planner/index.js';

const BIN = new URL('../../bin/atelier', import.meta.url).pathname;

const DOMAIN = `(define (domain road)
  (:requirements :typing :action-costs)
  (:types place)
  (:predicates (at ?p - place) (road ?a ?b - place))
  (:functions (length ?a ?b - place) - number (total-cost) - number)
  (:action drive
    :parameters (?a ?b - place)
    :precondition (and (at ?a) (road ?a ?b))
    :effect (and (not (at ?a)) (at ?b) (increase (total-cost) (length ?a ?b)))))
`;
const problem = (lengths: string): string => `(define (problem r) (:domain road)
  (:objects a b c - place)
  (:init (at a) (road a b) (road b c) (road a c)
    ${lengths} (= (total-cost) 0))
  (:goal (at c))
  (:metric minimize (total-cost)))
`;

function files(lengths: string): [string, string] {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-cost-'));
  writeFileSync(join(dir, 'domain.pddl'), DOMAIN);
  writeFileSync(join(dir, 'problem.pddl'), problem(lengths));
  return [join(dir, 'domain.pddl'), join(dir, 'problem.pddl')];
}

test('a negative action cost in :init is rejected at file:line:col with exit 2, by every search', () => {
  const [d, p] = files('(= (length a b) -5) (= (length b c) 1) (= (length a c) 3)');
  for (const flags of [[], ['--optimal'], ['--anytime', '--time-limit', '2']]) {
    const r = spawnSync(process.execPath, [BIN, 'plan', d, p, ...flags], { encoding: 'utf8' });
    assert.equal(r.status, 2, `${flags.join(' ')}: ${r.stderr}`);
    assert.equal(r.stdout, '');
    assert.match(
      r.stderr,
      new RegExp(
        `^${p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:4:21: error\\[PDDL_NEGATIVE_COST\\]: the value of \\(length a b\\) is negative`,
      ),
    );
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  }
});

test('a cost with no value in :init names the ground action, points at its cost term in the domain and says what to add', () => {
  const domain = parseDomain(DOMAIN, 'domain.pddl');
  const prob = parseProblem(
    problem('(= (length a b) 2) (= (length a c) 3)'),
    domain,
    'problem.pddl',
  );
  assert.throws(
    () => ground(domain, prob),
    (err: unknown) => {
      assert.ok(err instanceof UserError);
      assert.equal(
        err.message,
        'the cost of (drive b c) is (length b c), which has no value in :init',
      );
      assert.deepEqual(err.location, { file: 'domain.pddl', line: 9, col: 63 });
      assert.equal(err.hint, 'add (= (length b c) N) to the :init of problem problem.pddl');
      return true;
    },
  );
});

test('a goal too large to normalise is blamed on the goal, with its location', () => {
  const domain = parseDomain(
    '(define (domain w) (:requirements :adl) (:predicates (p ?x) (q ?x)))',
  );
  const objects = Array.from({ length: 16 }, (_, i) => `o${i}`).join(' ');
  const prob = parseProblem(
    `(define (problem w) (:domain w) (:objects ${objects}) (:init)\n (:goal (forall (?x) (or (p ?x) (q ?x)))))`,
    domain,
    'w.pddl',
  );
  assert.throws(
    () => ground(domain, prob),
    (err: unknown) => {
      assert.ok(err instanceof UserError);
      assert.match(err.message, /^the condition of the goal expands to more than \d+ disjuncts/);
      assert.deepEqual(err.location, { file: 'w.pddl', line: 2, col: 26 });
      return true;
    },
  );
});

test('a negative cost in a problem built in code (not parsed) is refused by the grounder, not planned with', () => {
  const domain = parseDomain(DOMAIN, 'domain.pddl');
  const prob = parseProblem(
    problem('(= (length a b) 2) (= (length b c) 1) (= (length a c) 3)'),
    domain,
    'problem.pddl',
  );
  prob.numericInit.find((n) => n.term.args.join() === 'a,b')!.value = -5;
  assert.throws(
    () => ground(domain, prob),
    (err: unknown) => {
      assert.ok(err instanceof UserError);
      assert.equal(err.message, 'the cost of (drive a b) (length a b) is -5');
      assert.deepEqual(err.location, { file: 'domain.pddl', line: 9, col: 63 });
      return true;
    },
  );
});
