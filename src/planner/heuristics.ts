/**
 * Delete-relaxation heuristics over one shared relaxed-operator graph: h_add, h_max
 * (admissible) and h_FF (h_add best supporters, relaxed plan extraction, preferred
 * operators = relaxed-plan actions applicable in the state). Each action gives one
 * relaxed operator plus one per conditional effect; derived rules are free operators.
 * All buffers are typed arrays allocated once.
 *
 * Facts are explored cheapest first. Small integer costs (the usual case) use a bucket
 * queue, whose passes run from 0 to the largest cost reached; when the operator costs
 * are large integers (road lengths in metres, say) that scan would dominate, so a heap
 * that pops equal costs first-in first-out takes over and gives the same values and
 * best supporters. Other costs use a plain heap.
 */
import { BucketQueue, FifoHeap, Heap } from './cost-queues.js';
import { groundAction } from './task.js';
import type { GroundTask } from './task.js';

export type HeuristicName = 'ff' | 'add' | 'max' | 'blind';
/** unit: every action costs 1; plusone: cost + 1 (LAMA's trick against zero costs); real: the costs. */
export type CostType = 'unit' | 'plusone' | 'real';

/** What a search knows about the state it asks a path-dependent heuristic about. */
export interface SearchState {
  id: number;
  /** -1 for the initial state. */
  parent: number;
  /** When given, applicable[a] is 1 exactly for the actions applicable in the state. */
  applicable?: Uint8Array;
  /** The parent's full truth vector (path-dependent heuristics compare the two). */
  parentTruth?: Uint8Array;
}

export interface Heuristic {
  /**
   * Heuristic value of a state given as a full truth vector (Infinity = dead end).
   * When `preferred` is given, it receives the preferred actions (h_FF only).
   */
  evaluate(truth: Uint8Array, preferred?: number[], state?: SearchState): number;
}

export interface HeuristicInfo {
  name: HeuristicName;
  description: string;
  admissible: boolean;
  preferredOperators: boolean;
}

/** What each heuristic can do (for the CLI and the tests). */
export const HEURISTICS: readonly HeuristicInfo[] = [
  {
    name: 'ff',
    description: 'FF relaxed plan from h_add best supporters',
    admissible: false,
    preferredOperators: true,
  },
  {
    name: 'add',
    description: 'additive delete relaxation',
    admissible: false,
    preferredOperators: false,
  },
  {
    name: 'max',
    description: 'max delete relaxation',
    admissible: true,
    preferredOperators: false,
  },
  {
    name: 'blind',
    description: '0 at goal states, else the cheapest action cost',
    admissible: true,
    preferredOperators: false,
  },
];

function csr(lists: number[][], n: number): { start: Int32Array; items: Int32Array } {
  const start = new Int32Array(n + 1);
  lists.forEach((l, i) => {
    start[i + 1] = start[i]! + l.length;
  });
  const items = new Int32Array(start[n]!);
  lists.forEach((l, i) => items.set(l, start[i]!));
  return { start, items };
}

/**
 * The queue of the cost exploration. 'auto' takes buckets unless the largest operator
 * cost exceeds both BUCKET_COST_LIMIT and the number of relaxed operators; 'buckets'
 * and 'heap' force one (for tests); non-integer costs always use a heap.
 */
export type CostQueue = 'auto' | 'buckets' | 'heap';
const BUCKET_COST_LIMIT = 64;

