/**
 * Bindings that make several lifted atoms one fact (two parameters bound to the same
 * object, or a parameter bound to a constant). The planner may choose bindings that no
 * observation showed; the model must be right for them too.
 *
 * For every group of atoms some binding makes one fact (found by enumerating the
 * partitions of the terms a predicate's atoms use), and each value the fact may have
 * before, the learned outcome (added if an atom is surely added; else deleted if one is
 * surely deleted; else unchanged) must be the outcome of every model that explains the
 * observations. Where it is not, a guard keeps the binding out: the fact must have the
 * value that is safe, or the binding must make a different group. See docs/learn.md.
 */
import type { ActionDef } from '../pddl/ast.js';
import { ADD, DEL, NONE } from './evidence.js';
import { atomKey, classPossible, partitions, TermClasses, termsOf } from './lifted.js';
import type { LiftedAtom, Term } from './lifted.js';
import type { ActionContext } from './lifted.js';
import type { EffectSpace } from './solver.js';
import type { Guard, Literal } from './types.js';

export interface Model {
  atoms: LiftedAtom[];
  /** Atoms true (pos) or false (neg) before every observation: preconditions. */
  pos: boolean[];
  neg: boolean[];
  /** Exact possible effects per atom. */
  masks: number[];
}

/** Above this many terms in one predicate's atoms, merges are ruled out instead of enumerated. */
const MAX_TERMS = 8;

const single = (m: number) => m === ADD || m === DEL || m === NONE;
const eq = (x: string, y: string, positive: boolean): Literal => ({
  atom: { predicate: '=', args: [x, y] },
  positive,
});

/** The equalities that make `a` and `b` one fact, or undefined when no object binding can. */
export function unify(
  ctx: ActionContext,
  terms: Map<string, Term>,
  a: LiftedAtom,
  b: LiftedAtom,
): [string, string][] | undefined {
  const classes = new TermClasses();
  const eqs: [string, string][] = [];
  a.args.forEach((x, i) => {
    if (classes.union(x, b.args[i]!, () => true)) eqs.push([x, b.args[i]!]);
  });
  const byRoot = new Map<string, Term[]>();
  for (const n of new Set([...a.args, ...b.args])) {
    const r = classes.find(n);
    byRoot.set(r, [...(byRoot.get(r) ?? []), terms.get(n)!]);
  }
  return [...byRoot.values()].every((c) => classPossible(ctx, c)) ? eqs : undefined;
}

/** The groups of atoms (indices) of one predicate that some binding makes one fact. */
function groupsOf(
  ctx: ActionContext,
  terms: Map<string, Term>,
  m: Model,
  members: number[],
): number[][] | undefined {
  const used = [...new Set(members.flatMap((i) => m.atoms[i]!.args))].map((n) => terms.get(n)!);
  if (used.length > MAX_TERMS) return undefined;
  const seen = new Map<string, number[]>();
  for (const p of partitions(ctx, used)) {
    const byFact = new Map<string, number[]>();
    for (const i of members) {
      const key = atomKey(
        '',
        m.atoms[i]!.args.map((x) => p.get(x)!),
      );
      byFact.set(key, [...(byFact.get(key) ?? []), i]);
    }
    for (const g of byFact.values()) seen.set(g.join(','), g);
  }
  return [...seen.values()];
}

/**
 * Too many terms to enumerate their partitions: rule every merge out (an inequality per
 * pair of terms one object could fill) and check the atoms one by one.
 */
function apart(
  ctx: ActionContext,
  terms: Map<string, Term>,
  m: Model,
  members: number[],
  guards: Guard[],
): number[][] {
  const used = [...new Set(members.flatMap((i) => m.atoms[i]!.args))].map((n) => terms.get(n)!);
  used.forEach((x, i) =>
    used.slice(i + 1).forEach((y) => {
      if (classPossible(ctx, [x, y])) guards.push([[eq(x.name, y.name, false)]]);
    }),
  );
  return members.map((i) => [i]);
}

