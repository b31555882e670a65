/**
 * Large integer action costs: the cost exploration of h_FF/h_add/h_max switches from a
 * bucket queue to a FIFO heap, which must give exactly the bucket queue's values and
 * preferred operators, so plans do not change; and a task with costs ~10^7 is solved.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ground, makeHeuristic, plan } from '../../src/planner/index.js';
import type { CostType, GroundTask, HeuristicName } from '../../src/planner/index.js';
import { IdList } from '../../src/planner/id-list.js';
import { applicableActions, applyAction, makeSpace } from '../../src/planner/state-space.js';
import { fixture, parse, solveAndCheck } from './helpers.js';

const ROAD = `(define (domain road)
  (:requirements :typing :action-costs)
  (:types place)
  (:predicates (at ?p - place) (visited ?p - place) (road ?a ?b - place))
  (:functions (length ?a ?b - place) - number (total-cost) - number)
  (:action drive
    :parameters (?a ?b - place)
    :precondition (and (at ?a) (road ?a ?b))
    :effect (and (not (at ?a)) (at ?b) (visited ?b) (increase (total-cost) (length ?a ?b)))))
`;

/** Five places, roads both ways between all of them; `length(i, j)` gives the lengths. */
function roadProblem(length: (i: number, j: number) => number): string {
  const init: string[] = ['(at p0)', '(visited p0)'];
  for (let i = 0; i < 5; i++) {
    for (let j = 0; j < 5; j++)
      if (i !== j) init.push(`(road p${i} p${j})`, `(= (length p${i} p${j}) ${length(i, j)})`);
  }
  return `(define (problem tour) (:domain road) (:objects p0 p1 p2 p3 p4 - place)
  (:init ${init.join(' ')} (= (total-cost) 0))
  (:goal (and (visited p1) (visited p2) (visited p3) (visited p4)))
  (:metric minimize (total-cost)))`;
}

/** Distinct, asymmetric lengths, so the cheapest tour is unique. */
const base = (i: number, j: number): number => 3 + ((i * 7 + j * 13 + i * j * 5) % 17);
const SCALE = 10_000_000;

/** The cheapest order to visit p1..p4 from p0, by brute force over the 24 orders. */
function bestTour(length: (i: number, j: number) => number): { order: number[]; cost: number } {
  let best = { order: [] as number[], cost: Infinity };
  const go = (at: number, left: number[], order: number[], cost: number): void => {
    if (left.length === 0) {
      if (cost < best.cost) best = { order, cost };
      return;
    }
    for (const n of left)
      go(
        n,
        left.filter((x) => x !== n),
        [...order, n],
        cost + length(at, n),
      );
  };
  go(0, [1, 2, 3, 4], [], 0);
  return best;
}

// With the bucket queue alone, every evaluation scanned ~10^8 buckets: minutes, not milliseconds.
test(
  'a road task with lengths ~10^7 is solved, and --optimal returns the cheapest tour',
  { timeout: 30_000 },
  async () => {
    const big = (i: number, j: number): number => base(i, j) * SCALE + i + j;
    const task = parse(ROAD, roadProblem(big));
    const r = await solveAndCheck(task, { timeLimitMs: 60_000 });
    assert.equal(r.unitCost, false);
    assert.ok(r.cost >= bestTour(big).cost);
    const expected = bestTour(big);
    const opt = await solveAndCheck(task, { optimal: true, timeLimitMs: 60_000 });
    assert.equal(opt.cost, expected.cost);
    const stops = [0, ...expected.order];
    assert.deepEqual(
      opt.plan.map((s) => `${s.action} ${s.args.join(' ')}`),
      expected.order.map((n, k) => `drive p${stops[k]} p${n}`),
    );
  },
);

/** Truth vectors along a deterministic pseudo-random walk from the initial state. */
function walk(task: GroundTask, steps: number): Uint8Array[] {
  const space = makeSpace(task);
  let truth = new Uint8Array(task.facts.length);
  for (const f of task.init) truth[f] = 1;
  space.derive(truth);
  const out = [truth.slice()];
  const list = new IdList();
  let seed = 12345;
  for (let i = 0; i < steps; i++) {
    applicableActions(space, truth, list);
    const succ = list.toArray();
    if (succ.length === 0) break;
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const next = new Uint8Array(task.facts.length);
    applyAction(space, succ[seed % succ.length]!, truth, next);
    space.derive(next);
    truth = next;
    out.push(truth.slice());
  }
  return out;
}

test('the heap and the bucket queue give identical heuristic values and preferred operators', () => {
  const tasks: Array<[string, GroundTask]> = [
    [
      'road (lengths 3..19)',
      ground(parse(ROAD, roadProblem(base)).domain, parse(ROAD, roadProblem(base)).problem),
    ],
    ...(
      [
        ['blocks', 'probBLOCKS-4-0.pddl'],
        ['logistics00', 'problogistics-6-0.pddl'],
        ['derived', 'problem.pddl'],
        ['adl', 'problem.pddl'],
      ] as const
    ).map(([dir, file]): [string, GroundTask] => {
      const t = fixture(dir, file);
      return [dir, ground(t.domain, t.problem)];
    }),
  ];
  let compared = 0;
  for (const [label, task] of tasks) {
    const states = walk(task, 40);
    for (const name of ['ff', 'add', 'max'] as HeuristicName[]) {
      for (const costType of ['unit', 'plusone', 'real'] as CostType[]) {
        const buckets = makeHeuristic(task, name, costType, 'buckets');
        const heap = makeHeuristic(task, name, costType, 'heap');
        for (const s of states) {
          const pb: number[] = [];
          const ph: number[] = [];
          assert.equal(
            heap.evaluate(s, ph),
            buckets.evaluate(s, pb),
            `${label} ${name} ${costType}`,
          );
          assert.deepEqual(ph, pb, `${label} ${name} ${costType}: preferred operators`);
          compared++;
        }
      }
    }
  }
  assert.ok(compared > 400);
});

test('scaling every cost by 10^7 leaves the optimal plan unchanged (same exploration order in the heap)', async () => {
  const small = await plan(
    parse(ROAD, roadProblem(base)).domain,
    parse(ROAD, roadProblem(base)).problem,
    { optimal: true },
  );
  const large = await plan(
    parse(
      ROAD,
      roadProblem((i, j) => base(i, j) * SCALE),
    ).domain,
    parse(
      ROAD,
      roadProblem((i, j) => base(i, j) * SCALE),
    ).problem,
    { optimal: true },
  );
  assert.equal(small.status, 'solved');
  assert.equal(large.status, 'solved');
  if (small.status !== 'solved' || large.status !== 'solved') return;
  assert.deepEqual(large.plan, small.plan);
  assert.equal(large.cost, small.cost * SCALE);
});
