/**
 * `anytime`: after lama-first's plan, weighted A* with w = 5, 3, 2 and then w = 1 again and
 * again, each pruned by the best cost so far, until a search exhausts: the last plan is
 * then optimal, and the stats say so.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { plan } from '../../src/planner/index.js';
import { fixture, solveAndCheck } from './helpers.js';

test('anytime keeps searching at w = 1 until no cheaper plan exists: its cost matches --optimal (road tour: 61 first, 40 optimal)', async () => {
  const task = fixture('road-tour', 'tour6.pddl');
  const first = await solveAndCheck(task);
  const optimal = await solveAndCheck(task, { optimal: true });
  // no time limit: the anytime search ends by itself once a bounded search exhausts
  const anytime = await solveAndCheck(task, { anytime: true });
  assert.ok(anytime.cost <= first.cost);
  assert.ok(first.cost > optimal.cost, 'the instance must leave room for improvement');
  assert.equal(anytime.cost, optimal.cost);
  assert.equal(anytime.stats.provenOptimal, true);
  assert.equal(optimal.stats.provenOptimal, true);
  assert.equal(first.stats.provenOptimal, false);
  // deterministic: the same plan again
  const again = await plan(task.domain, task.problem, { anytime: true });
  assert.equal(again.status, 'solved');
  if (again.status === 'solved') assert.deepEqual(again.plan, anytime.plan);
});

test('anytime stopped by the time limit returns its best plan without claiming optimality', async () => {
  // blocks with 9 blocks: the bounded searches cannot exhaust in one second
  const task = fixture('blocks', 'probBLOCKS-9-0.pddl');
  const first = await solveAndCheck(task);
  const r = await solveAndCheck(task, { anytime: true, timeLimitMs: 1000 });
  assert.ok(r.cost <= first.cost);
  assert.equal(r.stats.provenOptimal, false);
});

test('anytime on a task whose initial state is a goal returns the empty plan and stops', async () => {
  const task = fixture('road-tour', 'tour6.pddl');
  task.problem.goal = { kind: 'atom', atom: { predicate: 'visited', args: ['p0'] } };
  const r = await solveAndCheck(task, { anytime: true, timeLimitMs: 10_000 });
  assert.deepEqual(r.plan, []);
  assert.equal(r.cost, 0);
  assert.equal(r.stats.provenOptimal, true);
  assert.ok(r.stats.searchMs < 5_000);
});
