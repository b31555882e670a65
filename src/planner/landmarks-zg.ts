/**
 * Fact landmarks and the landmark-count heuristic (LAMA's second heuristic).
 *
 * Landmarks: Zhu & Givan's label propagation over the relaxed operators — LM(f) is
 * the set of facts every relaxed plan must make true to reach f:
 * LM(f) = {f} ∪ ⋂_{o adds f} ⋃_{p ∈ pre(o)} LM(p), to a fixpoint from the initial
 * state. The goal's landmarks are ⋃_g LM(g); q ∈ LM(f) gives the natural ordering q < f.
 *
 * LM-count is path-dependent: a state's accepted landmarks are its parent's plus those
 * true in it whose predecessors were all accepted in the parent. h = landmarks not yet
 * accepted + goal landmarks accepted but false again. Inadmissible.
 */
import type { Heuristic } from './heuristics.js';
import { relaxedOps, transpose } from './relaxed-ops.js';
import type { RelaxedOps } from './relaxed-ops.js';
import type { GroundTask } from './task.js';

/** Above this many facts the F×F label sets would cost too much memory: no landmarks. */
const MAX_FACTS = 40_000;

export interface Landmarks {
  facts: Int32Array;
  /** Natural-ordering predecessors of each landmark (indices into `facts`). */
  preds: Int32Array[];
  isGoal: Uint8Array;
}

/**
 * The labels LM(f), F words of W bits each, and which facts are relaxed-reachable;
 * undefined when propagation does not settle (pathological tasks: no landmarks then).
 */
function propagateLabels(
  F: number,
  ops: RelaxedOps,
  initTruth: Uint8Array,
): { label: Uint32Array; has: Uint8Array } | undefined {
  const W = Math.ceil(F / 32);
  const label = new Uint32Array(F * W);
  const has = new Uint8Array(F);
  for (let f = 0; f < F; f++) {
    if (!initTruth[f]) continue;
    has[f] = 1;
    label[f * W + (f >>> 5)] |= 1 << (f & 31);
  }
  // Passes over all operators until no label changes (labels only shrink once set).
  const tmp = new Uint32Array(W);
  const stamp = new Int32Array(F);
  const deadline = performance.now() + 6000;
  // Visit operators in order of their relaxed level (breadth-first from the initial state):
  // then the first pass already sees nearly final labels and few passes follow.
  const order = relaxedOrder(F, ops, initTruth);
  const { pre, add } = ops;
  for (let changed = true, pass = 0; changed; pass++) {
    changed = false;
    if (pass > 200 || performance.now() > deadline) return undefined;
    for (const o of order) {
      const p0 = pre.start[o]!;
      const p1 = pre.start[o + 1]!;
      let ready = true;
      let fresh = pass === 0;
      for (let i = p0; i < p1; i++) {
        const p = pre.items[i]!;
        if (!has[p]) {
          ready = false;
          break;
        }
        if (stamp[p]! >= pass - 1) fresh = true;
      }
      // Only operators with a precondition label changed since the last pass can change anything.
      if (!ready || !fresh) continue;
      tmp.fill(0);
      for (let i = p0; i < p1; i++) {
        const off = pre.items[i]! * W;
        for (let w = 0; w < W; w++) tmp[w]! |= label[off + w]!;
      }
      for (let i = add.start[o]!; i < add.start[o + 1]!; i++) {
        const f = add.items[i]!;
        if (!initTruth[f] && meet(label, has, tmp, f, W)) {
          changed = true;
          stamp[f] = pass;
        }
      }
    }
  }
  return { label, has };
}

/** LM(f) := LM(f) ∩ (tmp ∪ {f}) (or tmp ∪ {f} when f is new); whether it changed. */
function meet(
  label: Uint32Array,
  has: Uint8Array,
  tmp: Uint32Array,
  f: number,
  W: number,
): boolean {
  const off = f * W;
  if (!has[f]) {
    has[f] = 1;
    label.set(tmp, off);
    label[off + (f >>> 5)]! |= 1 << (f & 31);
    return true;
  }
  let changed = false;
  for (let w = 0; w < W; w++) {
    const keep = w === f >>> 5 ? 1 << (f & 31) : 0;
    const nv = (label[off + w]! & (tmp[w]! | keep)) >>> 0; // unsigned, as stored
    if (nv !== label[off + w]) {
      label[off + w] = nv;
      changed = true;
    }
  }
  return changed;
}

export function findLandmarks(task: GroundTask, initTruth: Uint8Array): Landmarks | undefined {
  const F = task.facts.length;
  if (F > MAX_FACTS || F === 0) return undefined;
  const W = Math.ceil(F / 32);
  const labels = propagateLabels(F, relaxedOps(task, false), initTruth);
  if (!labels) return undefined; // pathological: no landmarks
  const { label, has } = labels;
  const goalSet = new Uint32Array(W);
  for (const g of task.goal) {
    if (!has[g]) return undefined; // goal relaxed-unreachable: the search finds that out
    for (let w = 0; w < W; w++) goalSet[w]! |= label[g * W + w]!;
  }
  const facts: number[] = [];
  for (let f = 0; f < F; f++) if ((goalSet[f >>> 5]! >>> (f & 31)) & 1) facts.push(f);
  const index = new Map(facts.map((f, i) => [f, i]));
  const preds = facts.map((f) =>
    Int32Array.from(
      facts
        .filter((q) => q !== f && (label[f * W + (q >>> 5)]! >>> (q & 31)) & 1)
        .map((q) => index.get(q)!),
    ),
  );
  const isGoal = new Uint8Array(facts.length);
  for (const g of task.goal) {
    const i = index.get(g);
    if (i !== undefined) isGoal[i] = 1;
  }
  return { facts: Int32Array.from(facts), preds, isGoal };
}

