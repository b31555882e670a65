/**
 * Which searches a run does, in order: LAMA-first (lazy greedy best-first search with h_FF
 * and the landmark count, preferred operators), its plan shortened by action elimination; with `anytime`, weighted A* after it with
 * falling weights, each pruned by the best cost so far; with `optimal`, A* with h_max.
 */
import { makeHeuristic } from './heuristics.js';
import { landmarkHeuristic } from './landmarks.js';
import { findLandmarks, makeLandmarkCount } from './landmarks-zg.js';
import { eliminateActions } from './post.js';
import { lazyGbfs, weightedAstar } from './search.js';
import type { Counters, Outcome } from './search.js';
import { makeSpace } from './state-space.js';
import type { Space } from './state-space.js';
import type { GroundTask } from './task.js';
import type { PlanOptions } from './types.js';

export interface Best {
  /** Plans found so far. */
  plans: number;
  outcome?: Outcome & { kind: 'solved' };
  /** Set when no plan cheaper than `outcome` exists (A* with h_max, or an exhausted bounded search). */
  proven?: boolean;
}

/** The weights of the anytime phase, as in LAMA: the last one repeats while it keeps finding plans. */
const ANYTIME_WEIGHTS = [5, 3, 2, 1];

/** The plan without redundant steps (action elimination), and its cost. */
function shorten(space: Space, r: Outcome & { kind: 'solved' }): Outcome & { kind: 'solved' } {
  const actions = eliminateActions(space, r.actions);
  if (actions.length === r.actions.length) return r;
  const { unitCost, actions: x } = space.task;
  const cost = actions.reduce((s, a) => s + (unitCost ? 1 : x.cost[a]!), 0);
  return { kind: 'solved', actions, cost };
}

function record(best: Best, r: Outcome & { kind: 'solved' }): void {
  best.outcome = r;
  best.plans++;
}

/** The searches as one generator: yields between steps, returns the final outcome. */
export function* searchSteps(
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
    if (r.kind === 'solved') record(best, r);
    best.proven = r.kind === 'solved';
    return r;
  }
  const costType = task.unitCost ? 'unit' : 'plusone';
  const heuristics = [makeHeuristic(task, 'ff', costType)];
  const init = new Uint8Array(task.facts.length);
  for (const f of task.init) init[f] = 1;
  if (space.hasRules) space.derive(init);
  if (options.landmarks === 'rhw') {
    const lm = landmarkHeuristic(task, init);
    if (lm) heuristics.push(lm);
  } else {
    const lm = findLandmarks(task, init);
    if (lm && lm.facts.length > 0) heuristics.push(makeLandmarkCount(task, lm));
  }
  const found = yield* lazyGbfs(space, heuristics, counters);
  if (found.kind !== 'solved') return found;
  const first = shorten(space, found);
  record(best, first);
  if (!options.anytime) return first;
  let incumbent: Outcome & { kind: 'solved' } = first;
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
    incumbent = shorten(space, r);
    record(best, incumbent);
  }
  best.proven = true;
  return incumbent;
}
