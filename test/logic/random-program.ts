/** Seeded random stratified programs for differential tests (not a test file itself). */
import type { Atom, Literal, Program, Rule, Term, Value } from '../../src/logic/index.js';

export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CONSTS: Value[] = [0, 1, 2, 3, 4, 'a', 'b'];
const VARS = ['X', 'Y', 'Z', 'W'];

export interface RandomWorld {
  program: Program;
  /** Base predicates and arities (facts for them are asserted and retracted). */
  base: Array<[string, number]>;
  randomFact: () => Atom;
}

const c = (value: Value): Term => ({ kind: 'const', value });
const vr = (name: string): Term => ({ kind: 'var', name });

export function randomProgram(seed: number): RandomWorld {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const base: Array<[string, number]> = [
    ['e', 2],
    ['f', 1],
    ['g', 2],
  ];
  const idb: Array<[string, number, number]> = []; // name, arity, level
  const n = 2 + Math.floor(r() * 4);
  for (let i = 0; i < n; i++) idb.push([`p${i}`, 1 + Math.floor(r() * 2), Math.floor(r() * 3)]);
  const rules: Rule[] = [];
  for (const [name, arity, level] of idb) {
    const count = 1 + Math.floor(r() * 3);
    for (let k = 0; k < count; k++) {
      const usable = [
        ...base.map(([b, a]) => [b, a, -1] as [string, number, number]),
        ...idb.filter(([, , l]) => l <= level),
      ];
      const lower = [
        ...base.map(([b, a]) => [b, a, -1] as [string, number, number]),
        ...idb.filter(([, , l]) => l < level),
      ];
      const body: Literal[] = [];
      const bound = new Set<string>();
      const npos = 1 + Math.floor(r() * 2);
      for (let j = 0; j < npos; j++) {
        const [p, a] = pick(usable);
        const args = Array.from({ length: a }, () =>
          r() < 0.15 ? c(pick(CONSTS)) : vr(pick(VARS)),
        );
        for (const t of args) if (t.kind === 'var') bound.add(t.name);
        body.push({ kind: 'atom', atom: { predicate: p, args }, negated: false });
      }
      const bv = [...bound];
      if (bv.length === 0) continue;
      if (r() < 0.4) {
        const [p, a] = pick(lower);
        const args = Array.from({ length: a }, () =>
          r() < 0.2 ? c(pick(CONSTS)) : r() < 0.15 ? vr('_') : vr(pick(bv)),
        );
        body.push({ kind: 'atom', atom: { predicate: p, args }, negated: true });
      }
      if (r() < 0.25) {
        const [p, a] = pick(lower);
        const args = Array.from({ length: a }, () =>
          r() < 0.4 ? vr(pick(bv)) : r() < 0.5 ? vr('_') : vr(pick(['L1', 'L2'])),
        );
        body.push({ kind: 'count', result: vr('N'), body: [{ predicate: p, args }] });
        if (r() < 0.5)
          body.push({
            kind: 'compare',
            op: pick(['>=', '<', '='] as const),
            left: vr('N'),
            right: c(Math.floor(r() * 3)),
          });
        bv.push('N');
      }
      if (r() < 0.3)
        body.push({
          kind: 'compare',
          op: pick(['!=', '<', '<=', '>', '>=', '='] as const),
          left: vr(pick(bv)),
          right: r() < 0.5 ? vr(pick(bv)) : c(pick(CONSTS)),
        });
      const head: Atom = {
        predicate: name,
        args: Array.from({ length: arity }, () => (r() < 0.1 ? c(pick(CONSTS)) : vr(pick(bv)))),
      };
      rules.push({ head, body });
    }
    // Make sure every derived predicate has its arity fixed even if it got no rule.
  }
  let wild = 0;
  const fresh = (t: Term): Term => (t.kind === 'var' && t.name === '_' ? vr(`_#${++wild}`) : t);
  for (const rule of rules) {
    for (const l of rule.body) {
      if (l.kind === 'atom') l.atom.args = l.atom.args.map(fresh);
      if (l.kind === 'count') for (const a of l.body) a.args = a.args.map(fresh);
    }
  }
  const randomFact = (): Atom => {
    const [p, a] = r() < 0.85 ? pick(base) : (([q, ar]) => [q, ar] as [string, number])(pick(idb));
    return { predicate: p, args: Array.from({ length: a }, () => c(pick(CONSTS.slice(0, 5)))) };
  };
  const facts: Atom[] = [];
  const nf = Math.floor(r() * 25);
  for (let i = 0; i < nf; i++) facts.push(randomFact());
  return { program: { facts, rules }, base, randomFact };
}
