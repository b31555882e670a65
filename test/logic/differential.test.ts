import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  createReasoner,
  fact,
  factLines,
  formatAtom,
  modelLines,
  naiveModel,
  parseProgram,
} from '../../src/logic/index.js';
import type { Atom, Program } from '../../src/logic/index.js';
import { tuning } from '../../src/logic/engine.js';
import { randomProgram, rng } from './random-program.js';

const lines = (facts: Atom[]) => factLines(facts);

test('semi-naive evaluation computes the same model as the naive reference on random programs', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
      const { program } = randomProgram(seed);
      const fast = createReasoner(program);
      assert.deepEqual(
        lines(fast.facts()).filter((l) => !l.startsWith('?')),
        modelLines(naiveModel(program)).filter((l) => !l.startsWith('?')),
      );
    }),
    { numRuns: 300, seed: 42 },
  );
});

function incrementalMatchesRecomputation(runs: number, seed: number): void {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
      const world = randomProgram(seed);
      const r = rng(seed ^ 0x5bd1e995);
      const reasoner = createReasoner(world.program);
      let base = new Map(world.program.facts.map((f) => [lines([f])[0]!, f]));
      let before = new Set(lines(reasoner.facts()));
      for (let step = 0; step < 6; step++) {
        const toAssert: Atom[] = [];
        const toRetract: Atom[] = [];
        const present = [...base.values()];
        const n = 1 + Math.floor(r() * 4);
        for (let i = 0; i < n; i++) {
          if (r() < 0.5 && present.length > 0)
            toRetract.push(present[Math.floor(r() * present.length)]!);
          else toAssert.push(world.randomFact());
        }
        const changes = reasoner.update({ assert: toAssert, retract: toRetract });
        base = new Map(base);
        for (const f of toRetract) base.delete(lines([f])[0]!);
        for (const f of toAssert) base.set(lines([f])[0]!, f);
        const program: Program = { facts: [...base.values()], rules: world.program.rules };
        const expected = modelLines(naiveModel(program));
        const after = lines(reasoner.facts());
        assert.deepEqual(after, expected, `step ${step}`);
        const afterSet = new Set(after);
        assert.deepEqual(
          lines(changes.added),
          after.filter((l) => !before.has(l)),
          `added at step ${step}`,
        );
        assert.deepEqual(
          lines(changes.removed),
          [...before].filter((l) => !afterSet.has(l)).sort(),
          `removed at step ${step}`,
        );
        before = afterSet;
      }
    }),
    { numRuns: runs, seed },
  );
}

test('incremental assert/retract gives the same facts and changes as recomputing from scratch', () => {
  incrementalMatchesRecomputation(200, 7);
});

test('the same holds when DRed falls back to recomputing whole components', () => {
  const saved = { ...tuning };
  Object.assign(tuning, { recomputeAbove: 0, recomputeMinRows: 0 });
  try {
    incrementalMatchesRecomputation(150, 11);
  } finally {
    Object.assign(tuning, saved);
  }
});

test('every fact of a random model has a well-founded proof ending in base facts', () => {
  const saved = { ...tuning };
  try {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        // Odd seeds update through the recompute-the-component path of DRed.
        Object.assign(tuning, seed % 2 === 1 ? { recomputeAbove: 0, recomputeMinRows: 0 } : saved);
        const world = randomProgram(seed);
        const reasoner = createReasoner(world.program);
        const r = rng(seed);
        const retracted = world.program.facts.filter(() => r() < 0.3);
        const asserted = [world.randomFact(), world.randomFact()];
        reasoner.update({ retract: retracted, assert: asserted });
        const gone = new Set(lines(retracted));
        const baseLines = new Set([
          ...lines(world.program.facts).filter((l) => !gone.has(l)),
          ...lines(asserted),
        ]);
        for (const f of reasoner.derived()) {
          const proof = reasoner.why(f);
          assert.ok(proof !== undefined, 'derived fact has a proof');
          const check = (p: NonNullable<typeof proof>, depth: number): void => {
            assert.ok(depth < 10000);
            if (p.kind === 'base') assert.ok(baseLines.has(lines([p.fact])[0]!));
            if (p.kind === 'not') assert.equal(reasoner.holds(p.fact), false);
            if (p.kind === 'rule') {
              assert.ok(reasoner.holds(p.fact));
              // The node is an instance of its rule: head and premises follow from the bindings.
              const inst = (a: Atom): string =>
                formatAtom({
                  ...a,
                  args: a.args.map((t) =>
                    t.kind === 'var' && p.bindings[t.name] !== undefined
                      ? { kind: 'const', value: p.bindings[t.name]! }
                      : t,
                  ),
                });
              assert.equal(inst(p.rule.head), formatAtom(p.fact));
              p.rule.body.forEach((l, i) => {
                const q = p.premises[i]!;
                if (
                  l.kind === 'atom' &&
                  !l.negated &&
                  (q.kind === 'base' || q.kind === 'rule') &&
                  !inst(l.atom).includes('_')
                )
                  assert.equal(formatAtom(q.fact), inst(l.atom));
              });
              for (const q of p.premises) check(q, depth + 1);
            }
          };
          check(proof, 0);
        }
      }),
      { numRuns: 100, seed: 3 },
    );
  } finally {
    Object.assign(tuning, saved);
  }
});

test('the naive strategy gives the same facts and changes as semi-naive on random programs and updates', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
      const world = randomProgram(seed);
      const semi = createReasoner(world.program);
      const naive = createReasoner(world.program, { strategy: 'naive' });
      assert.deepEqual(lines(naive.facts()), lines(semi.facts()));
      for (const f of naive.derived())
        assert.ok(naive.why(f) !== undefined, `proof of ${formatAtom(f)}`);
      const r = rng(seed ^ 0x2545f491);
      for (let step = 0; step < 4; step++) {
        const present = semi.facts().filter((f) => world.base.some(([p]) => p === f.predicate));
        const change = {
          assert: [world.randomFact(), world.randomFact()],
          retract: present.filter(() => r() < 0.2),
        };
        const a = semi.update(change),
          b = naive.update(change);
        assert.deepEqual(
          [lines(b.added), lines(b.removed)],
          [lines(a.added), lines(a.removed)],
          `changes at step ${step}`,
        );
        assert.deepEqual(lines(naive.facts()), lines(semi.facts()), `facts at step ${step}`);
      }
    }),
    { numRuns: 200, seed: 13 },
  );
});

test('the naive strategy re-joins full relations each round: on a chain it fires far more rule instances in as many rounds', () => {
  const n = 60;
  const facts = Array.from({ length: n }, (_, i) => fact('edge', i, i + 1));
  const rules = parseProgram(
    'path(X, Y) :- edge(X, Y).\npath(X, Z) :- path(X, Y), edge(Y, Z).',
  ).rules;
  const semi = createReasoner({ facts, rules });
  const naive = createReasoner({ facts, rules }, { strategy: 'naive' });
  const paths = (n * (n + 1)) / 2;
  assert.equal(semi.count('path'), paths);
  assert.equal(naive.count('path'), paths);
  // Semi-naive: each path of a chain has exactly one derivation, fired once.
  assert.equal(semi.stats().derivations, paths);
  // Naive: round k fires again every path found before it, about n^3 / 6 in total.
  assert.ok(naive.stats().derivations > 10 * paths, `naive fired ${naive.stats().derivations}`);
  assert.equal(naive.stats().rounds, semi.stats().rounds);
});
