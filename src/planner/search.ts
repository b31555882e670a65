/**
 * Searches, written as generators that yield every few expansions so the caller can
 * check the budget (time limit, AbortSignal) and report progress between steps:
 *
 * - `lazyGbfs`: LAMA-first's core — greedy best-first search with deferred evaluation
 *   (successors enter the open lists with their parent's h), a regular and a
 *   preferred-operator queue in alternation, the preferred one boosted on progress.
 * - `weightedAstar`: eager best-first on g + w·h with reopening and an optional cost
 *   bound (w = 1 with an admissible heuristic is A*, optimal).
 */
import { FifoHeap } from './cost-queues.js';
import type { Heuristic, SearchState } from './heuristics.js';
import { IdList } from './id-list.js';
import { ChunkPool, IntLog, RunFifo } from './open-list.js';
import {
  applicableActions,
  applyAction,
  isGoal,
  packSuccessor,
  StateRegistry,
} from './state-space.js';
import type { Space } from './state-space.js';

export type Outcome = { kind: 'solved'; actions: number[]; cost: number } | { kind: 'unsolvable' };

export interface Counters {
  expansions: number;
  evaluations: number;
  generated: number;
  bestH: number;
}

/** How many expansions between two yields. */
const STEP = 64;
const CLOSED = 1;
const DEAD = 2;

function costOf(space: Space, a: number): number {
  return space.task.unitCost ? 1 : space.task.actions.cost[a]!;
}

function extract(reg: StateRegistry, id: number): number[] {
  const out: number[] = [];
  for (let s = id; reg.parent[s]! >= 0; s = reg.parent[s]!) out.push(reg.action[s]!);
  return out.reverse();
}

/** Scratch buffers for one search. */
function buffers(space: Space): { truth: Uint8Array; next: Uint8Array; buf: Uint32Array } {
  return {
    truth: new Uint8Array(space.task.facts.length),
    next: new Uint8Array(space.task.facts.length),
    buf: new Uint32Array(space.packer.words),
  };
}

function load(space: Space, reg: StateRegistry, id: number, truth: Uint8Array): void {
  reg.unpack(id, truth);
  if (space.hasRules) space.derive(truth);
}

function initialState(space: Space, reg: StateRegistry, bufs: ReturnType<typeof buffers>): number {
  bufs.next.fill(0);
  for (const f of space.task.init) bufs.next[f] = 1;
  space.packer.pack(bufs.next, bufs.buf, 0);
  return reg.insert(bufs.buf);
}

/** How much a preferred queue is favoured each time a heuristic reaches a new best value. */
const BOOST = 1000;

/** The working set of one lazy search: typed arrays and reused lists, no object per node. */
interface Lazy {
  space: Space;
  heuristics: Heuristic[];
  counters: Counters;
  reg: StateRegistry;
  /** The state being expanded (full truth vector). */
  truth: Uint8Array;
  /** The parent's truth vector; entries of one parent are often popped in a row. */
  other: Uint8Array;
  loaded: number;
  buf: Uint32Array;
  /**
   * Queue 2i is heuristic i's regular queue, 2i + 1 its preferred-operator queue; their
   * values are entries (indexes in `actions`), tagged with the parent state.
   */
  queues: RunFifo[];
  priority: number[];
  /** Entry e is the successor of its parent state by action `actions.get(e)`. */
  actions: IntLog;
  /** The parent state of the entry popped last (-1 for the initial state). */
  popParent: number;
  preferred: number[];
  isPref: Uint8Array;
  isApplicable: Uint8Array;
  state: SearchState;
  succ: IdList;
  hv: number[];
  marked: number[];
  bestH: number[];
}

function makeLazy(space: Space, heuristics: Heuristic[], counters: Counters): Lazy {
  const F = space.task.facts.length;
  const H = heuristics.length;
  const A = space.task.actions.count;
  const isApplicable = new Uint8Array(A);
  const other = new Uint8Array(F);
  const pool = new ChunkPool();
  const l: Lazy = {
    space,
    heuristics,
    counters,
    reg: new StateRegistry(space.packer),
    truth: new Uint8Array(F),
    other,
    loaded: -1,
    buf: new Uint32Array(space.packer.words),
    queues: Array.from({ length: 2 * H }, () => new RunFifo(pool)),
    priority: new Array<number>(2 * H).fill(0),
    actions: new IntLog(),
    popParent: -1,
    preferred: [],
    isPref: new Uint8Array(A),
    isApplicable,
    state: { id: 0, parent: -1, applicable: isApplicable, parentTruth: other },
    succ: new IdList(),
    hv: new Array<number>(H).fill(0),
    marked: [],
    bestH: new Array<number>(H).fill(Infinity),
  };
  l.actions.push(-1);
  l.queues[0]!.push(0, 0, 1, -1);
  return l;
}