/** Builds a heuristic for `task`; `queue` only chooses how costs are explored, never the values. */
export function makeHeuristic(
  task: GroundTask,
  name: HeuristicName,
  costType: CostType,
  queue: CostQueue = 'auto',
): Heuristic {
  const F = task.facts.length;
  const pres: number[][] = [];
  const adds: number[][] = [];
  const costs: number[] = [];
  const opAction: number[] = [];
  const actCost = (c: number): number =>
    costType === 'unit' ? 1 : costType === 'plusone' ? c + 1 : c;
  for (let i = 0; i < task.actions.count; i++) {
    const a = groundAction(task, i);
    const c = actCost(task.unitCost ? 1 : a.cost);
    if (a.add.length > 0) {
      pres.push([...a.pre]);
      adds.push([...a.add]);
      costs.push(c);
      opAction.push(i);
    }
    for (const e of a.conditional) {
      if (e.add < 0) continue;
      pres.push([...new Set([...a.pre, ...e.pos])]);
      adds.push([e.add]);
      costs.push(c);
      opAction.push(i);
    }
  }
  for (const s of task.ruleStrata)
    for (const r of s) {
      pres.push([...r.pos]);
      adds.push([r.head]);
      costs.push(0);
      opAction.push(-1);
    }
  const O = pres.length;
  const pre = csr(pres, O);
  const add = csr(adds, O);
  const opCost = Float64Array.from(costs);
  const preCount = Int32Array.from(pres, (p) => p.length);
  const noPre = Int32Array.from(pres.flatMap((p, o) => (p.length === 0 ? [o] : [])));
  const byFact: number[][] = Array.from({ length: F }, () => []);
  pres.forEach((p, o) => {
    for (const f of p) byFact[f]!.push(o);
  });
  const watch = csr(byFact, F);
  const goal = task.goal;
  let minCost = Infinity;
  costs.forEach((c, o) => {
    if (opAction[o]! >= 0 && c < minCost) minCost = c;
  });
  if (minCost === Infinity) minCost = 0;

  const cost = new Float64Array(F);
  const supp = new Int32Array(F);
  const unsat = new Int32Array(O);
  const acc = new Float64Array(O);
  const opMark = new Uint8Array(O);
  const factMark = new Uint8Array(F);
  const actMark = new Uint8Array(task.actions.count);
  const heap = new Heap();
  const fifo = new FifoHeap();
  const integral = costs.every((c) => Number.isInteger(c) && c >= 0);
  const maxOpCost = costs.reduce((m, c) => (c > m ? c : m), 0);
  const largeCosts =
    queue === 'heap' || (queue === 'auto' && maxOpCost > Math.max(BUCKET_COST_LIMIT, O));
  const mode: 'buckets' | 'fifo' | 'heap' = !integral ? 'heap' : largeCosts ? 'fifo' : 'buckets';
  const buckets = new BucketQueue();
  const isGoal = new Uint8Array(F);
  for (const g of goal) isGoal[g] = 1;
  const useMax = name === 'max';

  const relax = (f: number, c: number): void => {
    for (let i = watch.start[f]!; i < watch.start[f + 1]!; i++) {
      const o = watch.items[i]!;
      acc[o] = useMax ? (c > acc[o]! ? c : acc[o]!) : acc[o]! + c;
      if (--unsat[o] === 0) {
        const v = acc[o]! + opCost[o]!;
        for (let j = add.start[o]!; j < add.start[o + 1]!; j++) reach(add.items[j]!, v, o);
      }
    }
  };
  const reach = (f: number, c: number, o: number): void => {
    if (c < cost[f]!) {
      cost[f] = c;
      supp[f] = o;
      if (mode === 'buckets') buckets.push(c, f);
      else if (mode === 'fifo') fifo.push(c, f);
      else heap.push(c, f);
    }
  };
  // The hot loop for integer costs, written out flat (no closures) on purpose.
  const exploreBuckets = (goalsLeft: number): void => {
    const ws = watch.start;
    const wi = watch.items;
    const as = add.start;
    const ai = add.items;
    outer: for (let c = 0; c <= buckets.maxKey; c++) {
      for (let e = buckets.head[c]!; e >= 0; e = buckets.next[e]!) {
        const f = buckets.item[e]!;
        if (cost[f] !== c) continue;
        if (isGoal[f] && --goalsLeft === 0) break outer;
        for (let k = ws[f]!, end = ws[f + 1]!; k < end; k++) {
          const o = wi[k]!;
          const a = useMax ? (c > acc[o]! ? c : acc[o]!) : acc[o]! + c;
          acc[o] = a;
          if (--unsat[o] === 0) {
            const v = a + opCost[o]!;
            for (let j = as[o]!, jend = as[o + 1]!; j < jend; j++) {
              const g = ai[j]!;
              if (v < cost[g]!) {
                cost[g] = v;
                supp[g] = o;
                buckets.push(v, g);
              }
            }
          }
        }
      }
    }
    buckets.clear();
  };
  // Large integer costs: the same exploration order as the buckets, from a FIFO heap.
  const exploreFifo = (goalsLeft: number): void => {
    while (fifo.size > 0) {
      const f = fifo.pop();
      const c = fifo.topKey;
      if (cost[f] !== c) continue;
      if (isGoal[f] && --goalsLeft === 0) break;
      relax(f, c);
    }
  };
  const explore = (truth: Uint8Array): void => {
    cost.fill(Infinity);
    unsat.set(preCount);
    acc.fill(0);
    heap.size = 0;
    fifo.clear();
    let goalsLeft = goal.length;
    if (goalsLeft === 0) return;
    for (let f = 0; f < F; f++) if (truth[f]) reach(f, 0, -1);
    for (const o of noPre)
      for (let i = add.start[o]!; i < add.start[o + 1]!; i++) reach(add.items[i]!, opCost[o]!, o);
    if (mode === 'buckets') return exploreBuckets(goalsLeft);
    if (mode === 'fifo') return exploreFifo(goalsLeft);
    while (heap.size > 0 && goalsLeft > 0) {
      const f = heap.pop();
      const c = heap.topKey;
      if (c > cost[f]!) continue;
      if (isGoal[f]) goalsLeft--;
      relax(f, c);
    }
  };

  const markedOps: number[] = [];
  const markedFacts: number[] = [];
  const stack: number[] = [];

  return {
    evaluate(truth, preferred) {
      if (name === 'blind') {
        for (const g of goal) if (!truth[g]) return minCost;
        return 0;
      }
      explore(truth);
      let h = 0;
      for (const g of goal) {
        const c = cost[g]!;
        if (c === Infinity) return Infinity;
        h = useMax ? Math.max(h, c) : h + c;
      }
      if (name !== 'ff') return h;
      // Relaxed plan extraction from the best supporters.
      h = 0;
      stack.length = 0;
      for (const g of goal) stack.push(g);
      if (preferred) preferred.length = 0;
      while (stack.length > 0) {
        const f = stack.pop()!;
        if (factMark[f] || supp[f]! < 0) continue; // true in the state
        factMark[f] = 1;
        markedFacts.push(f);
        const o = supp[f]!;
        if (opMark[o]) continue;
        opMark[o] = 1;
        markedOps.push(o);
        h += opCost[o]!;
        let inState = true;
        for (let i = pre.start[o]!; i < pre.start[o + 1]!; i++) {
          const p = pre.items[i]!;
          if (supp[p]! >= 0) {
            inState = false;
            stack.push(p);
          }
        }
        const a = opAction[o]!;
        if (preferred && inState && a >= 0 && !actMark[a]) {
          actMark[a] = 1;
          preferred.push(a);
        }
      }
      for (const o of markedOps) opMark[o] = 0;
      for (const f of markedFacts) factMark[f] = 0;
      if (preferred) for (const a of preferred) actMark[a] = 0;
      markedOps.length = 0;
      markedFacts.length = 0;
      return h;
    },
  };
}
