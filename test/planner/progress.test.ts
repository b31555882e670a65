/**
 * Progress on stderr: the printer with a fake clock (a line a second, or one live line), the
 * planner's clock option (progress and time limit on fake time), and the CLI: --progress
 * lines, nothing with --quiet, a last line on SIGTERM saying what was reached.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { describeProgress, progressPrinter } from '../../src/cli/progress.js';
import { plan } from '../../src/planner/index.js';
import type { SearchProgress } from '../../src/planner/index.js';
import { FIXTURES, fixture } from './helpers.js';

const BIN = new URL('../../bin/atelier', import.meta.url).pathname;

const at = (elapsedMs: number): SearchProgress => ({
  phase: 'search',
  groundActions: 10,
  expansions: elapsedMs,
  evaluations: elapsedMs,
  bestH: 3,
  elapsedMs,
  plansFound: 0,
});

/** A clock that stands still until moved. */
function fakeClock(): { now: () => number; set: (t: number) => void } {
  let t = 0;
  return { now: () => t, set: (x) => (t = x) };
}

describe('progress printer (fake clock)', () => {
  it('prints a line at most every second, each saying expansions, best h, plans, elapsed', () => {
    const clock = fakeClock();
    const out: string[] = [];
    const p = progressPrinter({ write: (t) => out.push(t), now: clock.now, live: false });
    for (const t of [0, 400, 999, 1000, 1500, 2100, 2200]) {
      clock.set(t);
      p.update(at(t));
    }
    assert.deepEqual(
      out.map((l) => l.match(/(\d[\d,]*) expansions/)![1]),
      ['0', '1,000', '2,100'],
    );
    assert.match(out[0]!, /^search: 0 expansions, 0 evaluations, best h 3, no plan yet, 0\.0 s\n$/);
    p.end();
    assert.equal(out.length, 3, 'lines are not cleared');
  });

  it('on a terminal rewrites one line, and clears it at the end', () => {
    const clock = fakeClock();
    const out: string[] = [];
    const p = progressPrinter({ write: (t) => out.push(t), now: clock.now, live: true });
    clock.set(0);
    p.update(at(0));
    clock.set(100);
    p.update(at(100));
    clock.set(300);
    p.update({ ...at(300), plansFound: 2, bestCost: 17 });
    p.end();
    assert.equal(out.length, 3);
    assert.ok(out.slice(0, 2).every((l) => l.startsWith('\r\x1b[K') && !l.endsWith('\n')));
    assert.match(out[1]!, /2 plans \(best cost 17\), 0\.3 s/);
    assert.equal(out[2], '\r\x1b[K');
  });

  it('describes grounding by the actions found so far', () => {
    assert.equal(
      describeProgress({ ...at(5), phase: 'grounding', groundActions: 12345 }),
      'grounding: 12,345 actions so far',
    );
  });
});

describe('the planner on a fake clock', () => {
  it('reports progress no more often than asked, in grounding and search, with growing figures', async () => {
    let t = 0;
    const seen: SearchProgress[] = [];
    const r = await plan(
      fixture('blocks', 'probBLOCKS-9-0.pddl').domain,
      fixture('blocks', 'probBLOCKS-9-0.pddl').problem,
      {
        now: () => (t += 50),
        progressIntervalMs: 300,
        onProgress: (p) => seen.push(p),
      },
    );
    assert.equal(r.status, 'solved');
    assert.ok(seen.length >= 2, `progress reported ${seen.length} times`);
    for (let i = 1; i < seen.length; i++) {
      assert.ok(seen[i]!.elapsedMs - seen[i - 1]!.elapsedMs >= 300);
      assert.ok(seen[i]!.expansions >= seen[i - 1]!.expansions);
    }
    assert.ok(seen.some((p) => p.phase === 'search' && p.expansions > 0));
  });

  it('stops at the time limit on that clock, whatever the wall clock says', async () => {
    let t = 0;
    const task = fixture('barman', 'p1-11-4-15.pddl');
    const r = await plan(task.domain, task.problem, { now: () => (t += 100), timeLimitMs: 1000 });
    assert.equal(r.status, 'limit');
    assert.equal(r.status === 'limit' && r.reason, 'time');
  });
});

/** One action over four free parameters and 80 objects: 41 million ground instances. */
function hugeTask(): [string, string] {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-progress-'));
  writeFileSync(
    join(dir, 'd.pddl'),
    `(define (domain huge) (:predicates (linked ?a ?b ?c ?d) (goal-reached))
      (:action link :parameters (?a ?b ?c ?d) :precondition (and) :effect (linked ?a ?b ?c ?d)))`,
  );
  const objects = Array.from({ length: 80 }, (_, i) => `o${i}`).join(' ');
  writeFileSync(
    join(dir, 'p.pddl'),
    `(define (problem p) (:domain huge) (:objects ${objects}) (:init) (:goal (goal-reached)))`,
  );
  return [join(dir, 'd.pddl'), join(dir, 'p.pddl')];
}

describe('atelier plan --progress', () => {
  it(
    'prints progress lines, and on SIGTERM a last line saying what was reached (exit 143)',
    { timeout: 120_000 },
    async () => {
      const child = spawn(process.execPath, [BIN, 'plan', ...hugeTask(), '--progress'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      await new Promise<void>((resolve) => {
        child.stderr.on('data', (d: Buffer) => {
          stderr += d.toString();
          if (/grounding: [\d,]+ actions so far/.test(stderr)) resolve();
        });
      });
      child.kill('SIGTERM');
      const code = await new Promise<number | null>((r) => child.on('close', r));
      assert.equal(code, 143, stderr);
      const last = stderr.trim().split('\n').at(-1)!;
      assert.match(
        last,
        /^interrupted by SIGTERM after \d+\.\d s: grounding: [\d,]+ actions so far$/,
      );
    },
  );

  it('--quiet prints nothing, even with --progress', () => {
    const r = spawnSync(
      process.execPath,
      [
        BIN,
        'plan',
        `${FIXTURES}blocks/domain.pddl`,
        `${FIXTURES}blocks/probBLOCKS-9-0.pddl`,
        '--progress',
        '--quiet',
      ],
      { encoding: 'utf8' },
    );
    assert.equal(r.status, 0);
    assert.equal(r.stderr, '');
  });
});
