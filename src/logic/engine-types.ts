/** Types of the engine's public surface and of its per-rule bookkeeping (engine.ts). */
import type { Plan } from './plan-types.js';
import type { Delta } from './rows.js';
import type { Relation } from './relation.js';
import type { Atom, Rule } from './types.js';

/** Facts whose truth changed in one update (base or derived), sorted. */
export interface Changes {
  added: Atom[];
  removed: Atom[];
}

/** A rule of the program with where it writes and its join plans, compiled per delta position on first use. */
export interface RuleInfo {
  rule: Rule;
  head: Relation;
  component: number;
  hasPositive: boolean;
  /** Relations read inside count aggregates: any change to them re-evaluates the rule fully. */
  aggregated: Relation[];
  plans: Map<number, Plan>;
  headPlan?: Plan;
}

/**
 * How the insert fixpoint runs. `semi-naive` (the default): after the first round, each
 * rule joins only the rows derived in the previous round (deltas). `naive`: every round
 * runs every rule of the component over its full relations, until a round adds nothing.
 * Same indexes, encoding and results; naive is a reference and benchmark baseline.
 */
export type EvaluationStrategy = 'semi-naive' | 'naive';

export interface EngineOptions {
  strategy?: EvaluationStrategy;
}

/** Work done by the insert fixpoints so far. */
export interface EvaluationStats {
  /** Rounds, summed over components and updates. */
  rounds: number;
  /** Rule instances fired (head tuples produced, duplicates included). */
  derivations: number;
}

/**
 * What an incremental update needs of the engine (the Engine class has it). Named here so
 * that update.ts does not import engine.ts, which imports it.
 */
export interface UpdateHost {
  readonly components: Relation[][];
  readonly componentOf: number[];
  readonly rulesOfComponent: RuleInfo[][];
  readonly strategy: EvaluationStrategy;
  readonly stats: EvaluationStats;
  relation(predicate: string): Relation;
  run(
    info: RuleInfo,
    deltaAt: number,
    delta: Delta | undefined,
    mask: number,
    emit: (h: Int32Array) => void,
  ): void;
  tick(): number;
  limit(rel: Relation, lim: number): void;
  derivation(
    rel: Relation,
    row: number,
    accept: (info: RuleInfo, plan: Plan) => boolean,
  ): { info: RuleInfo; regs: Int32Array } | undefined;
}
