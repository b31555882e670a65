/** "No plan" is a result: unsolvable tasks, time limits, aborts; and the same input gives the same plan. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ground, plan, planSync } from '../../src/planner/index.js';
import { fixture, parse, solveAndCheck } from './helpers.js';

const TOGGLE = `(define (domain toggle) (:requirements :strips)
  (:predicates (a) (b) (c))
  (:action a-to-b :parameters () :precondition (a) :effect (and (not (a)) (b)))
  (:action b-to-c :parameters () :precondition (b) :effect (and (not (b)) (c))))`;

describe('unsolvable tasks', () => {
  it('a goal no action can reach is unsolvable before any search (relaxed-unreachable)', async () => {
    const t = parse(TOGGLE, '(define (problem p) (:domain toggle) (:init (b)) (:goal (a)))');
    assert.equal(ground(t.domain, t.problem).goalUnreachable, true);
    const r = await plan(t.domain, t.problem);
    assert.equal(r.status, 'unsolvable');
    assert.equal(r.stats.expansions, 0);
  });

  for (const [name, options] of [
    ['greedy', {}],
    ['optimal', { optimal: true }],
    ['anytime', { anytime: true, timeLimitMs: 1000 }],
  ] as const) {
    it(`${name} search proves unsolvable a task whose relaxation is solvable (state space exhausted)`, async () => {
      // (a) and (c) are both relaxed-reachable, but never true together.
      const t = parse(
        TOGGLE,
        '(define (problem p) (:domain toggle) (:init (a)) (:goal (and (a) (c))))',
      );
      assert.equal(ground(t.domain, t.problem).goalUnreachable, false);
      const r = await plan(t.domain, t.problem, options);
      assert.equal(r.status, 'unsolvable');
      // Searched (the landmarks may show the initial state a dead end at once: (a) must be
      // achieved again after (c), mutex with it, and nothing achieves (a)).
      assert.ok(r.stats.evaluations > 0);
    });
  }

  it('an empty goal is solved by the empty plan', async () => {
    const r = await solveAndCheck(
      parse(TOGGLE, '(define (problem p) (:domain toggle) (:init (a)) (:goal (and)))'),
    );
    assert.deepEqual(r.plan, []);
  });
});

describe('limits', () => {
  it('a time limit stops the search with status limit/time', async () => {
    const t = fixture('barman', 'p1-11-4-15.pddl');
    const r = await plan(t.domain, t.problem, { timeLimitMs: 1 });
    assert.equal(r.status, 'limit');
    assert.equal(r.status === 'limit' && r.reason, 'time');
  });

  it('an AbortSignal stops the search with status limit/aborted', async () => {
    const t = fixture('barman', 'p1-11-4-15.pddl');
    const controller = new AbortController();
    let progress = 0;
    const r = await plan(t.domain, t.problem, {
      signal: controller.signal,
      onProgress: () => {
        if (++progress === 1) controller.abort();
      },
    });
    assert.equal(r.status, 'limit');
    assert.equal(r.status === 'limit' && r.reason, 'aborted');
    assert.ok(progress >= 1);
  });

  it('an already-aborted signal returns at once', async () => {
    const t = fixture('blocks', 'probBLOCKS-9-0.pddl');
    const r = await plan(t.domain, t.problem, { signal: AbortSignal.abort() });
    assert.equal(r.status, 'limit');
  });
});

describe('determinism', () => {
  it('the same input gives the same plan (greedy, sync and async)', async () => {
    const t = fixture('logistics00', 'problogistics-6-0.pddl');
    const a = await solveAndCheck(t);
    const b = await solveAndCheck(fixture('logistics00', 'problogistics-6-0.pddl'));
    const c = planSync(t.domain, t.problem);
    assert.deepEqual(a.plan, b.plan);
    assert.equal(c.status, 'solved');
    if (c.status === 'solved') assert.deepEqual(c.plan, a.plan);
  });
});
