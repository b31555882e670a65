/**
 * Reasonable orderings (Hoffmann, Porteous & Sebastia 2004, as Fast Downward approximates
 * them): landmark A comes reasonably before B when B "interferes" with A, i.e. A cannot be
 * achieved while B holds: A and B are mutex, or every achiever of A also adds a fact mutex with
 * B. Checked against every goal landmark, and for other landmarks B against the other
 * natural predecessors (and their ancestors) of the landmarks B is greedy-necessary for.
 */
import type { LandmarkGraph } from './lm-types.js';
import type { LmOps } from './lm-ops.js';
import { row } from './task.js';
import type { GroundTask } from './task.js';

const REASONABLE = 1;
const NATURAL = 2;
const GREEDY_NECESSARY = 3;

export function addReasonableOrderings(
  g: LandmarkGraph,
  task: GroundTask,
  ops: LmOps,
  mutex: (a: number, b: number) => boolean,
): void {
  const sharedCache = new Map<number, number[]>();
  /** Facts every operator adding `a` adds too (unconditionally). */
  const sharedEffects = (a: number): number[] => {
    let s = sharedCache.get(a);
    if (s !== undefined) return s;
    s = [];
    let first = true;
    for (const o of row(ops.adders, a)) {
      if (ops.cond[o]) {
        s = [];
        break;
      }
      const adds = Array.from(row(ops.add, o)).filter((f) => f !== a);
      s = first ? adds : s.filter((f) => adds.includes(f));
      first = false;
      if (s.length === 0) break;
    }
    sharedCache.set(a, s);
    return s;
  };
  const interferes = (a: number, b: number): boolean =>
    mutex(a, b) || sharedEffects(a).some((e) => e !== b && mutex(e, b));
  const atomic = (i: number): boolean => g.atoms[i]!.length === 1;
  const add = (from: number, to: number): void => {
    if (from === to || g.parents[to]!.has(from)) return;
    g.parents[to]!.set(from, REASONABLE);
    g.children[from]!.set(to, REASONABLE);
  };
  const ancestors = (i: number, out: Set<number>): void => {
    for (const [p, t] of g.parents[i]!)
      if (t >= NATURAL && !out.has(p)) {
        out.add(p);
        ancestors(p, out);
      }
  };
  const n = g.atoms.length;
  void task;
  for (let b = 0; b < n; b++) {
    if (!atomic(b)) continue;
    const fb = g.atoms[b]![0]!;
    const candidates = new Set<number>();
    if (g.isGoal[b]) for (let a = 0; a < n; a++) candidates.add(a);
    else
      for (const [c, t] of g.children[b]!) {
        if (t < GREEDY_NECESSARY) continue;
        for (const [p, pt] of g.parents[c]!)
          if (pt >= NATURAL && p !== b && atomic(p)) {
            candidates.add(p);
            ancestors(p, candidates);
          }
      }
    for (const a of candidates)
      if (a !== b && atomic(a) && g.atoms[a]![0] !== fb && interferes(g.atoms[a]![0]!, fb))
        add(a, b);
  }
}
