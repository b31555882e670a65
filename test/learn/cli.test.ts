import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDomain } from '../../src/pddl/index.js';

const fx = 'test/fixtures/learn';
const dir = mkdtempSync(join(tmpdir(), 'atelier-learn-cli-'));

function atelier(...args: string[]) {
  const r = spawnSync('./bin/atelier', args, { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('atelier learn prints the learned domain and a summary per action', () => {
  const r = atelier('learn', `${fx}/lights.pddl`, `${fx}/lights1_traj`);
  assert.equal(r.code, 0, r.stderr);
  const learned = parseDomain(r.stdout);
  assert.deepEqual(
    learned.actions.map((a) => a.name),
    ['flip_on', 'flip_off'],
  );
  assert.match(r.stderr, /^learned 2 of 3 actions from 3 transitions in 1 trajectory/);
  assert.match(r.stderr, /\n {2}flip_on {2}2 observations, 3 preconditions, 2 effects\n/);
  assert.match(r.stderr, /\n {2}paint {4}never observed: left out, the planner cannot use it\n/);
});

test('atelier learn -o writes the domain; --json gives the model per action', () => {
  const out = join(dir, 'learned.pddl');
  const r = atelier('learn', `${fx}/lights.pddl`, `${fx}/lights1_traj`, '-o', out, '--json');
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout) as {
    domain: string;
    actions: { name: string; status: string; add: string[]; precondition: string[] }[];
  };
  assert.equal(readFileSync(out, 'utf8'), json.domain);
  const flipOn = json.actions.find((a) => a.name === 'flip_on')!;
  assert.deepEqual(flipOn.add, ['(on ?s)', '(lit ?r)']);
  assert.deepEqual(flipOn.precondition, ['(not (on ?s))', '(in ?s ?r)', '(not (lit ?r))']);
  assert.equal(json.actions.find((a) => a.name === 'paint')!.status, 'unobserved');

  // With the learned domain, a goal that needs the left-out action: no plan, and why.
  const problem = join(dir, 'dark.pddl');
  writeFileSync(
    problem,
    '(define (problem dark) (:domain lights) (:objects s1 - switch r1 r2 - room) (:init (in s1 r1)) (:goal (lit r2)))',
  );
  const p = atelier('plan', out, problem);
  assert.equal(p.code, 10);
  assert.match(
    p.stderr,
    /note: this domain was learned \(atelier learn\) without paint \(unobserved\): a plan may need it/,
  );
});

test('bad input: exit 2, the file:line:col of the mistake, and nothing learned or written', () => {
  const bad = join(dir, 'bad_traj');
  writeFileSync(
    bad,
    '(:trajectory\n(:state (in s1 r1))\n(:action (flip_on s1 r1 r2))\n(:state (in s1 r1)))\n',
  );
  const out = join(dir, 'never.pddl');
  const r = atelier('learn', `${fx}/lights.pddl`, `${fx}/lights1_traj`, bad, '-o', out);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.equal(
    r.stderr,
    `${bad}:3:10: error[LEARN_WRONG_ARITY]: action 'flip_on' takes 2 arguments, found 3\n  hint: declared as (flip_on ?s ?r)\n`,
  );
  assert.equal(existsSync(out), false);

  const usage = atelier('learn', `${fx}/lights.pddl`);
  assert.equal(usage.code, 2);
  assert.match(
    usage.stderr,
    /^error\[LEARN_USAGE\]: expected a vocabulary domain and at least one trajectory\n/,
  );
  const missing = atelier('learn', `${fx}/lights.pddl`, join(dir, 'nope_traj'));
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /cannot read trajectory '.*nope_traj': no such file/);
});

test('atelier learn --runs learns from the stored runs of a mission and compares with its tools', () => {
  const db = join(dir, 'runs.db');
  const none = atelier('learn', '--runs', 'examples/paris-office', '--db', db);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /no run store at/);
  const run = atelier(
    'run',
    'examples/paris-office',
    '--approve-all',
    '--time-scale',
    '0',
    '--db',
    db,
    '--no-report',
  );
  assert.equal(run.code, 0, run.stderr);
  const r = atelier('learn', '--runs', 'examples/paris-office', '--db', db, '--json');
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout) as { contradictions: unknown[]; actions: { status: string }[] };
  assert.deepEqual(json.contradictions, []);
  assert.ok(json.actions.every((a) => a.status === 'learned'));
});
