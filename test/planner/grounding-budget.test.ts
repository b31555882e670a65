import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDomain, parseProblem } from '../../src/pddl/index.js';
import { plan } from '../../src/planner/index.js';

// One action over four free parameters and 80 objects: 41 million ground instances,
// far more than any time limit allows. The limit must be honoured while grounding.
const domain = parseDomain(`(define (domain huge)
  (:predicates (linked ?a ?b ?c ?d) (goal-reached))
  (:action link :parameters (?a ?b ?c ?d) :precondition (and) :effect (linked ?a ?b ?c ?d)))`);
const objects = Array.from({ length: 80 }, (_, i) => `o${i}`).join(' ');
const problem = parseProblem(
  `(define (problem huge-1) (:domain huge) (:objects ${objects})
  (:init) (:goal (goal-reached)))`,
  domain,
);

test(
  'a time limit stops a grounding that would not finish, with status limit',
  { timeout: 60_000 },
  async () => {
    const result = await plan(domain, problem, { timeLimitMs: 300 });
    assert.equal(result.status, 'limit');
    assert.equal(result.status === 'limit' && result.reason, 'time');
    assert.equal(result.stats.expansions, 0, 'stopped before any search');
    assert.equal(result.status === 'limit' && result.phase, 'grounding');
    assert.equal(result.stats.groundFacts, 0, 'no half-grounded task is reported');
    assert.ok(result.stats.groundActions > 0, 'the actions found so far are counted');
  },
);
