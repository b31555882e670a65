/**
 * The planner: parse (done by the caller) → ground → search → validate.
 *
 *   const result = await plan(domain, problem, { timeLimitMs: 10_000 });
 *   if (result.status === 'solved') console.log(formatPlan(result.plan, result.cost, result.unitCost));
 *
 * "No plan" is a result: status 'unsolvable' (proven) or 'limit' (time, memory, abort).
 */
import type { Domain, Problem } from '../pddl/ast.js';
import { Driver } from './pipeline.js';
import type { PlanOptions, PlanResult } from './types.js';

export type * from './types.js';
export type { GroundTask, GroundAction, ConditionalEffect, ActionTable, Rows } from './task.js';
export { actionLabel, actionName, actionArgs, groundAction } from './task.js';
export { ground, groundSteps, GroundingStopped } from './ground.js';
export type { GroundingProgress } from './ground.js';
export { defaultMemoryLimitMb } from './budget.js';
export { HEURISTICS, makeHeuristic } from './heuristics.js';
export type { HeuristicInfo, HeuristicName, CostType, CostQueue } from './heuristics.js';

export interface SearchInfo {
  name: 'lama-first' | 'anytime' | 'astar';
  description: string;
  heuristic: 'ff' | 'max';
  /** Whether the first plan it returns is cost-optimal. */
  optimal: boolean;
  /** The PlanOptions that select it. */
  selectedBy: string;
}

/** The searches `plan()` can run, and what each can do. */
export const SEARCHES: readonly SearchInfo[] = [
  {
    name: 'lama-first',
    description:
      'lazy greedy best-first search, h_FF, preferred-operator queue boosted on progress',
    heuristic: 'ff',
    optimal: false,
    selectedBy: '(default)',
  },
  {
    name: 'anytime',
    description:
      'lama-first, then weighted A* (w = 5, 3, 2, then 1 repeatedly) pruned by the best cost, until the limit or until a bounded search exhausts (the plan is then optimal)',
    heuristic: 'ff',
    optimal: false,
    selectedBy: 'anytime: true',
  },
  {
    name: 'astar',
    description: 'A* with the admissible h_max',
    heuristic: 'max',
    optimal: true,
    selectedBy: 'optimal: true',
  },
];

/** How often `plan()` gives the event loop a turn, in milliseconds. */
const YIELD_EVERY_MS = 20;

/**
 * Finds a plan. Async so that it yields to the event loop between steps (grounding included)
 * and honours `options.signal`; the time limit counts grounding too.
 */
export async function plan(
  domain: Domain,
  problem: Problem,
  options: PlanOptions = {},
): Promise<PlanResult> {
  const run = new Driver(domain, problem, options);
  let lastYield = performance.now();
  for (;;) {
    const result = run.step();
    if (result) return result;
    if (performance.now() - lastYield > YIELD_EVERY_MS) {
      await new Promise<void>((r) => setImmediate(r));
      lastYield = performance.now();
    }
  }
}

/** `plan` without yielding to the event loop (so `signal` is only seen if aborted synchronously). */
export function planSync(domain: Domain, problem: Problem, options: PlanOptions = {}): PlanResult {
  const run = new Driver(domain, problem, options);
  for (;;) {
    const result = run.step();
    if (result) return result;
  }
}
