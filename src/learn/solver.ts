/**
 * Exact questions about the effects the observations allow, answered by a small
 * backtracking search over the atoms' possible effects (propagation at every node).
 * "Possible" means: some STRIPS model that explains every observation has it. A search
 * that exceeds its budget answers "possible", which only makes the learned model more
 * cautious.
 */
import { ADD, DEL, NONE, propagate, surely } from './evidence.js';
import type { Constraint } from './evidence.js';

const BUDGET = 20_000;
const BITS = [ADD, DEL, NONE];

/** A model's narrowed masks (every constraint surely holds), or undefined when none exists. */
function search(
  masks: number[],
  constraints: readonly Constraint[],
  budget: { left: number },
): number[] | undefined {
  if (--budget.left < 0) return masks;
  if (propagate(masks, constraints) >= 0) return undefined;
  const open = constraints.find((c) => !surely(c, masks));
  if (open === undefined) return masks;
  const i = open.members.find((x) => BITS.filter((b) => (masks[x]! & b) !== 0).length > 1)!;
  for (const bit of BITS) {
    if ((masks[i]! & bit) === 0) continue;
    const next = [...masks];
    next[i] = bit;
    const found = search(next, constraints, budget);
    if (found !== undefined) return found;
  }
  return undefined;
}

export class EffectSpace {
  constructor(
    /** Masks after propagation. */
    readonly masks: readonly number[],
    private readonly constraints: readonly Constraint[],
  ) {}

  /** Whether some model satisfies `extra` too, with the atoms restricted by `restrict`. */
  possible(extra: Constraint[], restrict: Map<number, number> = new Map()): boolean {
    const m = [...this.masks];
    for (const [i, allowed] of restrict) m[i] = m[i]! & allowed;
    if (m.some((x) => x === 0)) return false;
    return search(m, [...this.constraints, ...extra], { left: BUDGET }) !== undefined;
  }

  /** Every atom's effects that some model has: the masks made exact. */
  exact(): number[] {
    const any = search([...this.masks], this.constraints, { left: BUDGET });
    if (any === undefined) return this.masks.map(() => 0);
    // An atom no constraint mentions takes any of its effects whatever the others do.
    const coupled = new Set(this.constraints.flatMap((c) => c.members));
    const out = this.masks.map((m, i) => (coupled.has(i) ? any[i]! : m));
    for (const i of coupled)
      for (const bit of BITS) {
        if ((this.masks[i]! & bit) === 0 || (out[i]! & bit) !== 0) continue;
        const m = [...this.masks];
        m[i] = bit;
        const found = search(m, this.constraints, { left: BUDGET });
        if (found !== undefined) found.forEach((x, j) => (out[j] = out[j]! | x));
      }
    return out;
  }
}
