/**
 * The ground (propositional) task the search works on. Facts are integers: the basic
 * (fluent) facts come first, `0 .. basicCount-1`, and are what a state stores; derived
 * facts (derived predicates and the artificial goal fact) follow and are recomputed
 * from the basic ones in every state.
 */
import type { GroundRule } from '../logic/ground-fixpoint.js';

export interface ConditionalEffect {
  pos: Int32Array;
  neg: Int32Array;
  /** The fact it adds, or -1. */
  add: number;
  /** The fact it deletes, or -1. */
  del: number;
}

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

export interface GroundTask {
  /** Fact names such as `(on a b)`, indexed by fact id. */
  facts: string[];
  basicCount: number;
  actions: GroundAction[];
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
}
