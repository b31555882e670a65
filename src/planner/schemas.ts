/**
 * From the normalised domain (normalize.ts: conditions in DNF, effects flattened) to compiled
 * schemas over integers: objects and predicates interned, variables as slots, each condition
 * split into the positive literals the grounding joins over reachable atoms and the checks
 * (equality, negated static atoms) it evaluates once their variables are bound.
 */
import type { SourceLocation } from '../errors.js';
import type { Domain, Problem, TypedName } from '../pddl/ast.js';
import { buildTypeTable } from '../pddl/types.js';
import type { TypeTable } from '../pddl/types.js';
import type { CCheck, CLit, CSchema } from './join.js';
import { ALWAYS, conditionLoc, flattenEffect, normalising, toDnf } from './normalize.js';
import type { Conjunct, FlatCost, FlatEffect, Literal } from './normalize.js';

/** A literal kept for instantiation: any predicate, negated or not (not equality). */
export interface PLit extends CLit {
  negated: boolean;
}

export interface EffectSchema {
  /** The literal added or deleted, over the action's variables then the effect's (forall). */
  lit: PLit;
  /**
   * null: unconditional, no variables of its own; otherwise one join per DNF disjunct of the
   * `when` condition (over the action's variables, the effect's, the condition's).
   */
  conditions: Array<{ join: CSchema; lits: PLit[] }> | null;
  /**
   * Effects with the same `when` condition and `forall` variables share a group (they happen
   * together); -1 for unconditional effects without variables of their own.
   */
  group: number;
  /** The number of variables the literal may use: the action's, then the effect's own. */
  nVars: number;
}

export interface ActionSchema {
  name: string;
  /** The first `nParams` variables are the action's parameters (printed in the plan). */
  nParams: number;
  join: CSchema;
  /** Literals over non-static predicates (fluents and derived): the ground precondition. */
  lits: PLit[];
  effects: EffectSchema[];
  costs: FlatCost[];
  varNames: string[];
  loc: SourceLocation | undefined;
}

export interface RuleSchema {
  head: CLit;
  join: CSchema;
  lits: PLit[];
}

export interface Schemas {
  types: TypeTable;
  objects: string[];
  objectId: Map<string, number>;
  predicates: string[];
  predicateId: Map<string, number>;
  arity: Int32Array;
  isStatic: Uint8Array;
  isDerived: Uint8Array;
  actions: ActionSchema[];
  rules: RuleSchema[];
  /** The goal in DNF, one schema per disjunct. */
  goal: Array<{ join: CSchema; lits: PLit[] }>;
  /** Reachability joins of conditional effects: adds `head` when `join` holds. */
  effectRules: Array<{ head: CLit; join: CSchema }>;
}

class Compiler {
  readonly objects: string[];
  readonly objectId: Map<string, number>;
  readonly predicates: string[] = [];
  readonly predicateId = new Map<string, number>();
  readonly arities: number[] = [];
  changing = new Set<string>();
  private readonly typeCache = new Map<string, { objs: Int32Array; ok: Uint8Array }>();

  constructor(readonly types: TypeTable) {
    this.objects = types.objects;
    this.objectId = new Map(this.objects.map((o, i) => [o, i]));
  }

  pred(name: string, arity: number): number {
    let p = this.predicateId.get(name);
    if (p === undefined) {
      p = this.predicates.length;
      this.predicateId.set(name, p);
      this.predicates.push(name);
      this.arities.push(arity);
    }
    return p;
  }

  /** Argument codes: objects by id (an unknown name gets one no atom has), variables by slot. */
  lit(l: Literal, slots: Map<string, number>): PLit {
    const args = Int32Array.from(l.args, (a) => {
      if (a.startsWith('?')) return -1 - slots.get(a)!;
      return this.objectId.get(a) ?? this.objects.length;
    });
    return { pred: this.pred(l.predicate, l.args.length), args, negated: l.negated };
  }

  private typeOf(types: readonly string[]): { objs: Int32Array; ok: Uint8Array } {
    const key = types.join(' ');
    let t = this.typeCache.get(key);
    if (t === undefined) {
      const objs = Int32Array.from(this.types.objectsOf(types), (o) => this.objectId.get(o)!);
      const ok = new Uint8Array(this.objects.length + 1);
      for (const o of objs) ok[o] = 1;
      this.typeCache.set(key, (t = { objs, ok }));
    }
    return t;
  }

  /** A join over `literals` with variables `vars` (slots in order); the fluent literals aside. */
  schema(vars: TypedName[], literals: Literal[]): { join: CSchema; lits: PLit[] } {
    const slots = new Map(vars.map((v, i) => [v.name, i]));
    const pos: CLit[] = [];
    const checks: CCheck[] = [];
    const lits: PLit[] = [];
    for (const l of literals) {
      const c = this.lit(l, slots);
      if (l.predicate === '=') checks.push({ kind: l.negated ? 'neq' : 'eq', lit: c });
      else if (!l.negated) pos.push(c);
      else if (!this.changing.has(l.predicate)) checks.push({ kind: 'absent', lit: c });
      if (l.predicate !== '=' && this.changing.has(l.predicate)) lits.push(c);
    }
    const t = vars.map((v) => this.typeOf(v.types));
    const join: CSchema = {
      nVars: vars.length,
      varObjects: t.map((x) => x.objs),
      varOk: t.map((x) => x.ok),
      pos,
      checks,
    };
    return { join, lits };
  }
}

