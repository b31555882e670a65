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

/** What the landmark sum keeps: the graph's orderings as arrays, and past/future bits per state. */
interface SumState {
  g: LandmarkGraph;
  L: number;
  W: number;
  /** Per state id: past bits then future bits. */
  store: Uint32Array;
  gnChildren: Int32Array[];
  reasonableParents: Int32Array[];
  anyParents: Int32Array[];
  achievedBy: number[][];
}

function isTrue(g: LandmarkGraph, truth: Uint8Array, i: number): boolean {
  for (const f of g.atoms[i]!) if (truth[f]) return true;
  return false;
}

function set(s: SumState, off: number, i: number): void {
  s.store[off + (i >>> 5)]! |= 1 << (i & 31);
}

/** Past and future landmarks of the initial state. */
function progressInitial(s: SumState, truth: Uint8Array, past: number, fut: number): void {
  for (let i = 0; i < s.L; i++) {
    if (!isTrue(s.g, truth, i)) {
      set(s, fut, i);
      continue;
    }
    set(s, past, i);
    for (const p of s.anyParents[i]!) if (!isTrue(s.g, truth, p)) set(s, fut, i);
  }
}

/** Past and future landmarks after a transition from the parent (`before`) to `truth`. */
function progressTransition(
  s: SumState,
  truth: Uint8Array,
  before: Uint8Array,
  parent: number,
  past: number,
): void {
  const { store, W } = s;
  const fut = past + W;
  const pPast = parent * 2 * W;
  const pFut = pPast + W;
  store.copyWithin(past, pPast, pPast + W);
  for (let i = 0; i < s.L; i++) {
    if (!bit(store, pFut, i)) {
      set(s, past, i); // not future in the parent: it was past there
      continue;
    }
    if (!isTrue(s.g, truth, i) || isTrue(s.g, before, i)) set(s, fut, i);
    else set(s, past, i);
  }
}

/** Goals that are false, landmarks needed again, landmarks with a reasonable parent not yet reached: future. */
function progressOrderings(s: SumState, truth: Uint8Array, past: number): void {
  const { store, g } = s;
  const fut = past + s.W;
  for (let i = 0; i < s.L; i++) {
    if (g.isGoal[i] && !isTrue(g, truth, i)) set(s, fut, i);
    if (s.gnChildren[i]!.length > 0 && !isTrue(g, truth, i))
      for (const c of s.gnChildren[i]!)
        if (!bit(store, past, c)) {
          set(s, fut, i);
          break;
        }
    for (const p of s.reasonableParents[i]!)
      if (!bit(store, past, p)) {
        set(s, fut, i);
        break;
      }
  }
}

/** The number of future landmarks; Infinity when one of them can no longer be achieved. */
function futureCount(s: SumState, past: number): number {
  const { store, g } = s;
  const fut = past + s.W;
  let h = 0;
  for (let i = 0; i < s.L; i++) {
    if (!bit(store, fut, i)) continue;
    if (bit(store, past, i) ? !g.achievable[i] : !g.firstAchievable[i]) return Infinity;
    h++;
  }
  return h;
}

/** A landmark not reached whose natural predecessors are all reached (LAMA's preferred). */
function isLeaf(s: SumState, past: number, i: number): boolean {
  if (bit(s.store, past, i)) return false;
  for (const [p, t] of s.g.parents[i]!) if (t >= 2 && !bit(s.store, past, p)) return false;
  return true;
}

/** The applicable actions that achieve a future landmark (a leaf one with `leaf`). */
function preferredActions(
  s: SumState,
  task: GroundTask,
  applicable: Uint8Array,
  past: number,
  leaf: boolean,
  out: number[],
): void {
  const fut = past + s.W;
  const x = task.actions;
  for (let a = 0; a < x.count; a++) {
    if (!applicable[a]) continue;
    const adds = row(x.add, a);
    let pref = false;
    for (let k = 0; k < adds.length && !pref; k++)
      for (const i of s.achievedBy[adds[k]!]!)
        if (bit(s.store, fut, i) && (!leaf || isLeaf(s, past, i))) pref = true;
    if (pref) out.push(a);
  }
}

function sumState(task: GroundTask, g: LandmarkGraph): SumState {
  const L = g.atoms.length;
  const W = Math.max(1, Math.ceil(L / 32));
  const achievedBy: number[][] = Array.from({ length: task.facts.length }, () => []);
  g.atoms.forEach((atoms, i) => {
    for (const f of atoms) achievedBy[f]!.push(i);
  });
  return {
    g,
    L,
    W,
    store: new Uint32Array(1024 * 2 * W),
    gnChildren: g.children.map((m) =>
      Int32Array.from([...m].flatMap(([c, t]) => (t === GREEDY_NECESSARY ? [c] : []))),
    ),
    reasonableParents: g.parents.map((m) =>
      Int32Array.from([...m].flatMap(([p, t]) => (t === REASONABLE ? [p] : []))),
    ),
    anyParents: g.parents.map((m) => Int32Array.from(m.keys())),
    achievedBy,
  };
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
  const s = sumState(task, g);
  return {
    graph: g,
    evaluate(truth, preferred, state) {
      const id = state?.id ?? 0;
      const parent = state?.parent ?? -1;
      if ((id + 1) * 2 * s.W > s.store.length) {
        const grown = new Uint32Array(Math.max(s.store.length * 2, (id + 1) * 2 * s.W));
        grown.set(s.store);
        s.store = grown;
      }
      const past = id * 2 * s.W;
      s.store.fill(0, past, past + 2 * s.W);
      if (parent < 0) progressInitial(s, truth, past, past + s.W);
      else progressTransition(s, truth, state!.parentTruth!, parent, past);
      progressOrderings(s, truth, past);
      const h = futureCount(s, past);
      if (preferred) preferred.length = 0;
      if (h !== Infinity && preferred && prefer !== 'none' && state?.applicable)
        preferredActions(s, task, state.applicable, past, prefer === 'leaf', preferred);
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
