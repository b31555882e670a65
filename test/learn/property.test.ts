import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { learnFromTrajectories, vocabularyOf } from '../../src/learn/index.js';
import type { Domain, Problem } from '../../src/pddl/index.js';
import { planSync } from '../../src/planner/index.js';
import { validate } from '../../src/planner/validator/index.js';
import {
  randomDomain,
  randomProblem,
  randomWalk,
  rng,
  stateOf,
  successors,
} from './random-domain.js';
import type { Rng } from './random-domain.js';

/** Learns from a few random walks of the true domain. */
function learnRandom(r: Rng, truth: Domain) {
  const trajectories = Array.from({ length: 2 + Math.floor(r() * 4) }, (_, i) =>
    randomWalk(r, truth, randomProblem(r, truth), 4 + Math.floor(r() * 12), `walk${i}`),
  );
  return learnFromTrajectories(vocabularyOf(truth), trajectories);
}

/** Every ground action the learned model allows in `state` is allowed by the truth and leads to the same state. */
function sameSuccessors(
  learned: Domain,
  truth: Domain,
  problem: Problem,
  state: ReadonlySet<string>,
): string | undefined {
  const real = new Map(
    successors(truth, problem, state).map((s) => [`${s.action} ${s.args.join(' ')}`, s.next]),
  );
  for (const s of successors(learned, problem, state)) {
    const name = `(${s.action} ${s.args.join(' ')})`;
    const next = real.get(`${s.action} ${s.args.join(' ')}`);
    if (next === undefined)
      return `${name} is applicable in the learned model only, in {${[...state].join(', ')}}`;
    const diff = [...next]
      .filter((f) => !s.next.has(f))
      .concat([...s.next].filter((f) => !next.has(f)));
    if (diff.length > 0) return `${name} leads elsewhere in the learned model: ${diff.join(', ')}`;
  }
  return undefined;
}

test('SAM is safe on random domains: whatever the learned model allows, the true domain allows with the same outcome', () => {
  let learnedActions = 0;
  let checkedStates = 0;
  fc.assert(
    fc.property(fc.integer(), (seed) => {
      const r = rng(seed);
      const truth = randomDomain(r);
      const result = learnRandom(r, truth);
      learnedActions += result.actions.filter((a) => a.status === 'learned').length;
      for (let k = 0; k < 3; k++) {
        // States reached by the truth from fresh problems, and random states never reached.
        const problem = randomProblem(r, truth);
        const walk = randomWalk(r, truth, problem, 6, 'check');
        const states = [
          stateOf(problem),
          ...walk.transitions.map((t) => t.after),
          stateOf(randomProblem(r, truth)),
        ];
        for (const s of states) {
          const wrong = sameSuccessors(result.domain, truth, problem, s);
          checkedStates++;
          assert.equal(wrong, undefined, `seed ${seed}: ${wrong}`);
        }
      }
    }),
    { numRuns: 150, seed: 20261202 },
  );
  assert.ok(learnedActions > 150, `the runs learned actions (${learnedActions})`);
  assert.ok(checkedStates > 1000);
});

test('plans made with the learned model are valid under the true domain', () => {
  let solved = 0;
  fc.assert(
    fc.property(fc.integer(), (seed) => {
      const r = rng(seed);
      const truth = randomDomain(r);
      const result = learnRandom(r, truth);
      const problem = randomProblem(r, truth);
      const walk = randomWalk(r, truth, problem, 5, 'goal');
      const end = walk.transitions.at(-1)?.after ?? stateOf(problem);
      const goal: Problem = {
        ...problem,
        goal: {
          kind: 'and',
          args: [...end].map((f) => ({
            kind: 'atom',
            atom: { predicate: f.split(' ')[0]!, args: f.split(' ').slice(1) },
          })),
        },
      };
      const p = planSync(result.domain, goal, { timeLimitMs: 5000 });
      if (p.status !== 'solved') return;
      solved++;
      const v = validate(truth, goal, p.plan);
      assert.ok(v.valid, `seed ${seed}: ${v.valid ? '' : v.message}`);
    }),
    { numRuns: 150, seed: 7 },
  );
  assert.ok(solved > 30, `some goals were reachable with the learned model (${solved})`);
});
