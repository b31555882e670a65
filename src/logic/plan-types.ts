/** The shapes of compiled join plans, apart from the compiler so its steps can name them. */
import type { Relation } from './relation.js';
import type { Rule, Value } from './types.js';

/**
 * What a run reads: rows whose state has a bit of `mask`, and (per relation) row < lim.
 * The delta literal reads rows deltaLo..deltaHi-1, then delta[0..deltaLen-1].
 */
export interface RunEnv {
  mask: number;
  lim: Int32Array;
  delta: Int32Array;
  deltaLen: number;
  deltaLo: number;
  deltaHi: number;
  stop: boolean;
  emit: (head: Int32Array) => void;
}

export interface Plan {
  rule: Rule;
  /** variable name -> register */
  vars: Map<string, number>;
  regs: Int32Array;
  head: Int32Array;
  /** Body position read from `env.delta`, or -1. */
  deltaAt: number;
  run: (env: RunEnv) => void;
}

export interface PlanContext {
  relation: (predicate: string) => Relation;
  intern: (v: Value) => number;
  values: Value[];
}
