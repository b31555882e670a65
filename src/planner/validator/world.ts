/**
 * The validator's lifted semantics, kept naive on purpose so it can check the planner:
 * a state is a set of ground atoms ("pred a b"); conditions are evaluated directly on
 * the AST with a variable binding; quantifiers range over the objects of their types;
 * derived predicates are recomputed by a lifted fixpoint, stratum by stratum.
 */
import type {
  Atom,
  Condition,
  DerivedDef,
  Domain,
  Effect,
  NumericExpr,
  Problem,
  TypedName,
} from '../../pddl/ast.js';
import { formatCondition } from '../../pddl/format.js';
import { stratifyDerived } from '../../pddl/strata.js';
import { buildTypeTable } from '../../pddl/types.js';
import type { TypeTable } from '../../pddl/types.js';

export type Binding = ReadonlyMap<string, string>;

export function factKey(predicate: string, args: readonly string[]): string {
  return args.length === 0 ? predicate : `${predicate} ${args.join(' ')}`;
}

function groundArgs(atom: Atom, b: Binding): string[] {
  return atom.args.map((a) => (a.startsWith('?') ? (b.get(a) ?? a) : a));
}

export interface World {
  types: TypeTable;
  strata: DerivedDef[][];
  /** Values of numeric functions from :init, by fact key. */
  numbers: Map<string, number>;
}

export function makeWorld(domain: Domain, problem: Problem): World {
  const numbers = new Map<string, number>();
  for (const f of problem.numericInit) numbers.set(factKey(f.term.name, f.term.args), f.value);
  return { types: buildTypeTable(domain, problem), strata: stratifyDerived(domain), numbers };
}

/** Calls `visit` with the binding extended by every assignment of `params` to objects of their types; stops when it returns true. */
function someBinding(
  params: TypedName[],
  b: Binding,
  w: World,
  visit: (b: Binding) => boolean,
): boolean {
  const ext = new Map(b);
  const go = (i: number): boolean => {
    if (i === params.length) return visit(ext);
    const p = params[i]!;
    for (const o of w.types.objectsOf(p.types)) {
      ext.set(p.name, o);
      if (go(i + 1)) return true;
    }
    return false;
  };
  return go(0);
}

export function holds(c: Condition, b: Binding, state: ReadonlySet<string>, w: World): boolean {
  switch (c.kind) {
    case 'atom': {
      const args = groundArgs(c.atom, b);
      if (c.atom.predicate === '=') return args[0] === args[1];
      return state.has(factKey(c.atom.predicate, args));
    }
    case 'not':
      return !holds(c.arg, b, state, w);
    case 'and':
      return c.args.every((a) => holds(a, b, state, w));
    case 'or':
      return c.args.some((a) => holds(a, b, state, w));
    case 'imply':
      return !holds(c.if, b, state, w) || holds(c.then, b, state, w);
    case 'exists':
      return someBinding(c.params, b, w, (ext) => holds(c.body, ext, state, w));
    case 'forall':
      return !someBinding(c.params, b, w, (ext) => !holds(c.body, ext, state, w));
  }
}

/**
 * The parts of a condition that are false, as PDDL text with the binding substituted:
 * each false conjunct, and for a false `forall` each instance whose body is false, with
 * its objects substituted (and its own false parts, when the body is a conjunction).
 */
export function unmetParts(
  c: Condition,
  b: Binding,
  state: ReadonlySet<string>,
  w: World,
): string[] {
  if (c.kind === 'and') return c.args.flatMap((a) => unmetParts(a, b, state, w));
  if (holds(c, b, state, w)) return [];
  if (c.kind === 'forall') {
    const out: string[] = [];
    someBinding(c.params, b, w, (ext) => {
      if (!holds(c.body, ext, state, w)) out.push(...unmetParts(c.body, ext, state, w));
      return false;
    });
    return out;
  }
  return [formatCondition(c, b)];
}

/** Adds every derived atom to `state` (which must hold only basic atoms), lowest stratum first. */
export function addDerived(state: Set<string>, w: World): void {
  for (const stratum of w.strata) {
    let changed = true;
    while (changed) {
      changed = false;
      for (const rule of stratum) {
        someBinding(rule.head.params, new Map(), w, (hb) => {
          const key = factKey(
            rule.head.name,
            rule.head.params.map((p) => hb.get(p.name)!),
          );
          if (!state.has(key) && holds(rule.body, hb, state, w)) {
            state.add(key);
            changed = true;
          }
          return false;
        });
      }
    }
  }
}

export interface EffectOutcome {
  adds: string[];
  deletes: string[];
  /** Sum of `increase (total-cost)` amounts, or undefined with the term that has no value. */
  cost: number;
  undefinedCost?: string;
}

function amount(e: NumericExpr, b: Binding, w: World): number | undefined {
  if (e.kind === 'number') return e.value;
  return w.numbers.get(
    factKey(
      e.term.name,
      e.term.args.map((a) => (a.startsWith('?') ? (b.get(a) ?? a) : a)),
    ),
  );
}

/** Collects the effects of an action in `state` (conditions of `when` are read in the state before the action). */
export function collectEffects(
  e: Effect,
  b: Binding,
  state: ReadonlySet<string>,
  w: World,
  out: EffectOutcome,
): void {
  switch (e.kind) {
    case 'and':
      for (const x of e.args) collectEffects(x, b, state, w, out);
      return;
    case 'add':
      out.adds.push(factKey(e.atom.predicate, groundArgs(e.atom, b)));
      return;
    case 'delete':
      out.deletes.push(factKey(e.atom.predicate, groundArgs(e.atom, b)));
      return;
    case 'forall':
      someBinding(e.params, b, w, (ext) => {
        collectEffects(e.body, new Map(ext), state, w, out);
        return false;
      });
      return;
    case 'when':
      if (holds(e.condition, b, state, w)) collectEffects(e.body, b, state, w, out);
      return;
    case 'increase': {
      const v = amount(e.amount, b, w);
      if (v === undefined) {
        if (e.amount.kind === 'function') {
          const t = e.amount.term;
          out.undefinedCost ??= `(${[t.name, ...t.args.map((a) => b.get(a) ?? a)].join(' ')})`;
        }
      } else {
        out.cost += v;
      }
      return;
    }
  }
}
