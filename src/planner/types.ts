/**
 * The planner's public result and option types. "No plan" is a result, not an
 * exception: the status says whether the task was solved, proven unsolvable, or
 * stopped by a limit.
 */
import type { PlanStep } from '../pddl/ast.js';

export interface SearchStats {
  /** Nodes expanded by the search. */
  expansions: number;
  /** Nodes whose heuristic was computed. */
  evaluations: number;
  /** Nodes generated. */
  generated: number;
  /** Ground actions and facts after grounding (while grounding: the actions found so far). */
  groundActions: number;
  groundFacts: number;
  /** Wall time in milliseconds for grounding and for search. */
  groundingMs: number;
  searchMs: number;
  /**
   * True when the plan is proven cost-optimal: `optimal` (A* with h_max) found it, or the
   * `anytime` search exhausted the space of cheaper plans before the limit.
   */
  provenOptimal: boolean;
  /** Plans found (anytime search finds several, each cheaper than the last). */
  plansFound: number;
  /** The lowest heuristic value the search reached (null before any evaluation). */
  bestH: number | null;
  /** Peak memory of the process (resident set, MB), as far as Node reports it. */
  peakRssMb: number;
}

/** What the planner is doing, for progress displays. */
export interface SearchProgress {
  phase: 'grounding' | 'search';
  /** Grounding: actions found so far; search: the task's ground actions. */
  groundActions: number;
  expansions: number;
  evaluations: number;
  /** Best (lowest) heuristic value seen so far (Infinity before any). */
  bestH: number;
  elapsedMs: number;
  plansFound: number;
  /** Cost of the best plan found so far (anytime search), if any. */
  bestCost?: number;
}

export interface PlanOptions {
  /** Stop after this many milliseconds (default: no limit). */
  timeLimitMs?: number;
  /**
   * Stop when the process's memory (resident set, or the JS heap near its limit) exceeds this
   * many MB; the result is then a limit with reason 'memory'. Default: the JS heap limit
   * (`--max-old-space-size`, about 4 GB by default on 64-bit machines).
   */
  memoryLimitMb?: number;
  /** Stop when aborted; the result then has status 'limit' (or the best plan found so far). */
  signal?: AbortSignal;
  /**
   * Keep improving the plan (weighted A* with falling weights, then w = 1 repeatedly, each
   * pruned by the best cost) until the time limit, or until a search finds no cheaper plan.
   */
  anytime?: boolean;
  /** Find a cost-optimal plan (A* with an admissible heuristic). */
  optimal?: boolean;
  /**
   * The landmarks of the greedy search's landmark heuristic: `'h1'` (default: Zhu & Givan's
   * fact landmarks with the landmark count) or `'rhw'` (LAMA's landmark graph with disjunctive
   * landmarks and reasonable orderings, landmark progression). Measured in docs/planner.md.
   */
  landmarks?: 'h1' | 'rhw';
  /** Called during grounding and search, at most every `progressIntervalMs`. */
  onProgress?: (progress: SearchProgress) => void;
  /** Default 200. */
  progressIntervalMs?: number;
  /** Called with each plan found (the anytime search finds several), before the search goes on. */
  onPlan?: (plan: PlanStep[], cost: number) => void;
  /** The clock, in milliseconds (default `performance.now`); tests pass a fake one. */
  now?: () => number;
}

export type PlanResult =
  | { status: 'solved'; plan: PlanStep[]; cost: number; unitCost: boolean; stats: SearchStats }
  /** The search space was exhausted: no plan exists. */
  | { status: 'unsolvable'; stats: SearchStats }
  /** Time limit, memory limit or abort reached before a plan was found, while grounding or searching. */
  | {
      status: 'limit';
      reason: 'time' | 'memory' | 'aborted';
      phase: 'grounding' | 'search';
      stats: SearchStats;
    };
