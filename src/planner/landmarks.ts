/**
 * The landmark-sum heuristic (LAMA's landmark count, unit costs) with landmark progression as
 * in Fast Downward (Büchner et al. 2023): each state carries the landmarks reached on its path
 * ("past") and those still needed ("future"). A landmark is future when not yet reached, when
 * it held before this transition and holds still (it was not achieved by it), when it is a goal
 * that is false, when it is false and greedy-necessarily ordered before a landmark not yet
 * reached (needed again), or when a reasonable predecessor is not yet reached.
 * h = the number of future landmarks; a future landmark nothing can achieve is a dead end.
 */
import type { Heuristic } from './heuristics.js';
import { buildLandmarkGraph, GREEDY_NECESSARY, REASONABLE } from './lm-graph.js';
import type { LandmarkGraph } from './lm-graph.js';
import { row } from './task.js';
import type { GroundTask } from './task.js';

export type { LandmarkGraph } from './lm-graph.js';
export { buildLandmarkGraph } from './lm-graph.js';

const bit = (a: Uint32Array, off: number, i: number): number =>
  (a[off + (i >>> 5)]! >>> (i & 31)) & 1;

export interface LandmarkHeuristic extends Heuristic {
  graph: LandmarkGraph;
}

/**
 * The landmark-sum heuristic for `task`. `evaluate` needs the state's id, its parent's (-1 for
 * the initial state) and the parent's truth vector; with `preferred`, operators achieving a
 * future landmark are preferred (Fast Downward's `pref=true`; LAMA-first does without).
 */
export function makeLandmarkSum(
  task: GroundTask,
  g: LandmarkGraph,
  prefer: 'none' | 'future' | 'leaf' = 'none',
): LandmarkHeuristic {
  const L = g.atoms.length;
  const W = Math.max(1, Math.ceil(L / 32));
  /** Per state id: past bits then future bits. */
  let store = new Uint32Array(1024 * 2 * W);
  const isTrue = (truth: Uint8Array, i: number): boolean => {
    for (const f of g.atoms[i]!) if (truth[f]) return true;
    return false;
  };
  const gnChildren = g.children.map((m) =>
    Int32Array.from([...m].flatMap(([c, t]) => (t === GREEDY_NECESSARY ? [c] : []))),
  );
  const reasonableParents = g.parents.map((m) =>
    Int32Array.from([...m].flatMap(([p, t]) => (t === REASONABLE ? [p] : []))),
  );
  const anyParents = g.parents.map((m) => Int32Array.from(m.keys()));
  const achievedBy: number[][] = Array.from({ length: task.facts.length }, () => []);
  g.atoms.forEach((atoms, i) => {
    for (const f of atoms) achievedBy[f]!.push(i);
  });
  const x = task.actions;
  /** A landmark not reached whose natural predecessors are all reached (LAMA's preferred). */
  let leafOff = 0;
  const leaf = (i: number): boolean => {
    if (bit(store, leafOff, i)) return false;
    for (const [p, t] of g.parents[i]!) if (t >= 2 && !bit(store, leafOff, p)) return false;
    return true;
  };
  const set = (off: number, i: number): void => {
    store[off + (i >>> 5)]! |= 1 << (i & 31);
  };
  const clear = (off: number, i: number): void => {
    store[off + (i >>> 5)]! &= ~(1 << (i & 31));
  };

  return {
    graph: g,
    evaluate(truth, preferred, state) {
      const id = state?.id ?? 0;
      const parent = state?.parent ?? -1;
      if ((id + 1) * 2 * W > store.length) {
        const s = new Uint32Array(Math.max(store.length * 2, (id + 1) * 2 * W));
        s.set(store);
        store = s;
      }
      const past = id * 2 * W;
      const fut = past + W;
      store.fill(0, past, past + 2 * W);
      if (parent < 0) {
        for (let i = 0; i < L; i++) {
          if (!isTrue(truth, i)) {
            set(fut, i);
            continue;
          }
          set(past, i);
          for (const p of anyParents[i]!) if (!isTrue(truth, p)) set(fut, i);
        }
      } else {
        const pPast = parent * 2 * W;
        const pFut = pPast + W;
        const before = state!.parentTruth!;
        store.copyWithin(past, pPast, pPast + W);
        for (let i = 0; i < L; i++) {
          if (!bit(store, pFut, i)) {
            set(past, i); // not future in the parent: it was past there
            continue;
          }
          const now = isTrue(truth, i);
          if (!now) set(fut, i);
          else if (isTrue(before, i)) set(fut, i);
          else set(past, i);
        }
        void clear;
      }
      for (let i = 0; i < L; i++) {
        if (g.isGoal[i] && !isTrue(truth, i)) set(fut, i);
        if (gnChildren[i]!.length > 0 && !isTrue(truth, i))
          for (const c of gnChildren[i]!)
            if (!bit(store, past, c)) {
              set(fut, i);
              break;
            }
        for (const p of reasonableParents[i]!)
          if (!bit(store, past, p)) {
            set(fut, i);
            break;
          }
      }
      leafOff = past;
      let h = 0;
      for (let i = 0; i < L; i++) {
        if (!bit(store, fut, i)) continue;
        if (bit(store, past, i) ? !g.achievable[i] : !g.firstAchievable[i]) return Infinity;
        h++;
      }
      if (preferred) preferred.length = 0;
      if (preferred && prefer !== 'none') {
        const applicable = state?.applicable;
        if (applicable)
          for (let a = 0; a < x.count; a++) {
            if (!applicable[a]) continue;
            const adds = row(x.add, a);
            let pref = false;
            for (let k = 0; k < adds.length && !pref; k++)
              for (const i of achievedBy[adds[k]!]!)
                if (bit(store, fut, i) && (prefer === 'future' || leaf(i))) pref = true;
            if (pref) preferred.push(a);
          }
      }
      return h;
    },
  };
}

/** The landmark-sum heuristic of `task` from its initial state (derived facts included in `init`). */
export function landmarkHeuristic(
  task: GroundTask,
  init: Uint8Array,
): LandmarkHeuristic | undefined {
  const g = buildLandmarkGraph(task, init);
  return g.atoms.length === 0 ? undefined : makeLandmarkSum(task, g);
}
