/**
 * ADL normalisation before grounding: conditions go to disjunctive normal form (negation
 * pushed to the atoms, `imply` rewritten, universal quantifiers expanded over the typed
 * objects, existential variables lifted to extra free variables), effects are flattened
 * into a list of (condition, literal) pairs with `forall` expanded over the objects.
 */
import { UserError } from '../errors.js';
import type { SourceLocation } from '../errors.js';
import type { Atom, Condition, Effect, NumericExpr, TypedName } from '../pddl/ast.js';
import type { TypeTable } from '../pddl/types.js';

/** A literal over terms (variables start with `?`). `=` is equality. */
export interface Literal {
  predicate: string;
  args: string[];
  negated: boolean;
}

/** One disjunct: extra (existential) variables and a conjunction of literals. */
export interface Conjunct {
  vars: TypedName[];
  literals: Literal[];
}

export interface FlatEffect {
  /** Variables of enclosing `forall`s (renamed apart): the effect happens for each binding. */
  vars: TypedName[];
  /** Condition of a `when` in DNF; [] never fires, [{vars:[],literals:[]}] always. */
  condition: Conjunct[];
  literal: Literal;
}

export interface FlatCost {
  amount: NumericExpr;
}

/** A limit on the DNF size, so a pathological formula fails clearly instead of exhausting memory. */
const MAX_DISJUNCTS = 20000;

type Env = ReadonlyMap<string, string>;

let freshCounter = 0;

function substitute(atom: Atom, env: Env): string[] {
  return atom.args.map((a) => (a.startsWith('?') ? (env.get(a) ?? a) : a));
}

const TRUE: Conjunct[] = [{ vars: [], literals: [] }];

/**
 * A condition too large to normalise. Thrown without a location by `toDnf`; the
 * grounder rethrows it with the location of the action, rule or goal it came from.
 */
export class NormalFormTooLarge extends UserError {
  constructor(where?: { location: SourceLocation | undefined; what: string }) {
    super(
      `${where === undefined ? 'a condition' : `the condition of ${where.what}`} expands to more than ${MAX_DISJUNCTS} disjuncts in normal form`,
      {
        code: 'PLANNER_NORMAL_FORM_TOO_LARGE',
        hint: 'rewrite deeply nested or/forall conditions, e.g. with derived predicates',
        ...(where?.location === undefined ? {} : { location: where.location }),
      },
    );
    this.name = 'NormalFormTooLarge';
  }
}

function product(a: Conjunct[], b: Conjunct[]): Conjunct[] {
  if (a.length * b.length > MAX_DISJUNCTS) throw new NormalFormTooLarge();
  const out: Conjunct[] = [];
  for (const x of a)
    for (const y of b)
      out.push({ vars: [...x.vars, ...y.vars], literals: [...x.literals, ...y.literals] });
  return out;
}

/**
 * The DNF of a conjunction, one part at a time. While every part has one disjunct (the usual
 * case) their variables and literals are appended in place: a product per part copied the
 * whole conjunct each time, quadratic (visitall's goal of 3,500 facts allocated 30 MB).
 */
class ConjunctionDnf {
  private single: Conjunct | undefined = { vars: [], literals: [] };
  private acc: Conjunct[] = [];
  add(d: Conjunct[]): void {
    if (this.single && d.length === 1) {
      for (const v of d[0]!.vars) this.single.vars.push(v);
      for (const l of d[0]!.literals) this.single.literals.push(l);
      return;
    }
    if (this.single) this.acc = [this.single];
    this.single = undefined;
    this.acc = product(this.acc, d);
  }
  result(): Conjunct[] {
    return this.single ? [this.single] : this.acc;
  }
}

/** DNF of `c` (negated when `neg`) under the variable renaming `env`. */
export function toDnf(
  c: Condition,
  types: TypeTable,
  env: Env = new Map(),
  neg = false,
): Conjunct[] {
  switch (c.kind) {
    case 'atom':
      return [
        {
          vars: [],
          literals: [{ predicate: c.atom.predicate, args: substitute(c.atom, env), negated: neg }],
        },
      ];
    case 'not':
      return toDnf(c.arg, types, env, !neg);
    case 'and':
    case 'or': {
      const conjunctive = (c.kind === 'and') !== neg;
      if (conjunctive) {
        const acc = new ConjunctionDnf();
        for (const a of c.args) acc.add(toDnf(a, types, env, neg));
        return acc.result();
      }
      return c.args.flatMap((a) => toDnf(a, types, env, neg));
    }
    case 'imply':
      // a -> b  ==  (not a) or b
      return toDnf({ kind: 'or', args: [{ kind: 'not', arg: c.if }, c.then] }, types, env, neg);
    case 'exists':
    case 'forall': {
      const universal = (c.kind === 'forall') !== neg;
      if (universal) {
        // Expanded over the objects: a conjunction of one copy per binding.
        const acc = new ConjunctionDnf();
        forEachBinding(c.params, types, env, (ext) => acc.add(toDnf(c.body, types, ext, neg)));
        return acc.result();
      }
      // Existential: the variables become extra free variables of the conjunct.
      const ext = new Map(env);
      const vars: TypedName[] = [];
      for (const p of c.params) {
        const name = `${p.name}#${++freshCounter}`;
        ext.set(p.name, name);
        vars.push({ name, types: p.types });
      }
      return toDnf(c.body, types, ext, neg).map((d) => ({
        vars: [...vars, ...d.vars],
        literals: d.literals,
      }));
    }
  }
}

