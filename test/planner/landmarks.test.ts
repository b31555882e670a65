/** Landmarks: found where every plan must pass, and the landmark count falls along a plan. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ground } from '../../src/planner/index.js';
import { findLandmarks, makeLandmarkCount } from '../../src/planner/landmarks.js';
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

describe('landmarks', () => {
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
