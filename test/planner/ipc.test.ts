/** Small IPC instances (copied from the benchmark suite) solved, every plan re-checked by the validator. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ground } from '../../src/planner/index.js';
import { fixture, solveAndCheck } from './helpers.js';

const instances: Array<[string, string]> = [
  ['blocks', 'probBLOCKS-9-0.pddl'],
  ['logistics00', 'problogistics-6-0.pddl'],
  ['gripper', 'prob03.pddl'],
  ['miconic', 's7-3.pddl'],
  ['depot', 'pfile1.pddl'],
  ['satellite', 'p05-pfile5.pddl'],
];

describe('IPC instances', () => {
  for (const [dir, file] of instances) {
    it(`solves ${dir}/${file} with a valid plan`, async () => {
      await solveAndCheck(fixture(dir, file), { timeLimitMs: 60_000 });
    });
  }

  it('grounds only reachable actions and folds static facts away (gripper prob03)', () => {
    const t = fixture('gripper', 'prob03.pddl');
    const g = ground(t.domain, t.problem);
    // gripper: 2 rooms, 8 balls, 2 grippers -> move 2 (self-moves change nothing: left out),
    // pick 32, drop 32.
    assert.equal(g.actions.count, 66);
    // no static type predicates such as (room x) or (ball x) remain as facts
    assert.ok(
      g.facts.every((f) => !/^\((room|ball|gripper) /.test(f)),
      g.facts.join(' '),
    );
    // every action's preconditions are facts of the task
    for (const p of g.actions.pre.items) assert.ok(p >= 0 && p < g.facts.length);
  });
});
