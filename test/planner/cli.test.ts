/** `atelier plan` spawned as a real process: output format, files, JSON and exit codes. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parsePlan } from '../../src/pddl/index.js';
import { validate } from '../../src/planner/validator/index.js';
import { FIXTURES, fixture } from './helpers.js';

const BIN = new URL('../../bin/atelier', import.meta.url).pathname;
const run = (...args: string[]): { code: number | null; stdout: string; stderr: string } => {
  const r = spawnSync(process.execPath, [BIN, 'plan', ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const blocks = [`${FIXTURES}blocks/domain.pddl`, `${FIXTURES}blocks/probBLOCKS-9-0.pddl`];

describe('atelier plan', () => {
  it('prints a valid plan and the cost line, exit 0, a one-line summary on stderr without a TTY', () => {
    const r = run(...blocks);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.match(lines.at(-1)!, /^; cost = \d+ \(unit cost\)$/);
    const t = fixture('blocks', 'probBLOCKS-9-0.pddl');
    const v = validate(t.domain, t.problem, parsePlan(r.stdout));
    assert.ok(v.valid, v.valid ? '' : v.message);
    assert.equal(lines.at(-1), `; cost = ${v.valid ? v.cost : -1} (unit cost)`);
    assert.equal(r.stderr.trim().split('\n').length, 1);
    assert.match(r.stderr, /^plan found: \d+ steps/);
  });

  it('-o writes the plan to a file (and nothing is left behind but the plan); --quiet silences stderr', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atelier-plan-'));
    const out = join(dir, 'plan.txt');
    const r = run(...blocks, '-o', out, '--quiet');
    assert.equal(r.code, 0);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, '');
    const t = fixture('blocks', 'probBLOCKS-9-0.pddl');
    assert.ok(validate(t.domain, t.problem, parsePlan(readFileSync(out, 'utf8'))).valid);
    assert.deepEqual(readdirSync(dir), ['plan.txt']);
  });

  it('--json prints {plan, cost, stats}', () => {
    const r = run(...blocks, '--json', '--quiet');
    assert.equal(r.code, 0);
    const j = JSON.parse(r.stdout) as {
      plan: string[];
      cost: number;
      stats: { expansions: number };
    };
    assert.equal(j.plan.length, j.cost);
    assert.ok(j.stats.expansions > 0);
    assert.match(j.plan[0]!, /^\(\S+( \S+)*\)$/);
  });

  it('exit 10 when the task is proven unsolvable', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atelier-plan-'));
    writeFileSync(
      join(dir, 'd.pddl'),
      '(define (domain t) (:predicates (a) (b)) (:action go :parameters () :precondition (a) :effect (and (not (a)) (b))))',
    );
    writeFileSync(
      join(dir, 'p.pddl'),
      '(define (problem p) (:domain t) (:init (a)) (:goal (and (a) (b))))',
    );
    const r = run(join(dir, 'd.pddl'), join(dir, 'p.pddl'));
    assert.equal(r.code, 10);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /no plan exists/);
  });

  it('exit 11 when the time limit is reached, and -o is not written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atelier-plan-'));
    const r = run(
      `${FIXTURES}barman/domain.pddl`,
      `${FIXTURES}barman/p1-11-4-15.pddl`,
      '--time-limit',
      '0.001',
      '-o',
      join(dir, 'plan.txt'),
    );
    assert.equal(r.code, 11);
    assert.match(r.stderr, /time limit/);
    assert.deepEqual(readdirSync(dir), []);
  });

  it('exit 2 with a clear message (no stack trace) for a missing file or a bad option', () => {
    const r = run(`${FIXTURES}blocks/domain.pddl`, 'no-such-problem.pddl');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cannot read problem file 'no-such-problem.pddl'/);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
    const bad = run(...blocks, '--time-limit', 'soon');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--time-limit expects a positive number/);
  });
});

describe('plainPlanArgs (the start-up path that skips commander)', () => {
  it('reads two files and the known options, last value winning as in commander', async () => {
    const { plainPlanArgs } = await import('../../src/cli/plan.js');
    assert.deepEqual(
      plainPlanArgs([
        'd.pddl',
        '--quiet',
        'p.pddl',
        '-o',
        'out',
        '--time-limit=5',
        '--json',
        '--time-limit',
        '7',
      ]),
      {
        domain: 'd.pddl',
        problem: 'p.pddl',
        opts: { output: 'out', timeLimit: '7', json: true, quiet: true },
      },
    );
  });
  it('leaves help, unknown options, missing values and a wrong number of files to commander', async () => {
    const { plainPlanArgs } = await import('../../src/cli/plan.js');
    for (const args of [
      ['d', 'p', '--help'],
      ['d', 'p', '-h'],
      ['d', 'p', '--bogus'],
      ['d', 'p', '-o'],
      ['d'],
      ['d', 'p', 'q'],
      ['d', '--', 'p'],
    ]) {
      assert.equal(plainPlanArgs(args), undefined, args.join(' '));
    }
  });
});
