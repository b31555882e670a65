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
  /** Ground actions and facts after grounding. */
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
}

export interface SearchProgress {
  expansions: number;
  /** Best (lowest) heuristic value seen so far. */
  bestH: number;
  elapsedMs: number;
  /** Cost of the best plan found so far (anytime search), if any. */
  bestCost?: number;
}

export interface PlanOptions {
  /** Stop after this many milliseconds (default: no limit). */
  timeLimitMs?: number;
  /** Stop when aborted; the result then has status 'limit'. */
  signal?: AbortSignal;
  /**
   * Keep improving the plan (weighted A* with falling weights, then w = 1 repeatedly, each
   * pruned by the best cost) until the time limit, or until a search finds no cheaper plan.
   */
  anytime?: boolean;
  /** Find a cost-optimal plan (A* with an admissible heuristic). */
  optimal?: boolean;
  /** Called now and then during search, for progress display. */
  onProgress?: (progress: SearchProgress) => void;
}

export type PlanResult =
  | { status: 'solved'; plan: PlanStep[]; cost: number; unitCost: boolean; stats: SearchStats }
  /** The search space was exhausted: no plan exists. */
  | { status: 'unsolvable'; stats: SearchStats }
  /** Time limit, memory limit or abort reached before a plan was found. */
  | { status: 'limit'; reason: 'time' | 'memory' | 'aborted'; stats: SearchStats };
