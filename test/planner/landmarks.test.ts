/** Landmarks: found where every plan must pass, and the landmark count falls along a plan. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ground, plan } from '../../src/planner/index.js';
import { buildLandmarkGraph, landmarkHeuristic } from '../../src/planner/landmarks.js';
import { findLandmarks, makeLandmarkCount } from '../../src/planner/landmarks-zg.js';
import { GREEDY_NECESSARY } from '../../src/planner/lm-graph.js';
import { parse } from './helpers.js';

// A chain of 40 places (more than 32 facts, so label sets span several 32-bit words)
// with a shortcut from p10 to p20 through either of two bridges: p11..p19 are not landmarks.
const N = 40;
const places = Array.from({ length: N }, (_, i) => `p${i}`);
const roads = places
  .slice(1)
  .map((p, i) => `(road p${i} ${p})`)
  .join(' ');
const DOMAIN = `(define (domain chain) (:requirements :strips)
  (:predicates (at ?x) (road ?x ?y))
  (:action go :parameters (?x ?y) :precondition (and (at ?x) (road ?x ?y)) :effect (and (not (at ?x)) (at ?y))))`;
const PROBLEM = `(define (problem c) (:domain chain) (:objects ${places.join(' ')} b1 b2)
  (:init (at p0) ${roads} (road p10 b1) (road b1 p20) (road p10 b2) (road b2 p20)) (:goal (at p${N - 1})))`;

describe('RHW landmark graph and the landmark sum (landmarks: rhw)', () => {
  it('finds the places every path must visit (RHW: shared preconditions and the transition graph), ordered along the chain', () => {
    const t = parse(DOMAIN, PROBLEM);
    const g = ground(t.domain, t.problem);
    const init = new Uint8Array(g.facts.length);
    for (const f of g.init) init[f] = 1;
    const lm = buildLandmarkGraph(g, init);
    const atomic = lm.atoms.filter((a) => a.length === 1).map((a) => g.facts[a[0]!]!);
    const expected = places
      .filter((_, i) => i <= 10 || i >= 20)
      .map((p) => `(at ${p})`)
      .sort();
    assert.deepEqual(atomic.sort(), expected);
    // (at p38) is greedy-necessary for (at p39), the goal.
    const id = (p: string): number => lm.atoms.findIndex((a) => g.facts[a[0]!] === `(at ${p})`);
    assert.equal(lm.isGoal[id('p39')], 1);
    assert.equal(lm.parents[id('p39')]!.get(id('p38')), GREEDY_NECESSARY);
    // p11..p19 are not landmarks, but "one of p19, b1, b2" is (all achievers of (at p20) need one).
    assert.ok(
      lm.atoms.some(
        (a) =>
          a.length === 3 &&
          [...a]
            .map((f) => g.facts[f])
            .sort()
            .join(' ') === '(at b1) (at b2) (at p19)',
      ),
    );
  });

  it('the landmark sum starts at the landmarks not yet reached and is 0 at the goal', () => {
    const t = parse(DOMAIN, PROBLEM);
    const g = ground(t.domain, t.problem);
    const truth = new Uint8Array(g.facts.length);
    for (const f of g.init) truth[f] = 1;
    const h = landmarkHeuristic(g, truth)!;
    const L = h.graph.atoms.length;
    assert.equal(h.evaluate(truth, undefined, { id: 0, parent: -1 }), L - 1);
    // Walk the chain state by state (each state's parent is the previous one).
    const at = (p: string): number => g.facts.indexOf(`(at ${p})`);
    let parent = 0;
    let before = truth.slice();
    const path = [...places.slice(1, 11), 'b1', ...places.slice(20)];
    const values: number[] = [];
    path.forEach((p, i) => {
      const now = new Uint8Array(g.facts.length);
      now[at(p)] = 1;
      values.push(h.evaluate(now, undefined, { id: i + 1, parent, parentTruth: before }));
      parent = i + 1;
      before = now;
    });
    assert.equal(values.at(-1), 0);
    for (let i = 1; i < values.length; i++)
      assert.ok(values[i]! <= values[i - 1]!, values.join(' '));
  });

  it('a landmark no operator can achieve makes the state a dead end', () => {
    const t = parse(DOMAIN, PROBLEM.replace('(road p38 p39)', ''));
    const g = ground(t.domain, t.problem);
    assert.equal(g.goalUnreachable, true);
  });
});

describe('h^1 landmarks (Zhu & Givan) and the landmark count, the default', () => {
  it('finds exactly the places every path must visit, ordered along the chain', () => {
    const t = parse(DOMAIN, PROBLEM);
    const g = ground(t.domain, t.problem);
    const init = new Uint8Array(g.facts.length);
    for (const f of g.init) init[f] = 1;
    const lm = findLandmarks(g, init);
    assert.ok(lm);
    const names = Array.from(lm.facts, (f) => g.facts[f]!).sort();
    const expected = places
      .filter((_, i) => i <= 10 || i >= 20)
      .map((p) => `(at ${p})`)
      .sort();
    assert.deepEqual(names, expected);
    // (at p39) comes after (at p0) .. (at p38) on every path: all other landmarks are its predecessors.
    const last = Array.from(lm.facts).findIndex((f) => g.facts[f] === `(at p${N - 1})`);
    assert.equal(lm.preds[last]!.length, expected.length - 1);
  });

  it('the landmark count starts at the number of unreached landmarks and is 0 at the goal', () => {
    const t = parse(DOMAIN, PROBLEM);
    const g = ground(t.domain, t.problem);
    const truth = new Uint8Array(g.facts.length);
    for (const f of g.init) truth[f] = 1;
    const lm = findLandmarks(g, truth)!;
    const h = makeLandmarkCount(g, lm);
    assert.equal(h.evaluate(truth, undefined, { id: 0, parent: -1 }), lm.facts.length - 1);
    // Walk the chain state by state (each state's parent is the previous one).
    const at = (p: string): number => g.facts.indexOf(`(at ${p})`);
    let parent = 0;
    let value = Infinity;
    const path = [...places.slice(1, 11), 'b1', ...places.slice(20)];
    path.forEach((p, i) => {
      truth.fill(0);
      truth[at(p)] = 1;
      value = h.evaluate(truth, undefined, { id: i + 1, parent });
      parent = i + 1;
    });
    assert.equal(value, 0);
  });
});

describe('plan() with either landmark heuristic', () => {
  for (const landmarks of ['h1', 'rhw'] as const)
    it(`landmarks: ${landmarks} finds a valid plan through the chain`, async () => {
      const t = parse(DOMAIN, PROBLEM);
      const r = await plan(t.domain, t.problem, { landmarks });
      assert.equal(r.status, 'solved');
      if (r.status === 'solved') assert.equal(r.plan.length, 31); // p0 -> p10, via b1 or b2 to p20, -> p39
    });
});