/** The next open-list entry: from the non-empty queue picked least often (-1 when all are empty). */
function popEntry(l: Lazy): number {
  let qi = -1;
  for (let i = 0; i < l.queues.length; i++)
    if (l.queues[i]!.size > 0 && (qi < 0 || l.priority[i]! < l.priority[qi]!)) qi = i;
  if (qi < 0) return -1;
  l.priority[qi]!++;
  const q = l.queues[qi]!;
  const e = q.pop();
  l.popParent = q.tag;
  return e;
}

/** The state an entry leads to, loaded into `l.truth`; -1 when it was reached before. */
function reach(l: Lazy, e: number): number {
  const { space, reg, truth, other, buf } = l;
  const parent = l.popParent;
  const action = l.actions.get(e);
  let id: number;
  if (parent < 0) {
    truth.fill(0);
    for (const f of space.task.init) truth[f] = 1;
    space.packer.pack(truth, buf, 0);
    id = reg.insert(buf);
  } else {
    if (parent !== l.loaded) {
      load(space, reg, parent, other);
      l.loaded = parent;
    }
    packSuccessor(space, action, reg.data, parent * reg.words, other, buf);
    id = reg.insert(buf);
    l.counters.generated++;
    if (!reg.isNew) return -1;
    reg.parent[id] = parent;
    reg.action[id] = action;
    reg.g[id] = reg.g[parent]! + costOf(space, action);
    applyAction(space, action, other, truth);
  }
  reg.flags[id] = CLOSED;
  truth.fill(0, space.task.basicCount);
  if (space.hasRules) space.derive(truth);
  return id;
}

/**
 * Evaluates every heuristic on the state in `l.truth` (its applicable actions in `l.succ`),
 * marks the preferred applicable actions, boosts the preferred queues on progress. False
 * for a dead end.
 */
function evaluate(l: Lazy, id: number, parent: number): boolean {
  const { heuristics, hv, bestH, preferred, isPref, isApplicable, marked } = l;
  l.state.id = id;
  l.state.parent = parent;
  l.counters.evaluations++;
  let progress = false;
  for (let i = 0; i < heuristics.length; i++) {
    hv[i] = heuristics[i]!.evaluate(l.truth, preferred, l.state);
    if (hv[i] === Infinity) return false;
    if (hv[i]! < bestH[i]!) {
      bestH[i] = hv[i]!;
      progress = true;
    }
    for (const a of preferred)
      if (!isPref[a] && isApplicable[a]) {
        isPref[a] = 1;
        marked.push(a);
      }
  }
  l.counters.expansions++;
  l.counters.bestH = bestH[0]!;
  if (progress && parent >= 0)
    for (let i = 0; i < heuristics.length; i++) l.priority[2 * i + 1]! -= BOOST;
  return true;
}

/**
 * Queues the successors of `id` with its heuristic values (deferred evaluation): one run
 * of entries per queue, the preferred successors first, so they win ties in the regular
 * queues too and the preferred queues take the run's beginning.
 */
function pushSuccessors(l: Lazy, id: number): void {
  const { queues, hv, isPref, succ, actions } = l;
  const first = actions.length;
  const { items, n: count } = succ;
  for (let i = 0; i < count; i++) if (isPref[items[i]!]) actions.push(items[i]!);
  const nPref = actions.length - first;
  for (let i = 0; i < count; i++) if (!isPref[items[i]!]) actions.push(items[i]!);
  const n = actions.length - first;
  for (let i = 0; i < l.heuristics.length; i++) {
    queues[2 * i]!.push(hv[i]!, first, n, id);
    queues[2 * i + 1]!.push(hv[i]!, first, nPref, id);
  }
}

/** Clears the marks of one expansion. */
function reset(l: Lazy): void {
  for (const a of l.marked) l.isPref[a] = 0;
  l.marked.length = 0;
  for (let i = 0; i < l.succ.n; i++) l.isApplicable[l.succ.items[i]!] = 0;
  l.preferred.length = 0;
}

