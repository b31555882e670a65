/**
 * Plan post-processing: action elimination removes detours (a step and the later steps that
 * only served it) and keeps the plan valid; a plan without redundant steps is left as it is.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { actionLabel, ground } from '../../src/planner/index.js';
import { eliminateActions } from '../../src/planner/post.js';
import { makeSpace } from '../../src/planner/state-space.js';
import { validate } from '../../src/planner/validator/index.js';
import { parse } from './helpers.js';

const DOMAIN = `(define (domain line)
  (:requirements :strips :typing :action-costs)
  (:types place)
  (:predicates (at ?p - place) (link ?a ?b - place) (visited ?p - place) (waved ?p - place))
  (:functions (total-cost))
  (:action go :parameters (?a ?b - place)
    :precondition (and (at ?a) (link ?a ?b))
    :effect (and (at ?b) (not (at ?a)) (visited ?b) (increase (total-cost) 2)))
  (:action wave :parameters (?a - place)
    :precondition (at ?a)
    :effect (and (waved ?a) (increase (total-cost) 1))))`;
const PROBLEM = `(define (problem p) (:domain line)
  (:objects a b c d - place)
  (:init (at a) (link a b) (link b a) (link b c) (link c b) (link b d) (link d b) (= (total-cost) 0))
  (:goal (at c))
  (:metric minimize (total-cost)))`;

function idsOf(task: ReturnType<typeof ground>, labels: string[]): number[] {
  return labels.map((l) => {
    for (let a = 0; a < task.actions.count; a++) if (actionLabel(task, a) === l) return a;
    throw new Error(`no action ${l}`);
  });
}

describe('action elimination', () => {
  const t = parse(DOMAIN, PROBLEM);
  const task = ground(t.domain, t.problem);
  const space = makeSpace(task);

  it('removes a detour and a useless step; the rest is still a valid plan', () => {
    const plan = idsOf(task, ['(go a b)', '(go b d)', '(wave d)', '(go d b)', '(go b c)']);
    const out = eliminateActions(space, plan).map((a) => actionLabel(task, a));
    // removing (go b d) makes (go d b) inapplicable: both go, and (wave d) with them
    assert.deepEqual(out, ['(go a b)', '(go b c)']);
    const steps = out.map((l) => {
      const [name, ...args] = l.slice(1, -1).split(' ');
      return { action: name!, args };
    });
    const v = validate(t.domain, t.problem, steps);
    assert.ok(v.valid);
    if (v.valid) assert.equal(v.cost, 4);
  });

  it('keeps a plan that has no redundant step', () => {
    const plan = idsOf(task, ['(go a b)', '(go b c)']);
    assert.deepEqual(eliminateActions(space, plan), plan);
  });
});
