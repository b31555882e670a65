/**
 * The memory budget: a 1 KB domain whose one action has 5 parameters over 59 objects grounds
 * to 715 million actions. Grounding must stop at the memory limit (given, or derived from the
 * JS heap limit) with exit 11 and "memory limit during grounding: N ground actions", never
 * grow until V8 aborts. And files that are not PDDL texts are refused before reading.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseDomain, parseProblem } from '../../src/pddl/index.js';
import { plan } from '../../src/planner/index.js';
import { FIXTURES } from './helpers.js';

const BIN = new URL('../../bin/atelier', import.meta.url).pathname;
const DOMAIN = `(define (domain huge5)
  (:predicates (linked ?a ?b ?c ?d ?e) (goal-reached))
  (:action link :parameters (?a ?b ?c ?d ?e) :precondition (and) :effect (linked ?a ?b ?c ?d ?e)))`;
const PROBLEM = `(define (problem p) (:domain huge5)
  (:objects ${Array.from({ length: 59 }, (_, i) => `o${i}`).join(' ')})
  (:init) (:goal (goal-reached)))`;

function files(): [string, string] {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-memory-'));
  writeFileSync(join(dir, 'd.pddl'), DOMAIN);
  writeFileSync(join(dir, 'p.pddl'), PROBLEM);
  return [join(dir, 'd.pddl'), join(dir, 'p.pddl')];
}

const run = (args: string[], env: NodeJS.ProcessEnv = process.env) =>
  spawnSync(process.execPath, [BIN, 'plan', ...args], { encoding: 'utf8', env });

describe('memory limit during grounding', () => {
  it(
    '--memory-limit: exit 11 with the number of ground actions reached',
    { timeout: 300_000 },
    () => {
      const r = run([...files(), '--memory-limit', '150']);
      assert.equal(r.status, 11, r.stderr);
      assert.match(
        r.stderr,
        /^memory limit during grounding: \d+ ground actions \(limit 150 MB\); \d+\.\d s\n$/,
      );
      assert.equal(r.stdout, '');
    },
  );

  it('without --memory-limit the limit is the JS heap limit', { timeout: 300_000 }, () => {
    const env = { ...process.env, NODE_OPTIONS: '--max-old-space-size=160' };
    const r = run([...files(), '--json'], env);
    assert.equal(r.status, 11, r.stderr);
    const j = JSON.parse(r.stdout) as {
      reason: string;
      phase: string;
      stats: { groundActions: number };
    };
    assert.equal(j.reason, 'memory');
    assert.equal(j.phase, 'grounding');
    assert.ok(j.stats.groundActions > 1000);
    const limit = Number(/\(limit (\d+) MB\)/.exec(r.stderr)?.[1]);
    assert.ok(limit >= 160 && limit < 300, r.stderr);
  });

  it(
    'plan() returns a memory limit while grounding, with the actions found so far',
    { timeout: 300_000 },
    async () => {
      const domain = parseDomain(DOMAIN);
      const problem = parseProblem(PROBLEM, domain);
      const memoryLimitMb = Math.round(process.memoryUsage().rss / 1048576) + 60;
      const r = await plan(domain, problem, { memoryLimitMb });
      assert.equal(r.status, 'limit');
      if (r.status !== 'limit') return;
      assert.equal(r.reason, 'memory');
      assert.equal(r.phase, 'grounding');
      assert.ok(r.stats.groundActions > 0);
    },
  );

  it('a bad --memory-limit is a user error', () => {
    const r = run([...files(), '--memory-limit', 'lots']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--memory-limit expects a positive number of MB, got 'lots'/);
  });
});

describe('files that are not PDDL texts', () => {
  const problem = `${FIXTURES}blocks/probBLOCKS-4-0.pddl`;
  it('a device (/dev/zero) is refused at once, exit 2', { timeout: 60_000 }, () => {
    const r = run(['/dev/zero', problem]);
    assert.equal(r.status, 2);
    assert.match(
      r.stderr,
      /^error\[PDDL_NOT_A_FILE\]: domain file '\/dev\/zero' is not a regular file\n  hint: /,
    );
  });
  it('a file over the size limit is refused without reading it, exit 2', () => {
    const big = join(mkdtempSync(join(tmpdir(), 'atelier-big-')), 'big.pddl');
    writeFileSync(big, '');
    truncateSync(big, 65 * 1024 * 1024); // sparse: no 65 MB written
    const r = run([`${FIXTURES}blocks/domain.pddl`, big]);
    assert.equal(r.status, 2);
    assert.match(
      r.stderr,
      /^error\[PDDL_FILE_TOO_LARGE\]: problem file '.*big\.pddl' is 65 MB, over the 64 MB limit\n/,
    );
  });
  it('a directory is refused, exit 2', () => {
    const r = run([FIXTURES, problem]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /cannot read domain file '.*': it is a directory/);
  });
});
