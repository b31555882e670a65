/**
 * SAM learning (Juba, Le and Stern, "Safe Learning of Lifted Action Models", KR 2021)
 * for typed STRIPS with negative preconditions, extended to bindings that map two
 * parameters (or a parameter and a constant) to the same object. See docs/learn.md for
 * the assumptions and why the learned model is safe.
 *
 * Per action: preconditions are the lifted literals that held in every observed
 * pre-state; effects are the atoms observed to change. Equalities that held in every
 * observation are kept as preconditions and the atoms are read modulo them.
 */
import type { ActionDef, Domain, TypedName } from '../pddl/ast.js';
import { LearnError } from './errors.js';
import { ADD, DEL, EffectEvidence } from './evidence.js';
import type { Constraint, ObsRef } from './evidence.js';
import { atomKey, liftedUniverse, TermClasses, termsOf, typeLattice } from './lifted.js';
import type { ActionContext, LiftedAtom, Term } from './lifted.js';
import { caseSplit } from './cases.js';
import { groupGuards, termMap } from './groups.js';
import { EffectSpace } from './solver.js';
import type { LearnedAction, Literal, Transition } from './types.js';

export type { ActionContext };

export function actionContext(
  vocabulary: Domain,
  constants: readonly TypedName[] = vocabulary.constants,
): ActionContext {
  return {
    vocabulary,
    constants,
    lattice: typeLattice(vocabulary),
    derived: new Set(vocabulary.derived.map((d) => d.head.name)),
  };
}

const callText = (t: Transition): string => `(${[t.action, ...t.args].join(' ')})`;
const obsRef = (t: Transition): ObsRef => ({ label: t.label, call: callText(t), loc: t.loc });
const atomText = (a: { predicate: string; args: readonly string[] }): string =>
  `(${atomKey(a.predicate, a.args)})`;

/** The object each term denotes in one transition. */
function bindingOf(terms: readonly Term[], params: readonly TypedName[], t: Transition) {
  const b = new Map<string, string>();
  for (const term of terms) b.set(term.name, term.name);
  params.forEach((p, i) => b.set(p.name, t.args[i]!));
  return b;
}

/** Equalities between terms that held in every transition, as classes (a constant, else the first parameter, names each). */
function alwaysEqual(terms: readonly Term[], params: readonly TypedName[], obs: Transition[]) {
  const classes = new TermClasses();
  const rank = new Map(terms.map((t, i) => [t.name, t.isParam ? i : -1]));
  const prefer = (x: string, y: string) => rank.get(x)! < rank.get(y)!;
  const bindings = obs.map((t) => bindingOf(terms, params, t));
  const pairs: [string, string][] = [];
  for (let i = 0; i < terms.length; i++)
    for (let j = i + 1; j < terms.length; j++) {
      const [a, b] = [terms[i]!, terms[j]!];
      if (!a.isParam && !b.isParam) continue;
      if (bindings.every((m) => m.get(a.name) === m.get(b.name)))
        if (classes.union(a.name, b.name, prefer)) pairs.push([a.name, b.name]);
    }
  return { classes, pairs };
}

/** The lifted atoms read modulo the equalities (duplicates removed, first occurrence kept). */
function quotient(universe: LiftedAtom[], classes: TermClasses): LiftedAtom[] {
  const out = new Map<string, LiftedAtom>();
  for (const a of universe) {
    const args = a.args.map((t) => classes.find(t));
    const key = atomKey(a.predicate, args);
    if (!out.has(key)) out.set(key, { predicate: a.predicate, args, key });
  }
  return [...out.values()];
}

/** Learns one action from its transitions (all of them this action, arity checked). */
export function learnAction(
  ctx: ActionContext,
  action: ActionDef,
  obs: Transition[],
): LearnedAction {
  const base = { name: action.name, params: action.params, observations: obs.length };
  if (obs.length === 0)
    return {
      ...base,
      status: 'unobserved',
      precondition: [],
      guards: [],
      add: [],
      del: [],
      notes: [],
    };
  const terms = termsOf(action.params, ctx.constants);
  const { classes, pairs } = alwaysEqual(terms, action.params, obs);
  const atoms = quotient(liftedUniverse(ctx.vocabulary, terms, ctx.lattice), classes);
  const pos = atoms.map(() => true);
  const neg = atoms.map(() => true);
  const effectAtoms = atoms.flatMap((a, i) => (ctx.derived.has(a.predicate) ? [] : [i]));
  const evidence = new EffectEvidence(
    action.name,
    atoms.map((a) => atomText(a)),
  );
  for (const t of obs) {
    const b = bindingOf(terms, action.params, t);
    const ground = atoms.map((a) =>
      atomKey(
        a.predicate,
        a.args.map((x) => b.get(x)!),
      ),
    );
    ground.forEach((g, i) => {
      const holds = t.before.has(g);
      if (holds) neg[i] = false;
      else pos[i] = false;
    });
    const groups = new Map<string, number[]>();
    for (const i of effectAtoms) {
      const list = groups.get(ground[i]!);
      if (list === undefined) groups.set(ground[i]!, [i]);
      else list.push(i);
    }
    checkExplained(ctx, t, groups);
    const ref = obsRef(t);
    for (const [fact, members] of groups)
      evidence.observe(members, `(${fact})`, t.before.has(fact), t.after.has(fact), ref);
  }
  evidence.propagate();
  return finish(ctx, action, obs.length, {
    atoms,
    pos,
    neg,
    masks: evidence.masks,
    pairs,
    constraints: evidence.constraints,
  });
}

