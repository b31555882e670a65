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
import { BucketFifo, FifoHeap } from './cost-queues.js';
import type { Heuristic, SearchState } from './heuristics.js';
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

/** Growable pair store for lazy open-list entries (parent state, action). */
class Pairs {
  a = new Int32Array(4096);
  b = new Int32Array(4096);
  n = 0;
  add(x: number, y: number): number {
    if (this.n === this.a.length) {
      const a = new Int32Array(this.n * 2);
      a.set(this.a);
      this.a = a;
      const b = new Int32Array(this.n * 2);
      b.set(this.b);
      this.b = b;
    }
    this.a[this.n] = x;
    this.b[this.n] = y;
    return this.n++;
  }
}

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

/**
 * Lazy greedy best-first search with preferred operators (LAMA-first): one regular and
 * one preferred-operator queue per heuristic, in alternation (the queue picked least often
 * first), the preferred ones boosted by 1000 picks whenever a heuristic reaches a new best
 * value. Successors enter the queues with their parent's values and are evaluated when
 * popped (deferred evaluation); the first heuristic's Infinity, or any heuristic's, is a dead
 * end. Preferred operators come from the heuristics that report them (h_FF's relaxed plan).
 */
export function* lazyGbfs(
  space: Space,
  heuristics: Heuristic[],
  counters: Counters,
): Generator<void, Outcome> {
  const reg = new StateRegistry(space.packer);
  const F = space.task.facts.length;
  const B = space.task.basicCount;
  const truth = new Uint8Array(F);
  /** The parent's truth vector; entries of one parent are often popped in a row. */
  const other = new Uint8Array(F);
  let loaded = -1;
  const buf = new Uint32Array(space.packer.words);
  const H = heuristics.length;
  const queues = Array.from({ length: 2 * H }, () => new BucketFifo());
  const priority = new Array<number>(2 * H).fill(0);
  const entries = new Pairs();
  const preferred: number[] = [];
  const isPref = new Uint8Array(space.task.actions.count);
  const isApplicable = new Uint8Array(space.task.actions.count);
  const state: SearchState = { id: 0, parent: -1, applicable: isApplicable, parentTruth: other };
  const succ: number[] = [];
  const hv = new Array<number>(H).fill(0);
  const marked: number[] = [];
  const bestH = new Array<number>(H).fill(Infinity);
  entries.add(-1, -1);
  queues[0]!.push(0, 0);
  let sinceYield = 0;
  for (;;) {
    let qi = -1;
    for (let i = 0; i < 2 * H; i++)
      if (queues[i]!.size > 0 && (qi < 0 || priority[i]! < priority[qi]!)) qi = i;
    if (qi < 0) break;
    if (++sinceYield >= STEP) {
      sinceYield = 0;
      yield;
    }
    priority[qi]!++;
    const e = queues[qi]!.pop();
    const parent = entries.a[e]!;
    const action = entries.b[e]!;
    let id: number;
    if (parent < 0) {
      truth.fill(0);
      for (const f of space.task.init) truth[f] = 1;
      space.packer.pack(truth, buf, 0);
      id = reg.insert(buf);
    } else {
      if (parent !== loaded) {
        load(space, reg, parent, other);
        loaded = parent;
      }
      packSuccessor(space, action, reg.data, parent * reg.words, other, buf);
      id = reg.insert(buf);
      counters.generated++;
      if (!reg.isNew) continue;
      reg.parent[id] = parent;
      reg.action[id] = action;
      reg.g[id] = reg.g[parent]! + costOf(space, action);
      applyAction(space, action, other, truth);
    }
    reg.flags[id] = CLOSED;
    truth.fill(0, B);
    if (space.hasRules) space.derive(truth);
    if (isGoal(space.task, truth))
      return { kind: 'solved', actions: extract(reg, id), cost: reg.g[id]! };
    applicableActions(space, truth, succ);
    for (const a of succ) isApplicable[a] = 1;
    state.id = id;
    state.parent = parent;
    state.parentTruth = other;
    let dead = false;
    let progress = false;
    for (let i = 0; i < H; i++) {
      hv[i] = heuristics[i]!.evaluate(truth, preferred, state);
      if (hv[i] === Infinity) {
        dead = true;
        break;
      }
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
    counters.evaluations++;
    if (!dead) {
      counters.expansions++;
      counters.bestH = bestH[0]!;
      if (progress && parent >= 0) for (let i = 0; i < H; i++) priority[2 * i + 1]! -= BOOST;
      // Preferred successors first, so they win ties in the regular queues too.
      for (const a of succ) {
        if (!isPref[a]) continue;
        const ent = entries.add(id, a);
        for (let i = 0; i < H; i++) {
          queues[2 * i]!.push(hv[i]!, ent);
          queues[2 * i + 1]!.push(hv[i]!, ent);
        }
      }
      for (const a of succ) {
        if (isPref[a]) continue;
        const ent = entries.add(id, a);
        for (let i = 0; i < H; i++) queues[2 * i]!.push(hv[i]!, ent);
      }
    } else reg.flags[id] = CLOSED | DEAD;
    for (const a of marked) isPref[a] = 0;
    marked.length = 0;
    for (const a of succ) isApplicable[a] = 0;
    preferred.length = 0;
  }
  return { kind: 'unsolvable' };
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
  const succ: number[] = [];
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
    for (const a of succ) {
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