/**
 * Lazy greedy best-first search with preferred operators (LAMA-first): one regular and
 * one preferred-operator queue per heuristic, in alternation (the queue picked least often
 * first), the preferred ones boosted by 1000 picks whenever a heuristic reaches a new best
 * value. Successors enter the queues with their parent's values and are evaluated when
 * popped (deferred evaluation); any heuristic's Infinity is a dead end. Preferred
 * operators come from the heuristics that report them (h_FF's relaxed plan, landmarks).
 */
export function* lazyGbfs(
  space: Space,
  heuristics: Heuristic[],
  counters: Counters,
): Generator<void, Outcome> {
  const l = makeLazy(space, heuristics, counters);
  const { reg } = l;
  let sinceYield = 0;
  for (;;) {
    const e = popEntry(l);
    if (e < 0) return { kind: 'unsolvable' };
    if (++sinceYield >= STEP) {
      sinceYield = 0;
      yield;
    }
    const id = reach(l, e);
    if (id < 0) continue;
    if (isGoal(space.task, l.truth))
      return { kind: 'solved', actions: extract(reg, id), cost: reg.g[id]! };
    applicableActions(space, l.truth, l.succ);
    for (let i = 0; i < l.succ.n; i++) l.isApplicable[l.succ.items[i]!] = 1;
    if (evaluate(l, id, l.popParent)) pushSuccessors(l, id);
    else reg.flags[id] = CLOSED | DEAD;
    reset(l);
  }
}

/**
 * Eager best-first search on f = g + w·h with reopening. With `bound`, paths costing
 * `bound` or more are pruned (anytime search). Tie-break on lower h, then FIFO.
 */
export function* weightedAstar(
  space: Space,
  h: Heuristic,
  w: number,
  bound: number,
  counters: Counters,
): Generator<void, Outcome> {
  const reg = new StateRegistry(space.packer);
  const bufs = buffers(space);
  const { truth, next, buf } = bufs;
  const open = new FifoHeap();
  let hval = new Float64Array(1024);
  const setH = (id: number, v: number): void => {
    if (id >= hval.length) {
      const x = new Float64Array(hval.length * 2 > id ? hval.length * 2 : id + 1);
      x.set(hval);
      hval = x;
    }
    hval[id] = v;
  };
  const key = (g: number, hv: number): number => g + w * hv + hv * 1e-9;
  const succ = new IdList();
  if (bound <= 0) return { kind: 'unsolvable' }; // even the empty plan costs as much as the bound
  const init = initialState(space, reg, bufs);
  load(space, reg, init, truth);
  const h0 = h.evaluate(truth);
  counters.evaluations++;
  if (h0 === Infinity) return { kind: 'unsolvable' };
  setH(init, h0);
  counters.bestH = Math.min(counters.bestH, h0);
  open.push(key(0, h0), init);
  let sinceYield = 0;
  while (open.size > 0) {
    const id = open.pop();
    const f = open.topKey;
    if (reg.flags[id]! & CLOSED) continue;
    if (f !== key(reg.g[id]!, hval[id]!)) continue; // stale entry
    if (++sinceYield >= STEP) {
      sinceYield = 0;
      yield;
    }
    reg.flags[id] = CLOSED;
    load(space, reg, id, truth);
    if (isGoal(space.task, truth))
      return { kind: 'solved', actions: extract(reg, id), cost: reg.g[id]! };
    counters.expansions++;
    applicableActions(space, truth, succ);
    const g = reg.g[id]!;
    for (let i = 0; i < succ.n; i++) {
      const a = succ.items[i]!;
      const ng = g + costOf(space, a);
      if (ng >= bound) continue;
      applyAction(space, a, truth, next);
      space.packer.pack(next, buf, 0);
      const s = reg.insert(buf);
      counters.generated++;
      if (reg.isNew) {
        load(space, reg, s, next);
        const hv = h.evaluate(next);
        counters.evaluations++;
        setH(s, hv);
        if (hv === Infinity) {
          reg.flags[s] = CLOSED | DEAD;
          continue;
        }
        if (hv < counters.bestH) counters.bestH = hv;
      } else if (reg.flags[s]! & DEAD || ng >= reg.g[s]!) continue;
      reg.parent[s] = id;
      reg.action[s] = a;
      reg.g[s] = ng;
      reg.flags[s] = 0;
      open.push(key(ng, hval[s]!), s);
    }
  }
  return { kind: 'unsolvable' };
}
