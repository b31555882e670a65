/** Every registered heuristic, checked on real tasks: 0 at the goal, admissible ones never above the optimal cost. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ground, HEURISTICS, makeHeuristic, plan } from '../../src/planner/index.js';
import { fixture } from './helpers.js';

const tasks: Array<[string, string]> = [
  ['blocks', 'probBLOCKS-4-0.pddl'],
  ['logistics00', 'problogistics-6-0.pddl'],
  ['adl', 'problem.pddl'],
  ['derived', 'problem.pddl'],
];

describe('heuristic registry', () => {
  for (const [dir, file] of tasks) {
    it(`on ${dir}: admissible heuristics never exceed the optimal cost; all are finite at the start`, async () => {
      const t = fixture(dir, file);
      const g = ground(t.domain, t.problem);
      const optimal = await plan(t.domain, t.problem, { optimal: true, timeLimitMs: 60_000 });
      assert.equal(optimal.status, 'solved');
      if (optimal.status !== 'solved') return;
      const truth = new Uint8Array(g.facts.length);
      for (const f of g.init) truth[f] = 1;
      if (g.ruleStrata.some((s) => s.length > 0)) {
        const { compileGroundRules } = await import('../../src/logic/ground-fixpoint.js');
        compileGroundRules(g.ruleStrata, g.facts.length)(truth);
      }
      for (const info of HEURISTICS) {
        const h = makeHeuristic(g, info.name, 'real').evaluate(truth);
        assert.ok(Number.isFinite(h), `${info.name} is infinite at the start`);
        if (info.admissible)
          assert.ok(h <= optimal.cost, `${info.name} = ${h} > optimal ${optimal.cost}`);
      }
    });
  }

  it('every heuristic is 0 in a goal state', () => {
    const t = fixture('gripper', 'prob03.pddl');
    const g = ground(t.domain, t.problem);
    const truth = new Uint8Array(g.facts.length);
    for (const f of g.goal) truth[f] = 1;
    for (const info of HEURISTICS)
      assert.equal(makeHeuristic(g, info.name, 'unit').evaluate(truth), 0, info.name);
  });
});
