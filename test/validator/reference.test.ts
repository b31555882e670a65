import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { loadDomainFile, loadProblemFile } from '../../src/pddl/index.js';
import type { PlanStep } from '../../src/pddl/index.js';
import { validate } from '../../src/planner/validator/index.js';

/**
 * A blocks world written by hand, knowing nothing of PDDL: the validator (lifted
 * simulation of the PDDL domain) must agree with it on random plans.
 */
interface Blocks {
  below: Map<string, string>; // block -> block it is on ('table' if on the table)
  holding: string | undefined;
}

function clear(s: Blocks, b: string): boolean {
  return s.holding !== b && ![...s.below.values()].includes(b);
}

/** Applies a step; returns false if it is not applicable. */
function apply(s: Blocks, step: PlanStep): boolean {
  const [x, y] = step.args as [string, string | undefined];
  switch (step.action) {
    case 'pick-up':
      if (s.holding !== undefined || s.below.get(x) !== 'table' || !clear(s, x)) return false;
      s.below.delete(x);
      s.holding = x;
      return true;
    case 'put-down':
      if (s.holding !== x) return false;
      s.below.set(x, 'table');
      s.holding = undefined;
      return true;
    case 'stack':
      if (s.holding !== x || y === undefined || !s.below.has(y) || !clear(s, y)) return false;
      s.below.set(x, y);
      s.holding = undefined;
      return true;
    case 'unstack':
      if (s.holding !== undefined || y === undefined || s.below.get(x) !== y || !clear(s, x))
        return false;
      s.below.delete(x);
      s.holding = x;
      return true;
    default:
      return false;
  }
}

const domain = loadDomainFile('test/fixtures/pddl/blocks/domain.pddl');
const problem = loadProblemFile('test/fixtures/pddl/blocks/probBLOCKS-4-0.pddl', domain);
const blocks = ['a', 'b', 'c', 'd'];

const stepArb = fc
  .oneof(
    fc.record({
      action: fc.constantFrom('pick-up', 'put-down'),
      args: fc.tuple(fc.constantFrom(...blocks)),
    }),
    fc.record({
      action: fc.constantFrom('stack', 'unstack'),
      args: fc.tuple(fc.constantFrom(...blocks), fc.constantFrom(...blocks)),
    }),
  )
  .map((s): PlanStep => ({ action: s.action, args: [...s.args] }));

/** A deterministic pseudo-random source (seeded), for reproducible plans. */
function lcg(seed: number): (n: number) => number {
  let r = seed;
  return (n) => {
    r = (r * 1103515245 + 12345) % 2147483648;
    return (r >>> 12) % n; // the low bits of this generator repeat quickly
  };
}

/** Steps that take the reference world from `s` to the goal (d on c on b on a). */
function solveFrom(s: Blocks): PlanStep[] {
  const out: PlanStep[] = [];
  const step = (action: string, ...args: string[]): void => {
    const st = { action, args };
    assert.ok(apply(s, st), `reference solver step ${action} ${args.join(' ')}`);
    out.push(st);
  };
  if (s.holding !== undefined) step('put-down', s.holding);
  for (;;) {
    const top = blocks.find((b) => s.below.get(b) !== 'table' && clear(s, b));
    if (top === undefined) break;
    step('unstack', top, s.below.get(top)!);
    step('put-down', top);
  }
  step('pick-up', 'b');
  step('stack', 'b', 'a');
  step('pick-up', 'c');
  step('stack', 'c', 'b');
  step('pick-up', 'd');
  step('stack', 'd', 'c');
  return out;
}

/** A random walk of applicable steps, then a solution; sometimes one random step is slipped in. */
function plausiblePlan(seed: number): PlanStep[] {
  const rand = lcg(seed);
  const s: Blocks = { below: new Map(blocks.map((b) => [b, 'table'])), holding: undefined };
  const candidates: PlanStep[] = [];
  for (const x of blocks) {
    candidates.push({ action: 'pick-up', args: [x] }, { action: 'put-down', args: [x] });
    for (const y of blocks)
      candidates.push({ action: 'stack', args: [x, y] }, { action: 'unstack', args: [x, y] });
  }
  const plan: PlanStep[] = [];
  for (let i = rand(15); i > 0; i--) {
    const ok = candidates.filter((c) => apply({ below: new Map(s.below), holding: s.holding }, c));
    const pick = ok[rand(ok.length)]!;
    apply(s, pick);
    plan.push(pick);
  }
  plan.push(...solveFrom(s));
  if (rand(2) === 0) plan.splice(rand(plan.length + 1), 0, candidates[rand(candidates.length)]!);
  return plan;
}

function reference(plan: PlanStep[]): { valid: boolean; stepIndex: number } {
  const s: Blocks = { below: new Map(blocks.map((b) => [b, 'table'])), holding: undefined };
  for (let i = 0; i < plan.length; i++)
    if (!apply(s, plan[i]!)) return { valid: false, stepIndex: i };
  const goal = s.below.get('d') === 'c' && s.below.get('c') === 'b' && s.below.get('b') === 'a';
  return goal ? { valid: true, stepIndex: -1 } : { valid: false, stepIndex: -1 };
}

test('agrees with a hand-written blocks world on random plans', () => {
  fc.assert(
    fc.property(fc.array(stepArb, { maxLength: 12 }), (plan) => {
      const r = validate(domain, problem, plan);
      const expected = reference(plan);
      assert.equal(r.valid, expected.valid);
      if (!r.valid) assert.equal(r.stepIndex, expected.stepIndex);
    }),
    { seed: 42, numRuns: 300 },
  );
  let valid = 0;
  for (let seed = 1; seed <= 300; seed++) {
    const plan = plausiblePlan(seed);
    const r = validate(domain, problem, plan);
    const expected = reference(plan);
    assert.equal(r.valid, expected.valid, `seed ${seed}`);
    if (!r.valid) assert.equal(r.stepIndex, expected.stepIndex, `seed ${seed}`);
    else valid++;
  }
  // The comparison must have covered both outcomes (about half the plans get a random step slipped in).
  assert.ok(valid > 100 && valid < 300, `${valid} valid plans`);
});
