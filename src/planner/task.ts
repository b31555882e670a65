/**
 * The ground (propositional) task the search works on. Facts are integers: the basic
 * (fluent) facts come first, `0 .. basicCount-1`, and are what a state stores; derived
 * facts (derived predicates and the artificial goal fact) follow and are recomputed
 * from the basic ones in every state.
 *
 * Actions are rows of flat typed arrays (no object per action): action `a`'s preconditions
 * are `pre.items[pre.start[a] .. pre.start[a + 1])`, and so on. Conditional effects, rare,
 * are kept per action in a map.
 */
import type { GroundRule } from '../logic/ground-fixpoint.js';

/** Lists of integers, one per row, in two arrays (compressed sparse rows). */
export interface Rows {
  start: Int32Array;
  items: Int32Array;
}

export interface ConditionalEffect {
  pos: Int32Array;
  neg: Int32Array;
  /** The fact it adds, or -1. */
  add: number;
  /** The fact it deletes, or -1. */
  del: number;
}

export interface ActionTable {
  count: number;
  pre: Rows;
  preNeg: Rows;
  add: Rows;
  del: Rows;
  cost: Float64Array;
  /** Per action: its schema (index into `schemaNames`) and its arguments (object ids). */
  schema: Int32Array;
  args: Rows;
  schemaNames: string[];
  objects: string[];
  /** Conditional effects of the actions that have some. */
  conditional: Map<number, ConditionalEffect[]>;
}

export interface GroundTask {
  /** Fact names such as `(on a b)`, indexed by fact id. */
  facts: string[];
  basicCount: number;
  actions: ActionTable;
  /** Derived-predicate rules plus goal rules, by stratum (for compileGroundRules). */
  ruleStrata: GroundRule[][];
  /** Basic facts true in the initial state. */
  init: Int32Array;
  /** The goal as a conjunction of facts (possibly one artificial derived fact). */
  goal: Int32Array;
  goalNeg: Int32Array;
  /** True when some goal is not even relaxed-reachable: the task is unsolvable. */
  goalUnreachable: boolean;
  /** True without `:metric`: every action costs 1. */
  unitCost: boolean;
  /**
   * Sets of basic facts of which at most one is true in any reachable state (from invariant
   * synthesis), two facts or more each; a fact may be in several.
   */
  mutexGroups: Int32Array[];
}

/** One action as a plain object (for tests and tools; the search reads the arrays). */
export interface GroundAction {
  /** Schema name and arguments, as printed in the plan. */
  name: string;
  args: string[];
  cost: number;
  pre: Int32Array;
  preNeg: Int32Array;
  add: Int32Array;
  del: Int32Array;
  conditional: ConditionalEffect[];
}

export const row = (r: Rows, i: number): Int32Array => r.items.subarray(r.start[i], r.start[i + 1]);

export const actionName = (t: GroundTask, a: number): string =>
  t.actions.schemaNames[t.actions.schema[a]!]!;

export const actionArgs = (t: GroundTask, a: number): string[] =>
  Array.from(row(t.actions.args, a), (o) => t.actions.objects[o]!);

/** `(name arg…)` of action `a`. */
export function actionLabel(t: GroundTask, a: number): string {
  const args = actionArgs(t, a);
  return `(${[actionName(t, a), ...args].join(' ')})`;
}

const NONE: ConditionalEffect[] = [];

/** Action `a` as a plain object. */
export function groundAction(t: GroundTask, a: number): GroundAction {
  const x = t.actions;
  return {
    name: actionName(t, a),
    args: actionArgs(t, a),
    cost: x.cost[a]!,
    pre: row(x.pre, a),
    preNeg: row(x.preNeg, a),
    add: row(x.add, a),
    del: row(x.del, a),
    conditional: x.conditional.get(a) ?? NONE,
  };
}
