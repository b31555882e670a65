/**
 * The planner evaluates derived predicates with its own ground, counter-based fixpoint
 * (`compileGroundRules`, per state, after `stratifyGroundRules`); the reasoner uses its
 * semi-naive Datalog engine. Only the stratification code is shared, so the two are
 * checked against each other: random small stratified propositional programs (Horn rules
 * with negation over lower strata), many base-fact sets each, must give the same model,
 * from scratch and when the planner's evaluator and the reasoner are reused incrementally.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileGroundRules, stratifyGroundRules } from '../../src/logic/ground-fixpoint.js';
import type { GroundRule } from '../../src/logic/ground-fixpoint.js';
import { createReasoner, fact, formatRule, not, rule } from '../../src/logic/index.js';
import type { Program } from '../../src/logic/index.js';

/** A deterministic pseudo-random generator (so a failure names its program and can be replayed). */
function lcg(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return Math.floor((s / 2 ** 32) * n);
  };
}

interface RandomProgram {
  factCount: number;
  baseCount: number;
  rules: GroundRule[];
}

/**
 * Facts 0..baseCount-1 are base facts; the others are derived, each with a level. A rule
 * for a head at level L has positive premises of level <= L (recursion allowed) and
 * negative premises of level < L (base facts are level 0), so the program is stratified.
 */
function randomProgram(rand: (n: number) => number): RandomProgram {
  const baseCount = 1 + rand(5);
  const derivedCount = 1 + rand(8);
  const factCount = baseCount + derivedCount;
  const level = Array.from({ length: factCount }, (_, f) => (f < baseCount ? 0 : 1 + rand(3)));
  const rules: GroundRule[] = [];
  const ruleCount = rand(3 * derivedCount + 1);
  for (let i = 0; i < ruleCount; i++) {
    const head = baseCount + rand(derivedCount);
    const pos = new Set<number>();
    const neg = new Set<number>();
    const size = rand(4);
    for (let k = 0; k < size; k++) {
      const f = rand(factCount);
      if (rand(3) === 0 && level[f]! < level[head]!) neg.add(f);
      else if (level[f]! <= level[head]!) pos.add(f);
    }
    for (const f of neg) pos.delete(f);
    rules.push({ head, pos: [...pos], neg: [...neg] });
  }
  return { factCount, baseCount, rules };
}

const name = (f: number): string => `f${f}`;

function toDatalog(p: RandomProgram): Program {
  return {
    facts: [],
    rules: p.rules.map((r) =>
      rule(
        fact(name(r.head)),
        ...r.pos.map((f) => fact(name(f))),
        ...r.neg.map((f) => not(fact(name(f)))),
      ),
    ),
  };
}

/** The planner's model: a truth vector with the base facts set, then the ground fixpoint. */
function plannerModel(
  evaluate: (t: Uint8Array) => void,
  p: RandomProgram,
  base: readonly number[],
): string[] {
  const truth = new Uint8Array(p.factCount);
  for (const r of p.rules) truth[r.head] = 1; // stale values of derived heads must be recomputed
  for (const f of base) truth[f] = 1;
  evaluate(truth);
  const out: string[] = [];
  truth.forEach((v, f) => {
    if (v) out.push(name(f));
  });
  return out.sort();
}

test("the planner's ground fixpoint and the reasoner's engine agree on random stratified programs", () => {
  let compared = 0;
  for (let seed = 1; seed <= 300; seed++) {
    const rand = lcg(seed);
    const p = randomProgram(rand);
    const strat = stratifyGroundRules(p.rules, p.factCount);
    assert.ok(strat.ok, `seed ${seed}: a stratified program was rejected`);
    if (!strat.ok) continue;
    const evaluate = compileGroundRules(strat.strata, p.factCount);
    const program = toDatalog(p);
    const text = program.rules.map(formatRule).join(' ');
    const incremental = createReasoner(program);
    let previous: number[] = [];
    for (let k = 0; k < 8; k++) {
      const base = Array.from({ length: p.baseCount }, (_, f) => f).filter(() => rand(2) === 0);
      const expected = createReasoner({
        facts: base.map((f) => fact(name(f))),
        rules: program.rules,
      })
        .facts()
        .map((a) => a.predicate)
        .sort();
      const where = `seed ${seed}, base {${base.map(name).join(' ')}}, program: ${text}`;
      assert.deepEqual(plannerModel(evaluate, p, base), expected, where);
      incremental.update({
        assert: base.map(name),
        retract: previous.filter((f) => !base.includes(f)).map(name),
      });
      assert.deepEqual(
        incremental
          .facts()
          .map((a) => a.predicate)
          .sort(),
        expected,
        `incremental reasoner, ${where}`,
      );
      previous = base;
      compared++;
    }
  }
  assert.equal(compared, 2400);
});

test('a program with a cycle through negation is refused by both', () => {
  // f1 :- f0, not f2.   f2 :- f1.
  const rules: GroundRule[] = [
    { head: 1, pos: [0], neg: [2] },
    { head: 2, pos: [1], neg: [] },
  ];
  const strat = stratifyGroundRules(rules, 3);
  assert.equal(strat.ok, false);
  assert.throws(() => createReasoner(toDatalog({ factCount: 3, baseCount: 1, rules })));
});
