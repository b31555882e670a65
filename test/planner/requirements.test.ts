/**
 * One conformance suite run against every search: each PDDL requirement exercised by a
 * small task, solved and re-checked step by step by the validator.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SEARCHES } from '../../src/planner/index.js';
import type { PlanOptions } from '../../src/planner/index.js';
import { fixture, parse, solveAndCheck } from './helpers.js';

const BLOCKS = `(define (domain bw) (:requirements :strips)
  (:predicates (on ?x ?y) (ontable ?x) (clear ?x) (handempty) (holding ?x))
  (:action pick-up :parameters (?x) :precondition (and (clear ?x) (ontable ?x) (handempty))
    :effect (and (not (ontable ?x)) (not (clear ?x)) (not (handempty)) (holding ?x)))
  (:action put-down :parameters (?x) :precondition (holding ?x)
    :effect (and (not (holding ?x)) (clear ?x) (handempty) (ontable ?x)))
  (:action stack :parameters (?x ?y) :precondition (and (holding ?x) (clear ?y))
    :effect (and (not (holding ?x)) (not (clear ?y)) (clear ?x) (handempty) (on ?x ?y)))
  (:action unstack :parameters (?x ?y) :precondition (and (on ?x ?y) (clear ?x) (handempty))
    :effect (and (holding ?x) (clear ?y) (not (clear ?x)) (not (handempty)) (not (on ?x ?y)))))`;

const TYPED = `(define (domain rooms) (:requirements :strips :typing)
  (:types room ball gripper - object)
  (:predicates (at-robby ?r - room) (at ?b - ball ?r - room) (free ?g - gripper) (carry ?b - ball ?g - gripper))
  (:action move :parameters (?from ?to - room) :precondition (at-robby ?from)
    :effect (and (at-robby ?to) (not (at-robby ?from))))
  (:action pick :parameters (?b - ball ?r - room ?g - gripper)
    :precondition (and (at ?b ?r) (at-robby ?r) (free ?g))
    :effect (and (carry ?b ?g) (not (at ?b ?r)) (not (free ?g))))
  (:action drop :parameters (?b - ball ?r - room ?g - gripper)
    :precondition (and (carry ?b ?g) (at-robby ?r))
    :effect (and (at ?b ?r) (free ?g) (not (carry ?b ?g)))))`;

const SWITCHES = `(define (domain switches) (:requirements :strips :negative-preconditions :equality :disjunctive-preconditions)
  (:constants kitchen hall)
  (:predicates (on ?l) (locked) (key) (at ?p) (adjacent ?a ?b))
  (:action turn-on :parameters (?l) :precondition (and (not (on ?l)) (not (locked))) :effect (on ?l))
  (:action take-key :parameters () :precondition (or (at kitchen) (at hall)) :effect (key))
  (:action unlock :parameters () :precondition (and (locked) (key)) :effect (not (locked)))
  (:action go :parameters (?a ?b) :precondition (and (at ?a) (not (= ?a ?b)) (or (adjacent ?a ?b) (adjacent ?b ?a)))
    :effect (and (not (at ?a)) (at ?b))))`;

const COSTS = `(define (domain roads) (:requirements :strips :typing :action-costs)
  (:types place)
  (:predicates (at ?p - place) (road ?a ?b - place))
  (:functions (total-cost) - number (length ?a ?b - place) - number)
  (:action drive :parameters (?a ?b - place) :precondition (and (at ?a) (road ?a ?b))
    :effect (and (not (at ?a)) (at ?b) (increase (total-cost) (length ?a ?b)))))`;

// Direct road a->d costs 10; a->b->c->d costs 2+2+2 = 6: the cheapest plan is the longer one.
const COSTS_PROBLEM = `(define (problem p) (:domain roads) (:objects a b c d - place)
  (:init (at a) (road a d) (road a b) (road b c) (road c d)
    (= (length a d) 10) (= (length a b) 2) (= (length b c) 2) (= (length c d) 2) (= (total-cost) 0))
  (:goal (at d)) (:metric minimize (total-cost)))`;

const tasks = [
  {
    name: 'strips (blocks)',
    task: () =>
      parse(
        BLOCKS,
        `(define (problem p) (:domain bw) (:objects a b c)
      (:init (clear a) (on a b) (on b c) (ontable c) (handempty)) (:goal (and (on c b) (on b a))))`,
      ),
  },
  {
    name: 'typing',
    task: () =>
      parse(
        TYPED,
        `(define (problem p) (:domain rooms) (:objects ra rb - room b1 b2 b3 - ball left right - gripper)
      (:init (at-robby ra) (at b1 ra) (at b2 ra) (at b3 ra) (free left) (free right))
      (:goal (and (at b1 rb) (at b2 rb) (at b3 rb))))`,
      ),
  },
  {
    name: 'negative preconditions, equality and disjunction',
    task: () =>
      parse(
        SWITCHES,
        `(define (problem p) (:domain switches)
      (:objects l1 l2 garden)
      (:init (locked) (at garden) (adjacent kitchen garden) (adjacent hall kitchen))
      (:goal (and (on l1) (on l2) (at hall))))`,
      ),
  },
  {
    name: 'quantifiers and conditional effects (briefcase)',
    task: () => fixture('adl', 'problem.pddl'),
  },
  {
    name: 'derived predicates with stratified negation',
    task: () => fixture('derived', 'problem.pddl'),
  },
  { name: 'action costs', task: () => parse(COSTS, COSTS_PROBLEM) },
  {
    name: 'existential goal',
    task: () =>
      parse(
        TYPED,
        `(define (problem p) (:domain rooms) (:objects ra rb - room b1 - ball g - gripper)
      (:init (at-robby ra) (at b1 ra) (free g)) (:goal (exists (?r - room) (and (at b1 ?r) (not (at-robby ?r))))))`,
      ),
  },
];

const configs: Array<{ search: string; options: PlanOptions }> = SEARCHES.map((s) => ({
  search: s.name,
  options:
    s.name === 'astar'
      ? { optimal: true }
      : s.name === 'anytime'
        ? { anytime: true, timeLimitMs: 2000 }
        : {},
}));

for (const { search, options } of configs) {
  describe(`search ${search}`, () => {
    for (const t of tasks) {
      it(`solves ${t.name} with a valid plan`, async () => {
        await solveAndCheck(t.task(), options);
      });
    }
  });
}

describe('action costs', () => {
  it('--optimal finds the cheapest plan (cost 6 through b and c, not the direct road at 10)', async () => {
    const r = await solveAndCheck(parse(COSTS, COSTS_PROBLEM), { optimal: true });
    assert.equal(r.cost, 6);
    assert.equal(r.unitCost, false);
    assert.deepEqual(
      r.plan.map((s) => s.args.join('-')),
      ['a-b', 'b-c', 'c-d'],
    );
  });

  it('anytime search improves on a first plan and never returns a worse one', async () => {
    const r = await solveAndCheck(parse(COSTS, COSTS_PROBLEM), {
      anytime: true,
      timeLimitMs: 2000,
    });
    assert.equal(r.cost, 6);
  });

  it('without a metric every step costs 1', async () => {
    const r = await solveAndCheck(
      parse(COSTS, COSTS_PROBLEM.replace('(:metric minimize (total-cost))', '')),
    );
    assert.equal(r.unitCost, true);
    assert.equal(r.cost, r.plan.length);
  });

  it('optimal search on unit costs returns the shortest plan (blocks: 6 steps)', async () => {
    const r = await solveAndCheck(tasks[0]!.task(), { optimal: true });
    assert.equal(r.plan.length, 6);
  });
});
