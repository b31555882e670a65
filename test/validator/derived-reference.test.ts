import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { loadDomainFile, parseProblem } from '../../src/pddl/index.js';
import type { PlanStep } from '../../src/pddl/index.js';
import { validate } from '../../src/planner/validator/index.js';

/**
 * The derived-predicate fixpoint against a breadth-first search written by hand: in the
 * `roads` domain, (reach n) is reachability from the robot and (isolated n) its negation.
 */
const domain = loadDomainFile('test/fixtures/pddl/derived/domain.pddl');

function reachable(edges: Set<string>, from: string): Set<string> {
  const seen = new Set([from]);
  const queue = [from];
  while (queue.length > 0) {
    const a = queue.shift()!;
    for (const e of edges) {
      const [x, y] = e.split(' ') as [string, string];
      if (x === a && !seen.has(y)) {
        seen.add(y);
        queue.push(y);
      }
    }
  }
  return seen;
}

interface Case {
  n: number;
  edges: Array<[number, number]>;
  steps: Array<{ cut: boolean; a: number; b: number }>;
  goalNode: number;
}

const caseArb: fc.Arbitrary<Case> = fc.integer({ min: 2, max: 6 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 12 }),
    steps: fc.array(fc.record({ cut: fc.boolean(), a: fc.nat(n - 1), b: fc.nat(n - 1) }), {
      maxLength: 8,
    }),
    goalNode: fc.nat(n - 1),
  }),
);

test('derived reachability and its stratified negation agree with a hand-written search', () => {
  let valid = 0;
  fc.assert(
    fc.property(caseArb, (c) => {
      const node = (i: number): string => `n${i}`;
      const edges = new Set(c.edges.map(([a, b]) => `${node(a)} ${node(b)}`));
      const text = `(define (problem r) (:domain roads)
        (:objects ${Array.from({ length: c.n }, (_, i) => node(i)).join(' ')} - node)
        (:init (robot-at n0) ${[...edges].map((e) => `(edge ${e})`).join(' ')})
        (:goal (isolated ${node(c.goalNode)})))`;
      const problem = parseProblem(text, domain);
      const plan: PlanStep[] = c.steps.map((s) => ({
        action: s.cut ? 'cut' : 'go',
        args: [node(s.a), node(s.b)],
      }));

      // the reference simulation
      let at = 'n0';
      let expected: { valid: boolean; stepIndex: number } | undefined;
      for (let i = 0; i < plan.length && expected === undefined; i++) {
        const [a, b] = plan[i]!.args as [string, string];
        const edge = `${a} ${b}`;
        if (plan[i]!.action === 'go') {
          if (at !== a || !edges.has(edge)) expected = { valid: false, stepIndex: i };
          else at = b;
        } else if (!edges.has(edge) || !reachable(edges, at).has(b)) {
          expected = { valid: false, stepIndex: i };
        } else {
          edges.delete(edge);
        }
      }
      expected ??= reachable(edges, at).has(node(c.goalNode))
        ? { valid: false, stepIndex: -1 }
        : { valid: true, stepIndex: -1 };

      const r = validate(domain, problem, plan);
      assert.equal(r.valid, expected.valid);
      if (!r.valid) assert.equal(r.stepIndex, expected.stepIndex);
      else valid++;
    }),
    { seed: 7, numRuns: 400 },
  );
  assert.ok(valid > 20, `only ${valid} valid cases: the comparison should cover both outcomes`);
});