/** Reachable operators by increasing relaxed level (level = 1 + max level of a precondition). */
function relaxedOrder(F: number, ops: RelaxedOps, initTruth: Uint8Array): Int32Array {
  const { O, pre, add } = ops;
  const byFact = transpose(pre, F);
  const unsat = new Int32Array(O);
  for (let o = 0; o < O; o++) unsat[o] = pre.start[o + 1]! - pre.start[o]!;
  const reached = new Uint8Array(F);
  const order: number[] = [];
  let layer: number[] = [];
  for (let f = 0; f < F; f++)
    if (initTruth[f]) {
      reached[f] = 1;
      layer.push(f);
    }
  for (let o = 0; o < O; o++) if (unsat[o] === 0) order.push(o);
  let head = 0;
  for (;;) {
    for (const f of layer)
      for (let i = byFact.start[f]!; i < byFact.start[f + 1]!; i++)
        if (--unsat[byFact.items[i]!] === 0) order.push(byFact.items[i]!);
    const next: number[] = [];
    for (; head < order.length; head++)
      for (let i = add.start[order[head]!]!; i < add.start[order[head]! + 1]!; i++) {
        const f = add.items[i]!;
        if (!reached[f]) {
          reached[f] = 1;
          next.push(f);
        }
      }
    if (next.length === 0) break;
    layer = next;
  }
  return Int32Array.from(order);
}

const isAccepted = (bits: Uint32Array, off: number, i: number): boolean =>
  ((bits[off + (i >>> 5)]! >>> (i & 31)) & 1) === 1;

/** The actions adding each landmark (unconditionally or by a conditional effect). */
function landmarkAchievers(task: GroundTask, lm: Landmarks): number[][] {
  const achievers: number[][] = Array.from({ length: lm.facts.length }, () => []);
  const lmIndex = new Map(Array.from(lm.facts, (f, i) => [f, i]));
  const { add, conditional } = task.actions;
  for (let ai = 0; ai < task.actions.count; ai++) {
    for (let k = add.start[ai]!; k < add.start[ai + 1]!; k++) {
      const i = lmIndex.get(add.items[k]!);
      if (i !== undefined) achievers[i]!.push(ai);
    }
    for (const e of conditional.get(ai) ?? []) {
      const i = lmIndex.get(e.add);
      if (i !== undefined) achievers[i]!.push(ai);
    }
  }
  return achievers;
}

/**
 * The accepted landmarks of a state into `cur`: its parent's (at `pOff` in `store`; -1 for
 * the initial state) plus those true in it whose predecessors the parent had all accepted.
 */
function accept(
  lm: Landmarks,
  truth: Uint8Array,
  store: Uint32Array,
  parent: number,
  cur: Uint32Array,
): void {
  cur.fill(0);
  const pOff = parent * cur.length;
  for (let i = 0; i < lm.facts.length; i++) {
    if (parent >= 0 && isAccepted(store, pOff, i)) {
      cur[i >>> 5]! |= 1 << (i & 31);
      continue;
    }
    if (!truth[lm.facts[i]!]) continue;
    let ok = true;
    if (parent >= 0)
      for (const p of lm.preds[i]!)
        if (!isAccepted(store, pOff, p)) {
          ok = false;
          break;
        }
    if (ok) cur[i >>> 5]! |= 1 << (i & 31);
  }
}

function applicableIn(task: GroundTask, a: number, truth: Uint8Array): boolean {
  const { pre, preNeg } = task.actions;
  for (let i = pre.start[a]!; i < pre.start[a + 1]!; i++) if (!truth[pre.items[i]!]) return false;
  for (let i = preNeg.start[a]!; i < preNeg.start[a + 1]!; i++)
    if (truth[preNeg.items[i]!]) return false;
  return true;
}

/** The landmark-count heuristic; `evaluate` needs the state's id and its parent's (-1 for the initial state). */
export function makeLandmarkCount(task: GroundTask, lm: Landmarks): Heuristic {
  const L = lm.facts.length;
  const W = Math.max(1, Math.ceil(L / 32));
  let store = new Uint32Array(1024 * W);
  const cur = new Uint32Array(W);
  const achievers = landmarkAchievers(task, lm);
  const mark = new Uint8Array(task.actions.count);
  /** Preferred: applicable achievers of a landmark whose predecessors are all accepted. */
  const prefer = (i: number, truth: Uint8Array, preferred: number[], app?: Uint8Array): void => {
    for (const p of lm.preds[i]!) if (!isAccepted(cur, 0, p)) return;
    for (const a of achievers[i]!) {
      if (mark[a]) continue;
      if (app ? app[a] === 1 : applicableIn(task, a, truth)) {
        mark[a] = 1;
        preferred.push(a);
      }
    }
  };
  return {
    evaluate(truth, preferred, state) {
      const id = state?.id ?? 0;
      if ((id + 1) * W > store.length) {
        const s = new Uint32Array(Math.max(store.length * 2, (id + 1) * W));
        s.set(store);
        store = s;
      }
      accept(lm, truth, store, state?.parent ?? -1, cur);
      store.set(cur, id * W);
      let h = 0;
      if (preferred) preferred.length = 0;
      for (let i = 0; i < L; i++) {
        if (!isAccepted(cur, 0, i)) {
          h++;
          if (preferred) prefer(i, truth, preferred, state?.applicable);
        } else if (lm.isGoal[i] && !truth[lm.facts[i]!]) h++;
      }
      if (preferred) for (const a of preferred) mark[a] = 0;
      return h;
    },
  };
}
