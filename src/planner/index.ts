/**
 * The planner: parse (done by the caller) → ground → search → validate.
 *
 *   const result = await plan(domain, problem, { timeLimitMs: 10_000 });
 *   if (result.status === 'solved') console.log(formatPlan(result.plan, result.cost, result.unitCost));
 *
 * "No plan" is a result: status 'unsolvable' (proven) or 'limit' (time, memory, abort).
 */
import type { Domain, PlanStep, Problem } from '../pddl/ast.js';
import { ground, GroundingStopped } from './ground.js';
import { makeHeuristic } from './heuristics.js';
import { findLandmarks, makeLandmarkCount } from './landmarks.js';
import { lazyGbfs, weightedAstar } from './search.js';
import type { Counters, Outcome } from './search.js';
import { makeSpace, StateLimitError } from './state-space.js';
import { actionArgs, actionName } from './task.js';
import type { GroundTask } from './task.js';
import type { PlanOptions, PlanResult, SearchStats } from './types.js';
import { validate } from './validator/index.js';

export type * from './types.js';
export type { GroundTask, GroundAction, ConditionalEffect } from './task.js';
export { ground } from './ground.js';
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

interface Best {
  outcome?: Outcome & { kind: 'solved' };
  /** Set when no plan cheaper than `outcome` exists (A* with h_max, or an exhausted bounded search). */
  proven?: boolean;
}

/** The weights of the anytime phase, as in LAMA: the last one repeats while it keeps finding plans. */
const ANYTIME_WEIGHTS = [5, 3, 2, 1];

/** The search pipeline as one generator: yields between steps, returns the final outcome. */
function* searchSteps(
  task: GroundTask,
  options: PlanOptions,
  counters: Counters,
  best: Best,
): Generator<void, Outcome> {
  const space = makeSpace(task);
  if (options.optimal) {
    const r = yield* weightedAstar(
      space,
      makeHeuristic(task, 'max', 'real'),
      1,
      Infinity,
      counters,
    );
    best.proven = r.kind === 'solved';
    return r;
  }
  const costType = task.unitCost ? 'unit' : 'plusone';
  const heuristics = [makeHeuristic(task, 'ff', costType)];
  const init = new Uint8Array(task.facts.length);
  for (const f of task.init) init[f] = 1;
  if (space.hasRules) space.derive(init);
  const lms = findLandmarks(task, init);
  if (lms && lms.facts.length > 0) heuristics.push(makeLandmarkCount(task, lms));
  const first = yield* lazyGbfs(space, heuristics, counters);
  if (first.kind !== 'solved' || !options.anytime) return first;
  let incumbent: Outcome & { kind: 'solved' } = first;
  best.outcome = first;
  const ff = makeHeuristic(task, 'ff', task.unitCost ? 'unit' : 'real');
  // Each search prunes paths costing as much as the incumbent, so each plan it finds is
  // strictly cheaper. Pruning is by g and by dead ends (h = ∞) only, and the search reopens
  // nodes, so a search that exhausts its space proves that no cheaper plan exists.
  for (let i = 0; ; i = Math.min(i + 1, ANYTIME_WEIGHTS.length - 1)) {
    const r: Outcome = yield* weightedAstar(
      space,
      ff,
      ANYTIME_WEIGHTS[i]!,
      incumbent.cost,
      counters,
    );
    if (r.kind !== 'solved') break;
    incumbent = r;
    best.outcome = r;
  }
  best.proven = true;
  return incumbent;
}

function toSteps(task: GroundTask, actions: number[]): PlanStep[] {
  return actions.map((a) => ({ action: actionName(task, a), args: actionArgs(task, a) }));
}

interface Run {
  task: GroundTask | undefined;
  gen: Generator<void, Outcome> | undefined;
  /** Set when the budget ran out during grounding. */
  stopped?: 'time' | 'aborted' | 'memory';
  counters: Counters;
  best: Best;
  start: number;
  groundingMs: number;
}

function begin(domain: Domain, problem: Problem, options: PlanOptions, t0: number): Run {
  const start = performance.now();
  const counters: Counters = { expansions: 0, evaluations: 0, generated: 0, bestH: Infinity };
  const best: Best = {};
  let task: GroundTask;
  try {
    task = ground(domain, problem, () => overBudget(options, t0));
  } catch (err) {
    if (!(err instanceof GroundingStopped)) throw err;
    return {
      task: undefined,
      gen: undefined,
      stopped: err.reason,
      counters,
      best,
      start: performance.now(),
      groundingMs: performance.now() - start,
    };
  }
  const groundingMs = performance.now() - start;
  const gen = task.goalUnreachable ? undefined : searchSteps(task, options, counters, best);
  return { task, gen, counters, best, start: performance.now(), groundingMs };
}