const isTrue = (c: Conjunct): boolean => c.vars.length === 0 && c.literals.length === 0;

function actionSchemas(domain: Domain, k: Compiler, out: Schemas): void {
  for (const a of domain.actions) {
    const effects: FlatEffect[] = [];
    const costs: FlatCost[] = [];
    const what = `action '${a.name}'`;
    normalising(a.loc, what, () =>
      flattenEffect(a.effect, k.types, new Map(), ALWAYS, effects, costs),
    );
    const pre =
      a.precondition === undefined
        ? ALWAYS
        : normalising(a.loc, what, () => toDnf(a.precondition!, k.types));
    for (const c of pre) {
      const vars = [...a.params, ...c.vars];
      const { join, lits } = k.schema(vars, c.literals);
      const effs: EffectSchema[] = [];
      const groups = new Map<Conjunct[], Map<TypedName[], number>>();
      const groupOf = (e: FlatEffect): number => {
        let byVars = groups.get(e.condition);
        if (byVars === undefined) groups.set(e.condition, (byVars = new Map()));
        let g = byVars.get(e.vars);
        if (g === undefined) byVars.set(e.vars, (g = nextGroup++));
        return g;
      };
      let nextGroup = 0;
      for (const e of effects) {
        if (e.condition.length === 0) continue; // never fires
        const evars = [...vars, ...e.vars];
        const lit = k.lit(e.literal, new Map(evars.map((v, i) => [v.name, i])));
        if (e.vars.length === 0 && e.condition.some(isTrue)) {
          effs.push({ lit, conditions: null, group: -1, nVars: evars.length });
          continue;
        }
        const conditions = e.condition.map((cc) => {
          const cond = k.schema([...evars, ...cc.vars], cc.literals);
          if (!lit.negated) {
            // Reachability: the effect's atom once the action and its condition are reachable.
            const both = k.schema([...evars, ...cc.vars], [...c.literals, ...cc.literals]);
            out.effectRules.push({ head: lit, join: both.join });
          }
          return cond;
        });
        effs.push({ lit, conditions, group: groupOf(e), nVars: evars.length });
      }
      out.actions.push({
        name: a.name,
        nParams: a.params.length,
        join,
        lits,
        effects: effs,
        costs,
        varNames: vars.map((v) => v.name),
        loc: a.loc,
      });
    }
  }
}

/** Compiles the domain and problem (after normalisation) for grounding. */
export function compileSchemas(domain: Domain, problem: Problem): Schemas {
  const types = buildTypeTable(domain, problem);
  const k = new Compiler(types);
  for (const p of domain.predicates) k.pred(p.name, p.params.length);
  for (const d of domain.derived) k.changing.add(d.head.name);
  const mark = (e: Domain['actions'][number]['effect']): void => {
    if (e.kind === 'add' || e.kind === 'delete') k.changing.add(e.atom.predicate);
    else if (e.kind === 'and') e.args.forEach(mark);
    else if (e.kind === 'forall' || e.kind === 'when') mark(e.body);
  };
  for (const a of domain.actions) mark(a.effect);
  const out: Schemas = {
    types,
    objects: k.objects,
    objectId: k.objectId,
    predicates: k.predicates,
    predicateId: k.predicateId,
    arity: new Int32Array(0),
    isStatic: new Uint8Array(0),
    isDerived: new Uint8Array(0),
    actions: [],
    rules: [],
    goal: [],
    effectRules: [],
  };
  actionSchemas(domain, k, out);
  for (const d of domain.derived) {
    for (const c of normalising(d.loc, `derived predicate '${d.head.name}'`, () =>
      toDnf(d.body, types),
    )) {
      const vars = [...d.head.params, ...c.vars];
      const { join, lits } = k.schema(vars, c.literals);
      const head = k.lit(
        { predicate: d.head.name, args: d.head.params.map((p) => p.name), negated: false },
        new Map(vars.map((v, i) => [v.name, i])),
      );
      out.rules.push({ head, join, lits });
    }
  }
  for (const c of normalising(conditionLoc(problem.goal), 'the goal', () =>
    toDnf(problem.goal, types),
  ))
    out.goal.push(k.schema(c.vars, c.literals));
  for (const a of problem.init) k.pred(a.predicate, a.args.length);
  out.arity = Int32Array.from(k.arities);
  out.isStatic = Uint8Array.from(k.predicates, (p) => (k.changing.has(p) ? 0 : 1));
  const derived = new Set(domain.derived.map((d) => d.head.name));
  out.isDerived = Uint8Array.from(k.predicates, (p) => (derived.has(p) ? 1 : 0));
  return out;
}
