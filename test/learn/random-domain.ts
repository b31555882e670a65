/**
 * Random typed STRIPS domains with negative preconditions and a constant, random
 * problems, and random walks through them, for the property tests of SAM learning.
 * Everything is drawn from a seeded generator, so a failing seed replays exactly.
 */
import type {
  ActionDef,
  Atom,
  Condition,
  Domain,
  Effect,
  Problem,
  TypedName,
} from '../../src/pddl/index.js';
import { buildTypeTable } from '../../src/pddl/index.js';
import { collectEffects, holds, makeWorld } from '../../src/planner/validator/index.js';
import type { Trajectory, Transition } from '../../src/learn/index.js';

export type Rng = () => number;

/** mulberry32 */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const TYPES = ['a', 'b'];

/** Lifted atoms over `terms` with each term at most once (SAM's vocabulary). */
function atomsOver(domain: Pick<Domain, 'predicates'>, terms: TypedName[]): Atom[] {
  const out: Atom[] = [];
  for (const p of domain.predicates) {
    const go = (i: number, args: string[]): void => {
      if (i === p.params.length) return void out.push({ predicate: p.name, args: [...args] });
      for (const t of terms)
        if (!args.includes(t.name) && t.types[0] === p.params[i]!.types[0])
          go(i + 1, [...args, t.name]);
    };
    go(0, []);
  }
  return out;
}

function randomAction(r: Rng, name: string, domain: Domain): ActionDef {
  const params: TypedName[] = Array.from({ length: 1 + Math.floor(r() * 3) }, (_, i) => ({
    name: `?p${i}`,
    types: [pick(r, TYPES)],
  }));
  const atoms = atomsOver(domain, [...params, ...domain.constants]);
  const pre: Condition[] = [];
  const eff: Effect[] = [];
  for (const atom of atoms) {
    const x = r();
    if (x < 0.2) pre.push({ kind: 'atom', atom });
    else if (x < 0.3) pre.push({ kind: 'not', arg: { kind: 'atom', atom } });
    const y = r();
    if (y < 0.15) eff.push({ kind: 'add', atom });
    else if (y < 0.3) eff.push({ kind: 'delete', atom });
    else if (y < 0.33) eff.push({ kind: 'delete', atom }, { kind: 'add', atom });
  }
  return {
    name,
    params,
    precondition: { kind: 'and', args: pre },
    effect: { kind: 'and', args: eff },
  };
}

export function randomDomain(r: Rng): Domain {
  const predicates = Array.from({ length: 2 + Math.floor(r() * 3) }, (_, i) => ({
    name: `q${i}`,
    params: Array.from({ length: Math.floor(r() * 3) }, (_, j) => ({
      name: `?x${j}`,
      types: [pick(r, TYPES)],
    })),
  }));
  const domain: Domain = {
    name: 'random',
    requirements: [':strips', ':typing', ':negative-preconditions'],
    types: [
      { name: 'object', parents: [] },
      ...TYPES.map((t) => ({ name: t, parents: ['object'] })),
    ],
    constants: [{ name: 'c0', types: ['a'] }],
    predicates,
    functions: [],
    actions: [],
    derived: [],
  };
  domain.actions = Array.from({ length: 2 + Math.floor(r() * 2) }, (_, i) =>
    randomAction(r, `act${i}`, domain),
  );
  return domain;
}

/** A problem with random objects (some bound twice by walks, as nothing forbids it) and a random initial state. */
export function randomProblem(r: Rng, domain: Domain): Problem {
  const objects: TypedName[] = [
    ...Array.from({ length: 1 + Math.floor(r() * 3) }, (_, i) => ({ name: `a${i}`, types: ['a'] })),
    ...Array.from({ length: 1 + Math.floor(r() * 2) }, (_, i) => ({ name: `b${i}`, types: ['b'] })),
  ];
  const table = buildTypeTable(domain, { objects });
  const init: Atom[] = [];
  for (const p of domain.predicates) {
    const go = (i: number, args: string[]): void => {
      if (i === p.params.length) {
        if (r() < 0.4) init.push({ predicate: p.name, args: [...args] });
        return;
      }
      for (const o of table.objectsOf(p.params[i]!.types)) go(i + 1, [...args, o]);
    };
    go(0, []);
  }
  return {
    name: 'p',
    domain: 'random',
    requirements: [],
    objects,
    init,
    numericInit: [],
    goal: { kind: 'and', args: [] },
  };
}

const key = (a: Atom) => (a.args.length === 0 ? a.predicate : `${a.predicate} ${a.args.join(' ')}`);
export const stateOf = (p: Problem): Set<string> => new Set(p.init.map(key));

/** Every ground action of `domain` applicable in `state`, with the state it leads to. */
export function successors(domain: Domain, problem: Problem, state: ReadonlySet<string>) {
  const world = makeWorld(domain, problem);
  const out: { action: string; args: string[]; next: Set<string> }[] = [];
  for (const a of domain.actions) {
    const go = (i: number, args: string[]): void => {
      if (i < a.params.length) {
        for (const o of world.types.objectsOf(a.params[i]!.types)) go(i + 1, [...args, o]);
        return;
      }
      const b = new Map(a.params.map((p, j) => [p.name, args[j]!]));
      if (a.precondition !== undefined && !holds(a.precondition, b, state, world)) return;
      const eff = { adds: [] as string[], deletes: [] as string[], cost: 0 };
      collectEffects(a.effect, b, state, world, eff);
      const next = new Set(state);
      for (const d of eff.deletes) next.delete(d);
      for (const x of eff.adds) next.add(x);
      out.push({ action: a.name, args, next });
    };
    go(0, []);
  }
  return out;
}

/** A random walk of `steps` steps (fewer when stuck) from the problem's initial state. */
export function randomWalk(
  r: Rng,
  domain: Domain,
  problem: Problem,
  steps: number,
  source: string,
): Trajectory {
  let state = stateOf(problem);
  const transitions: Transition[] = [];
  for (let i = 0; i < steps; i++) {
    const options = successors(domain, problem, state);
    if (options.length === 0) break;
    const s = pick(r, options);
    transitions.push({
      action: s.action,
      args: s.args,
      before: state,
      after: s.next,
      label: `${source} step ${i + 1}`,
    });
    state = s.next;
  }
  return { source, objects: problem.objects, transitions };
}