function forEachBinding(
  params: TypedName[],
  types: TypeTable,
  env: Env,
  visit: (env: Env) => void,
): void {
  const go = (i: number, cur: Map<string, string>): void => {
    if (i === params.length) return visit(cur);
    for (const o of types.objectsOf(params[i]!.types)) {
      const next = new Map(cur);
      next.set(params[i]!.name, o);
      go(i + 1, next);
    }
  };
  go(0, new Map(env));
}

/**
 * Flattens an effect: `when` conditions in DNF and conjoined with the enclosing ones;
 * `forall` variables renamed apart and kept as the effect's own variables (grounding binds
 * them, so a forall over many objects stays one effect), except around cost increases, which
 * are expanded over the objects.
 */
export function flattenEffect(
  e: Effect,
  types: TypeTable,
  env: Env,
  cond: Conjunct[],
  out: FlatEffect[],
  costs: FlatCost[],
  vars: TypedName[] = [],
): void {
  switch (e.kind) {
    case 'and':
      for (const x of e.args) flattenEffect(x, types, env, cond, out, costs, vars);
      return;
    case 'add':
    case 'delete':
      out.push({
        vars,
        condition: cond,
        literal: {
          predicate: e.atom.predicate,
          args: substitute(e.atom, env),
          negated: e.kind === 'delete',
        },
      });
      return;
    case 'forall': {
      if (hasCost(e.body)) {
        forEachBinding(e.params, types, env, (ext) =>
          flattenEffect(e.body, types, ext, cond, out, costs, vars),
        );
        return;
      }
      const ext = new Map(env);
      const fresh = e.params.map((p) => {
        const name = `${p.name}#${++freshCounter}`;
        ext.set(p.name, name);
        return { name, types: p.types };
      });
      flattenEffect(e.body, types, ext, cond, out, costs, [...vars, ...fresh]);
      return;
    }
    case 'when':
      flattenEffect(
        e.body,
        types,
        env,
        product(cond, toDnf(e.condition, types, env)),
        out,
        costs,
        vars,
      );
      return;
    case 'increase':
      if (e.target.name === 'total-cost') {
        const amount: NumericExpr =
          e.amount.kind === 'number'
            ? e.amount
            : {
                kind: 'function',
                term: {
                  ...e.amount.term,
                  args: e.amount.term.args.map((a) => (a.startsWith('?') ? (env.get(a) ?? a) : a)),
                },
              };
        costs.push({ amount });
      }
      return;
  }
}

function hasCost(e: Effect): boolean {
  switch (e.kind) {
    case 'increase':
      return true;
    case 'and':
      return e.args.some(hasCost);
    case 'forall':
    case 'when':
      return hasCost(e.body);
    default:
      return false;
  }
}

/** Runs a normalisation step; a condition too large to normalise is blamed on `what` at `location`. */
export function normalising<T>(
  location: SourceLocation | undefined,
  what: string,
  run: () => T,
): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof NormalFormTooLarge && err.location === undefined)
      throw new NormalFormTooLarge({ location, what });
    throw err;
  }
}

/** Where a condition is written: its first atom's location. */
export function conditionLoc(c: Condition): SourceLocation | undefined {
  switch (c.kind) {
    case 'atom':
      return c.atom.loc;
    case 'not':
      return conditionLoc(c.arg);
    case 'and':
    case 'or':
      for (const a of c.args) {
        const l = conditionLoc(a);
        if (l) return l;
      }
      return undefined;
    case 'imply':
      return conditionLoc(c.if) ?? conditionLoc(c.then);
    case 'exists':
    case 'forall':
      return conditionLoc(c.body);
  }
}

export { TRUE as ALWAYS };