/** Whether every binding that makes `g` one fact also makes a required fact and a forbidden one the same. */
function inapplicable(
  ctx: ActionContext,
  terms: Map<string, Term>,
  m: Model,
  g: number[],
): boolean {
  const classes = new TermClasses();
  const u = m.atoms[g[0]!]!;
  for (const j of g.slice(1))
    for (const [x, y] of unify(ctx, terms, u, m.atoms[j]!) ?? []) classes.union(x, y, () => true);
  const image = (a: LiftedAtom) =>
    atomKey(
      a.predicate,
      a.args.map((x) => classes.find(x)),
    );
  const required = new Set(m.atoms.flatMap((a, i) => (m.pos[i] ? [image(a)] : [])));
  return m.atoms.some((a, i) => m.neg[i] && required.has(image(a)));
}

/** The values before (true, false) for which the learned outcome of group `g` is every model's outcome. */
function safeBefore(m: Model, space: EffectSpace, g: number[]): boolean[] {
  const masks = m.masks;
  if (g.every((i) => single(masks[i]!)) || g.some((i) => masks[i] === ADD)) return [true, true];
  // No atom is surely added here, so the learned outcome is: deleted if an atom surely is, else unchanged.
  const canAdd = () => space.possible([{ members: g, need: 'add' }]);
  const canDeleteOnly = () =>
    space.possible([{ members: g, need: 'del' }], new Map(g.map((i) => [i, DEL | NONE])));
  const surelyDeleted = g.some((i) => masks[i] === DEL);
  const whenTrue = surelyDeleted ? !canAdd() : !canDeleteOnly();
  return [whenTrue, !canAdd()];
}

/** The action's terms (parameters, then the constants atoms may mention) by name. */
export function termMap(ctx: ActionContext, action: ActionDef): Map<string, Term> {
  return new Map(termsOf(action.params, ctx.constants).map((t) => [t.name, t]));
}

/**
 * Guards that keep every binding safe, with a note each; `ambiguous` names the atoms no
 * binding makes safe (the action is then left out).
 */
export function groupGuards(
  ctx: ActionContext,
  action: ActionDef,
  m: Model,
  space: EffectSpace,
  notes: string[],
): { guards: Guard[]; ambiguous: string[] } {
  const terms = termMap(ctx, action);
  const guards: Guard[] = [];
  const ambiguous: string[] = [];
  const predicates = [...new Set(m.atoms.map((a) => a.predicate))].filter(
    (p) => !ctx.derived.has(p),
  );
  for (const p of predicates) {
    const members = m.atoms.flatMap((a, i) => (a.predicate === p ? [i] : []));
    const groups = groupsOf(ctx, terms, m, members) ?? apart(ctx, terms, m, members, guards);
    for (const g of groups) {
      const t = g.some((i) => m.pos[i]);
      const f = g.some((i) => m.neg[i]);
      if ((t && f) || (g.length > 1 && inapplicable(ctx, terms, m, g))) continue;
      const [whenTrue, whenFalse] = safeBefore(m, space, g);
      if ((whenTrue || f) && (whenFalse || t)) continue;
      const u = m.atoms[g[0]!]!;
      const literal = { atom: { predicate: u.predicate, args: u.args }, positive: whenTrue! };
      const guard: Guard = whenTrue || whenFalse ? [[literal]] : [];
      // Or the binding makes a different group: an atom of g apart from u, or another atom one with u.
      for (const j of members) {
        const eqs = j === g[0] ? undefined : unify(ctx, terms, u, m.atoms[j]!);
        if (eqs === undefined) continue;
        if (g.includes(j)) for (const [x, y] of eqs) guard.push([eq(x, y, false)]);
        else guard.push(eqs.map(([x, y]) => eq(x, y, true)));
      }
      const unique = [...new Map(guard.map((alt) => [JSON.stringify(alt), alt])).values()];
      if (unique.length === 0) {
        ambiguous.push(`(${atomKey(u.predicate, u.args)})`);
        continue;
      }
      guards.push(unique);
      notes.push(
        `${g.map((i) => `(${m.atoms[i]!.key})`).join(' = ')}: the observations do not say what happens to this fact${whenTrue || whenFalse ? ` when it is ${whenTrue ? 'false' : 'true'} before` : ''}; a guard rules that binding out`,
      );
    }
  }
  return { guards, ambiguous };
}
