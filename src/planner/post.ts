/**
 * Plan post-processing: action elimination (Fink & Yang 1992; Nakhost & Müller 2010). A
 * greedy search leaves detours in its plans (an action undone later, a vehicle moved and
 * moved back); removing step i, and every later step that is no longer applicable without
 * it, gives a shorter valid plan whenever what remains still reaches the goal. One pass over
 * the plan, each candidate checked by simulating the rest of the plan: quadratic in the plan
 * length, bounded by a fixed amount of work, so it never costs more than a fraction of a
 * search. The plan's cost never grows (costs are non-negative).
 */
import { applicable, applyAction, isGoal } from './state-space.js';
import type { Space } from './state-space.js';

/** Action applications allowed for one elimination (about a tenth of a second). */
const WORK = 3_000_000;

function step(space: Space, a: number, from: Uint8Array, to: Uint8Array): void {
  applyAction(space, a, from, to);
  if (space.hasRules) {
    to.fill(0, space.task.basicCount);
    space.derive(to);
  }
}

/**
 * Simulates `plan` from `start` skipping step `skip` and every later step that is not
 * applicable; returns the kept steps' mask when the goal holds at the end, else undefined.
 */
function without(
  space: Space,
  plan: readonly number[],
  skip: number,
  start: Uint8Array,
  bufs: [Uint8Array, Uint8Array],
): Uint8Array | undefined {
  let [cur, next] = bufs;
  cur.set(start);
  const keep = new Uint8Array(plan.length).fill(1);
  keep[skip] = 0;
  for (let j = skip + 1; j < plan.length; j++) {
    const a = plan[j]!;
    if (!applicable(space, a, cur)) {
      keep[j] = 0;
      continue;
    }
    step(space, a, cur, next);
    [cur, next] = [next, cur];
  }
  return isGoal(space.task, cur) ? keep : undefined;
}

/** The plan with redundant steps removed (same or lower cost; the plan itself when none is). */
export function eliminateActions(space: Space, plan: readonly number[]): number[] {
  const F = space.task.facts.length;
  let cur = new Uint8Array(F);
  let next = new Uint8Array(F);
  const bufs: [Uint8Array, Uint8Array] = [new Uint8Array(F), new Uint8Array(F)];
  for (const f of space.task.init) cur[f] = 1;
  if (space.hasRules) space.derive(cur);
  let steps = [...plan];
  let work = 0;
  for (let i = 0; i < steps.length; i++) {
    work += steps.length - i;
    if (work > WORK) break;
    const keep = without(space, steps, i, cur, bufs);
    if (keep) {
      steps = steps.filter((_, j) => keep[j]);
      i--; // step i is now what followed it; `cur` is still the state before it
      continue;
    }
    step(space, steps[i]!, cur, next);
    [cur, next] = [next, cur];
  }
  return steps;
}