/** Every fact that changed must be the image of a lifted atom: actions change only facts about their arguments. */
function checkExplained(ctx: ActionContext, t: Transition, groups: Map<string, number[]>): void {
  const check = (fact: string, became: string): void => {
    const predicate = fact.split(' ', 1)[0]!;
    if (groups.has(fact) || ctx.derived.has(predicate)) return;
    if (!ctx.vocabulary.predicates.some((p) => p.name === predicate))
      throw new LearnError(
        'LEARN_UNKNOWN_PREDICATE',
        `${t.label} ${callText(t)}: (${fact}) ${became}, but the vocabulary has no predicate '${predicate}'`,
        { location: t.loc, hint: 'declare the predicate in the vocabulary' },
      );
    const [, ...args] = fact.split(' ');
    const stray = args.filter((a) => !t.args.includes(a));
    throw new LearnError(
      'LEARN_UNEXPLAINED_CHANGE',
      `${t.label} ${callText(t)}: (${fact}) ${became}, but ${stray.length > 0 ? `${stray.join(', ')} ${stray.length > 1 ? 'are' : 'is'} not an argument of the action` : 'no lifted atom of the action matches it'}; SAM assumes an action changes only facts about its arguments and the domain's constants`,
      {
        location: t.loc,
        hint: 'is every state complete (full observability), with nothing else acting between two states?',
      },
    );
  };
  for (const f of t.before) if (!t.after.has(f)) check(f, 'became false');
  for (const f of t.after) if (!t.before.has(f)) check(f, 'became true');
}

interface Learned {
  atoms: LiftedAtom[];
  pos: boolean[];
  neg: boolean[];
  masks: number[];
  /** The equalities that held in every observation. */
  pairs: [string, string][];
  constraints: Constraint[];
}

function finish(ctx: ActionContext, action: ActionDef, count: number, l: Learned): LearnedAction {
  const notes: string[] = [];
  const base = { name: action.name, params: action.params, observations: count };
  const space = new EffectSpace(l.masks, l.constraints);
  const masks = space.exact();
  if (masks.some((m) => m === 0))
    throw new LearnError(
      'LEARN_INCONSISTENT',
      `${action.name}: no STRIPS model explains all ${count} observations of ${action.name} together`,
      {
        hint: "SAM assumes full observability and deterministic STRIPS effects on the action's arguments",
      },
    );
  const model = { atoms: l.atoms, pos: l.pos, neg: l.neg, masks };
  const { guards, ambiguous } = groupGuards(ctx, action, model, space, notes);
  if (ambiguous.length > 0) {
    notes.push(
      `the effect on ${ambiguous.join(', ')} is not determined: only observed as the same fact as other atoms (parameters bound to the same object); observe ${action.name} with distinct objects`,
    );
    return { ...base, status: 'ambiguous', precondition: [], guards: [], add: [], del: [], notes };
  }
  const literal = (a: { predicate: string; args: string[] }, positive: boolean): Literal => ({
    atom: { predicate: a.predicate, args: a.args },
    positive,
  });
  const cases = guards.length === 0 ? [[]] : caseSplit(ctx, termMap(ctx, action), guards, model);
  if (cases.length === 0) {
    notes.push(`no binding of ${action.name} passes the guards: the action cannot be used safely`);
    return { ...base, status: 'ambiguous', precondition: [], guards: [], add: [], del: [], notes };
  }
  const precondition: Literal[] = [
    ...l.pairs.map(([x, y]) => literal({ predicate: '=', args: [x, y] }, true)),
    ...l.atoms.flatMap((a, i) =>
      l.pos[i] ? [literal(a, true)] : l.neg[i] ? [literal(a, false)] : [],
    ),
    ...(cases.length === 1 ? cases[0]! : []),
  ];
  const pick = (mask: number) =>
    l.atoms.flatMap((a, i) =>
      masks[i] === mask && !ctx.derived.has(a.predicate)
        ? [{ predicate: a.predicate, args: a.args }]
        : [],
    );
  return {
    ...base,
    status: 'learned',
    precondition,
    guards: cases.length > 1 ? [cases] : [],
    add: pick(ADD),
    del: pick(DEL),
    notes,
  };
}
