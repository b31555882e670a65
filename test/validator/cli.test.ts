import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const fx = 'test/fixtures/pddl';
const dir = mkdtempSync(join(tmpdir(), 'atelier-validate-'));

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function run(...args: string[]) {
  const r = spawnSync('./bin/atelier', ['validate', ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const blocks = [`${fx}/blocks/domain.pddl`, `${fx}/blocks/probBLOCKS-4-0.pddl`];

test('a valid plan: exit 0 and the cost', () => {
  const r = run(`${fx}/costs/domain.pddl`, `${fx}/costs/problem.pddl`, `${fx}/costs/plan.txt`);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'Plan valid: 2 steps, cost = 7\n');
});

test('an invalid plan: exit 1, the failing step, where it is, and the unmet precondition', () => {
  const plan = write('bad.plan', '(pick-up b)\n(stack b a)\n(stack c b)\n');
  const r = run(...blocks, plan);
  assert.equal(r.code, 1);
  assert.equal(
    r.stdout,
    `Plan invalid: step 3 (stack c b): precondition (holding c) is false\n  at ${plan}:3:1\n  unmet: (holding c)\n`,
  );
});

test('an unmet goal: exit 1 with the goal', () => {
  const r = run(...blocks, write('short.plan', '(pick-up b)\n(stack b a)\n'));
  assert.equal(r.code, 1);
  assert.match(
    r.stdout,
    /^Plan invalid: after step 2: goals \(on d c\), \(on c b\) are not reached\n/,
  );
});

test('bad input: exit 2 with file:line:col on stderr and no stack trace', () => {
  const broken = write(
    'broken.pddl',
    '(define (domain blocks)\n  (:predicates (on ?x ?y))\n  (:action a :parameters (?x) :effect (onn ?x)))\n',
  );
  const r = run(broken, blocks[1]!, write('p1.plan', ''));
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.equal(
    r.stderr,
    `${broken}:3:40: error[PDDL_UNKNOWN_PREDICATE]: unknown predicate 'onn'\n  hint: declare it in the domain's :predicates\n`,
  );

  const badPlan = write('bad-syntax.plan', '(pick-up b)\npick-up c\n');
  const p = run(...blocks, badPlan);
  assert.equal(p.code, 2);
  assert.match(
    p.stderr,
    new RegExp(`^${badPlan}:2:1: error\\[PDDL_BAD_PLAN_STEP\\]: expected a plan step`),
  );

  const missing = run(blocks[0]!, join(dir, 'nope.pddl'), badPlan);
  assert.equal(missing.code, 2);
  assert.match(
    missing.stderr,
    /error\[PDDL_FILE_UNREADABLE\]: cannot read problem file .*nope\.pddl': no such file/,
  );

  const usage = run(blocks[0]!);
  assert.equal(usage.code, 2);
  for (const s of [r.stderr, p.stderr, missing.stderr, usage.stderr])
    assert.doesNotMatch(s, /\n\s+at .*\.(ts|js):\d+/);
});