function stats(run: Run): SearchStats {
  return {
    expansions: run.counters.expansions,
    evaluations: run.counters.evaluations,
    generated: run.counters.generated,
    groundActions: run.task?.actions.count ?? 0,
    groundFacts: run.task?.facts.length ?? 0,
    groundingMs: Math.round(run.groundingMs),
    searchMs: Math.round(performance.now() - run.start),
    provenOptimal: run.best.proven === true,
  };
}

function finish(
  domain: Domain,
  problem: Problem,
  run: Run,
  outcome: Outcome | 'time' | 'aborted' | 'memory',
): PlanResult {
  const solved =
    typeof outcome === 'object' && outcome.kind === 'solved' ? outcome : run.best.outcome;
  if (solved) {
    const plan = toSteps(run.task!, solved.actions);
    // The planner checks its own plan with the independent validator before returning it.
    const check = validate(domain, problem, plan);
    if (!check.valid)
      throw new Error(`internal error: the planner produced an invalid plan: ${check.message}`);
    return {
      status: 'solved',
      plan,
      cost: check.cost,
      unitCost: check.unitCost,
      stats: stats(run),
    };
  }
  if (typeof outcome === 'object') return { status: 'unsolvable', stats: stats(run) };
  return { status: 'limit', reason: outcome, stats: stats(run) };
}

/** One step of the budget check: 'time' or 'aborted' when the search must stop. */
function overBudget(options: PlanOptions, t0: number): 'time' | 'aborted' | undefined {
  if (options.signal?.aborted) return 'aborted';
  if (options.timeLimitMs !== undefined && performance.now() - t0 > options.timeLimitMs)
    return 'time';
  return undefined;
}

/**
 * Finds a plan. Async so that it yields to the event loop between search steps and
 * honours `options.signal`; the time limit counts grounding too.
 */
export async function plan(
  domain: Domain,
  problem: Problem,
  options: PlanOptions = {},
): Promise<PlanResult> {
  const t0 = performance.now();
  if (options.signal?.aborted) return { status: 'limit', reason: 'aborted', stats: emptyStats() };
  const run = begin(domain, problem, options, t0);
  let lastYield = performance.now();
  let lastProgress = 0;
  for (;;) {
    const result = advance(domain, problem, run, options, t0);
    if (result) return result;
    const now = performance.now();
    if (options.onProgress && now - lastProgress > 200) {
      lastProgress = now;
      const p = {
        expansions: run.counters.expansions,
        bestH: run.counters.bestH,
        elapsedMs: Math.round(now - t0),
      };
      options.onProgress(run.best.outcome ? { ...p, bestCost: run.best.outcome.cost } : p);
    }
    if (now - lastYield > 20) {
      await new Promise<void>((r) => setImmediate(r));
      lastYield = performance.now();
    }
  }
}

/** `plan` without yielding to the event loop (so `signal` is only seen if already aborted elsewhere). */
export function planSync(domain: Domain, problem: Problem, options: PlanOptions = {}): PlanResult {
  const t0 = performance.now();
  const run = begin(domain, problem, options, t0);
  for (;;) {
    const result = advance(domain, problem, run, options, t0);
    if (result) return result;
  }
}

/** One search step (up to the next yield of the search); the result once the search is over. */
function advance(
  domain: Domain,
  problem: Problem,
  run: ReturnType<typeof begin>,
  options: PlanOptions,
  t0: number,
): PlanResult | undefined {
  if (run.stopped) return finish(domain, problem, run, run.stopped);
  if (!run.gen) return { status: 'unsolvable', stats: stats(run) };
  let step: IteratorResult<void, Outcome>;
  try {
    step = run.gen.next();
  } catch (err) {
    if (err instanceof StateLimitError) return finish(domain, problem, run, 'memory');
    throw err;
  }
  if (step.done) return finish(domain, problem, run, step.value);
  const stop = overBudget(options, t0);
  return stop ? finish(domain, problem, run, stop) : undefined;
}

function emptyStats(): SearchStats {
  return {
    expansions: 0,
    evaluations: 0,
    generated: 0,
    groundActions: 0,
    groundFacts: 0,
    groundingMs: 0,
    searchMs: 0,
    provenOptimal: false,
  };
}
