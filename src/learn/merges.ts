/**
 * Bindings that map several lifted atoms to one fact (two parameters bound to the same
 * object, or a parameter bound to a constant). The planner may choose bindings no
 * observation showed; the model must be right for them too. Two tools:
 *
 * - guards: an atom whose effect the observations leave open (maybe added, maybe
 *   untouched, ...) is safe where it is the same fact as an atom whose effect is known,
 *   or where its value before makes the open question moot; the precondition says so,
 *   `(or (not (p ?x)) (= ?x ?y))`.
 * - inequalities: an atom kept true (maybe added) meeting an atom the action deletes, with
 *   no atom of the group surely added, is unsafe: `(not (= ?x ?y))` rules it out.
 *
 * docs/learn.md gives the case analysis behind both.
 */
import type { ActionDef } from '../pddl/ast.js';
import { ADD, DEL, NONE } from './evidence.js';
import { atomKey, TermClasses, termsOf } from './lifted.js';
import type { LiftedAtom, Term } from './lifted.js';
import type { ActionContext } from './sam.js';
import type { Guard } from './types.js';

export interface Model {
  atoms: LiftedAtom[];
  /** Atoms true (pos) or false (neg) before every observation: preconditions. */
  pos: boolean[];
  neg: boolean[];
  masks: number[];
}

const text = (a: LiftedAtom) => `(${a.key})`;

/** Whether one object could be bound to all terms of a class. */
function classPossible(ctx: ActionContext, members: Term[]): boolean {
  const constants = members.filter((t) => !t.isParam);
  if (constants.length > 1) return false;
  const params = members.filter((t) => t.isParam);
  const c = constants[0];
  if (c !== undefined)
    return params.every((p) => c.types.some((ct) => p.types.some((pt) => ctx.lattice.isA(ct, pt))));
  return params.every((p, i) =>
    params.slice(i + 1).every((q) => ctx.lattice.canMeet(p.types, q.types)),
  );
}

interface Unifier {
  classes: TermClasses;
  /** The equalities it adds, each joining two classes. */
  equalities: [string, string][];
}

/** The most general binding that makes `a` and `b` one fact, if an object binding can. */
function unify(
  ctx: ActionContext,
  terms: Map<string, Term>,
  a: LiftedAtom,
  b: LiftedAtom,
): Unifier | undefined {
  if (a.predicate !== b.predicate) return undefined;
  const classes = new TermClasses();
  const equalities: [string, string][] = [];
  a.args.forEach((x, i) => {
    if (classes.union(x, b.args[i]!, () => true)) equalities.push([x, b.args[i]!]);
  });
  const byRoot = new Map<string, Term[]>();
  for (const t of terms.values()) {
    const r = classes.find(t.name);
    byRoot.set(r, [...(byRoot.get(r) ?? []), t]);
  }
  return [...byRoot.values()].every((c) => classPossible(ctx, c))
    ? { classes, equalities }
    : undefined;
}

export function termMap(ctx: ActionContext, action: ActionDef): Map<string, Term> {
  return new Map(termsOf(action.params, ctx.vocabulary.constants).map((t) => [t.name, t]));
}

/**
 * Guards for the atoms whose effect is open. Returns undefined for an atom that no binding
 * makes safe (the action is then ambiguous); `notes` explains each guard.
 */
export function guards(
  ctx: ActionContext,
  action: ActionDef,
  m: Model,
  notes: string[],
): { guards: Guard[]; unsafe: string[] } {
  const terms = termMap(ctx, action);
  const out: Guard[] = [];
  const unsafe: string[] = [];
  const mergesWith = (i: number, ok: (mask: number) => boolean): [string, string][][] =>
    m.atoms.flatMap((b, j) => {
      if (j === i || !ok(m.masks[j]!)) return [];
      const u = unify(ctx, terms, m.atoms[i]!, b);
      return u === undefined ? [] : [u.equalities];
    });
  m.atoms.forEach((a, i) => {
    if (ctx.derived.has(a.predicate)) return;
    const mask = m.masks[i]!;
    const literal = (positive: boolean) => ({
      atom: { predicate: a.predicate, args: a.args },
      positive,
    });
    if (mask === (ADD | NONE) && !m.pos[i]) {
      out.push({ literal: literal(true), unless: mergesWith(i, (x) => x === ADD) });
      notes.push(
        `${text(a)} is required (unless it is the same fact as an atom surely added): it may be an add effect, and was not true before every time`,
      );
    } else if (mask === (DEL | NONE) && !m.neg[i]) {
      out.push({ literal: literal(false), unless: mergesWith(i, (x) => x === ADD || x === DEL) });
      notes.push(
        `(not ${text(a)}) is required (unless ${text(a)} is the same fact as an atom surely added or deleted): it may be a delete effect, and was not false before every time`,
      );
    } else if ((mask & ADD) !== 0 && (mask & DEL) !== 0) {
      const unless = mergesWith(i, (x) => x === ADD);
      if (unless.length === 0) unsafe.push(text(a));
      else {
        out.push({ unless });
        notes.push(
          `${text(a)} was only observed as the same fact as another atom: the binding must make it one with an atom surely added`,
        );
      }
    }
  });
  return { guards: out, unsafe };
}

/** The inequalities (pairs of terms) that keep the learned model safe; explains each in `notes`. */
export function inequalities(
  ctx: ActionContext,
  action: ActionDef,
  m: Model,
  notes: string[],
): [string, string][] {
  const terms = termMap(ctx, action);
  const out: [string, string][] = [];
  const kept = m.atoms.flatMap((a, i) => (m.masks[i] === (ADD | NONE) ? [i] : []));
  const deleted = m.atoms.flatMap((a, i) => (m.masks[i] === DEL ? [i] : []));
  for (const k of kept)
    for (const d of deleted) {
      const ka = m.atoms[k]!;
      const da = m.atoms[d]!;
      if (ctx.derived.has(ka.predicate)) continue;
      const theta = unify(ctx, terms, ka, da);
      if (
        theta === undefined ||
        out.some(([x, y]) => theta.classes.find(x) === theta.classes.find(y))
      )
        continue;
      const image = (a: LiftedAtom) =>
        atomKey(
          a.predicate,
          a.args.map((x) => theta.classes.find(x)),
        );
      const target = image(ka);
      const group = m.atoms.flatMap((a, i) =>
        a.predicate === ka.predicate && image(a) === target ? [i] : [],
      );
      if (group.some((i) => m.masks[i] === ADD || m.neg[i])) continue;
      const [x, y] = theta.equalities[0]!;
      out.push([x, y]);
      notes.push(
        `(not (= ${x} ${y})) is required: with ${theta.equalities.map(([a, b]) => `${a} = ${b}`).join(' and ')}, ${text(ka)} (true before, maybe added) and ${text(da)} (deleted) are one fact, and the observations do not say whether it stays true`,
      );
    }
  return out;
}
