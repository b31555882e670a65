/**
 * The landmark graph LAMA uses (Richter, Helmert & Westphal 2008; Richter & Westphal 2010):
 * facts (or disjunctions of facts) that every plan makes true, found by back-chaining from
 * the goal. For each landmark, relaxed reachability without its achievers gives its first
 * achievers; the preconditions they all share are landmarks ordered greedy-necessarily before
 * it; facts of one predicate covering a precondition of each (2-4 facts, none true initially)
 * a disjunctive landmark; the values its variable must pass through (domain transition graph)
 * landmarks ordered naturally before it. Facts unreachable without a landmark come after it.
 * Then reasonable orderings (Hoffmann, Porteous & Sebastia 2004): B before A when achieving A
 * is impossible while B holds (mutex, or an effect all of A's achievers share is mutex with B).
 */
import { chooseGroups } from './fdr.js';
import { Explorer, lmOps, mutexTable } from './lm-ops.js';
import type { LmOps } from './lm-ops.js';
import { row } from './task.js';
import type { GroundTask } from './task.js';
import { Dtgs } from './lm-dtg.js';
import { addReasonableOrderings } from './lm-reasonable.js';
import type { LandmarkGraph } from './lm-types.js';

export type { LandmarkGraph } from './lm-types.js';

export const REASONABLE = 1;
export const NATURAL = 2;
export const GREEDY_NECESSARY = 3;

/** Limits the generation on very large tasks (the search needs the time more). */
const MAX_LANDMARKS = 5000;
/**
 * Work budget of the generation, in operator and fact visits of the relaxed explorations
 * (~1-2 s); counted rather than timed so that the same task always gets the same graph.
 */
const MAX_WORK = 150_000_000;

export class GraphBuilder {
  readonly atoms: number[][] = [];
  readonly goal: boolean[] = [];
  readonly parents: Array<Map<number, number>> = [];
  readonly children: Array<Map<number, number>> = [];
  readonly removed: boolean[] = [];
  readonly firstAchievable: boolean[] = [];
  readonly atomicOf = new Map<number, number>();
  private readonly disjOf = new Map<number, number>();
  private readonly open: number[] = [];
  /** Per processed landmark: the facts reachable without it (bitset), for forward orderings. */
  private readonly unreachable = new Map<number, Uint32Array>();

  constructor(readonly init: Uint8Array) {}

  private node(atoms: number[], goal: boolean): number {
    const id = this.atoms.length;
    this.atoms.push(atoms);
    this.goal.push(goal);
    this.parents.push(new Map());
    this.children.push(new Map());
    this.removed.push(false);
    this.firstAchievable.push(true);
    this.open.push(id);
    return id;
  }

  order(from: number, to: number, type: number): void {
    if (from === to || (this.parents[to]!.get(from) ?? 0) >= type) return;
    this.parents[to]!.set(from, type);
    this.children[from]!.set(to, type);
  }

  private drop(d: number): void {
    this.removed[d] = true;
    for (const p of this.parents[d]!.keys()) this.children[p]!.delete(d);
    for (const c of this.children[d]!.keys()) this.parents[c]!.delete(d);
    for (const f of this.atoms[d]!) this.disjOf.delete(f);
  }

  addGoal(f: number): void {
    const id = this.atomicOf.get(f);
    if (id !== undefined) this.goal[id] = true;
    else this.atomicOf.set(f, this.node([f], true));
  }

  addAtomic(f: number, child: number, type: number): void {
    const known = this.atomicOf.get(f);
    if (known !== undefined) return this.order(known, child, type);
    const id = this.node([f], false);
    this.atomicOf.set(f, id);
    this.order(id, child, type);
    const d = this.disjOf.get(f);
    if (d !== undefined) {
      // The atomic landmark is stronger: the disjunction goes, its parents come before the atom.
      for (const [p, t] of this.parents[d]!) if (t >= NATURAL) this.order(p, id, NATURAL);
      this.drop(d);
    }
  }

  addDisjunctive(facts: number[], child: number): void {
    if (facts.some((f) => this.atomicOf.has(f))) return;
    const overlap = facts.map((f) => this.disjOf.get(f)).find((d) => d !== undefined);
    if (overlap !== undefined) {
      const d = this.atoms[overlap]!;
      if (facts.every((f) => d.includes(f))) this.order(overlap, child, GREEDY_NECESSARY);
      return;
    }
    const id = this.node(facts, false);
    for (const f of facts) this.disjOf.set(f, id);
    this.order(id, child, GREEDY_NECESSARY);
  }

  next(): number | undefined {
    for (;;) {
      const id = this.open.shift();
      if (id === undefined || !this.removed[id]) return id;
    }
  }

  keepUnreachable(id: number, reached: Uint8Array): void {
    const bits = new Uint32Array(Math.ceil(reached.length / 32));
    for (let f = 0; f < reached.length; f++) if (reached[f] !== 1) bits[f >>> 5]! |= 1 << (f & 31);
    this.unreachable.set(id, bits);
  }

  /** Natural orderings: a landmark before the atomic landmarks unreachable without it. */
  forwardOrderings(ops: LmOps): void {
    for (const [id, bits] of this.unreachable) {
      if (this.removed[id]) continue;
      for (const [f, other] of this.atomicOf) {
        if (other === id || this.removed[other] || !((bits[f >>> 5]! >>> (f & 31)) & 1)) continue;
        if (!achievedTogether(ops, f, this.atoms[id]!)) this.order(id, other, NATURAL);
      }
    }
  }
}

/** Whether one operator adds `f` and a fact of `lm` (then `f` may come with it, not after). */
function achievedTogether(ops: LmOps, f: number, lm: readonly number[]): boolean {
  for (const g of lm) {
    if (g === f) return true;
    const a = row(ops.adders, g);
    for (const o of row(ops.adders, f)) if (a.includes(o)) return true;
  }
  return false;
}

/** The predicate of each fact, for disjunctive landmarks (all of one predicate). */
function predicateClasses(task: GroundTask): Int32Array {
  const ids = new Map<string, number>();
  return Int32Array.from(task.facts, (name) => {
    const p = /^\(([^ )]*)/.exec(name)?.[1] ?? name;
    let id = ids.get(p);
    if (id === undefined) ids.set(p, (id = ids.size));
    return id;
  });
}

interface Achiever {
  /** Facts true whenever it applies and may reach the landmark. */
  pre: number[];
}

/** First achievers of landmark `lm` (given the exploration without it), with their preconditions. */
function firstAchievers(ops: LmOps, ex: Explorer, task: GroundTask, lm: number[]): Achiever[] {
  const byAction = new Map<number, { uncond: boolean; conds: number[][] }>();
  const out: Achiever[] = [];
  for (const f of lm)
    for (const o of row(ops.adders, f)) {
      if (!ex.applicable(o)) continue;
      const a = ops.action[o]!;
      if (a < 0) {
        out.push({ pre: Array.from(row(ops.pre, o)) });
        continue;
      }
      let e = byAction.get(a);
      if (e === undefined) byAction.set(a, (e = { uncond: false, conds: [] }));
      if (ops.cond[o]) e.conds.push(Array.from(row(ops.pre, o)));
      else e.uncond = true;
    }
  for (const [a, e] of byAction) {
    let pre = Array.from(row(task.actions.pre, a));
    if (!e.uncond) {
      // Only conditional effects reach it: the conditions they all share hold as well.
      const shared = e.conds.reduce((acc, c) => acc.filter((f) => c.includes(f)));
      pre = [...new Set([...pre, ...shared])];
    }
    out.push({ pre });
  }
  return out;
}

/** Builds the landmark graph of `task` from the initial state `init` (derived facts included). */
export function buildLandmarkGraph(task: GroundTask, init: Uint8Array): LandmarkGraph {
  const ops = lmOps(task);
  const F = task.facts.length;
  const ex = new Explorer(ops, F, task.actions.count);
  const b = new GraphBuilder(init);
  const classes = predicateClasses(task);
  const dtgs = new Dtgs(task, chooseGroups(task.mutexGroups, task.basicCount));
  let work = 0;
  const count = new Int32Array(F);
  for (const g of task.goal) b.addGoal(g);
  for (let id = b.next(); id !== undefined; id = b.next()) {
    const lm = b.atoms[id]!;
    if (lm.some((f) => init[f])) continue;
    const reached = ex.explore(init, lm);
    work += ops.n + ops.watch.items.length + F;
    const achievers = firstAchievers(ops, ex, task, lm);
    b.firstAchievable[id] = achievers.length > 0;
    if (achievers.length === 0 || b.atoms.length > MAX_LANDMARKS || work > MAX_WORK) continue;
    b.keepUnreachable(id, reached);
    // Shared preconditions: greedy-necessary predecessors.
    const touched: number[] = [];
    for (const a of achievers)
      for (const f of new Set(a.pre)) if (count[f]!++ === 0) touched.push(f);
    for (const f of touched) {
      if (count[f] === achievers.length) b.addAtomic(f, id, GREEDY_NECESSARY);
      count[f] = 0;
    }
    if (lm.length === 1) dtgs.order(b, lm[0]!, id, reached, init);
    disjunctive(b, achievers, classes, init, id);
  }
  b.forwardOrderings(ops);
  const graph = finish(b, task, ops);
  addReasonableOrderings(graph, task, ops, mutexTable(task));
  return graph;
}

/** Facts of one predicate, one a precondition of every first achiever: a disjunctive landmark. */
function disjunctive(
  b: GraphBuilder,
  achievers: Achiever[],
  classes: Int32Array,
  init: Uint8Array,
  id: number,
): void {
  const used = new Map<number, number>();
  const facts = new Map<number, Set<number>>();
  for (const a of achievers) {
    const seen = new Set<number>();
    for (const f of a.pre) {
      if (b.atomicOf.has(f)) continue;
      const c = classes[f]!;
      if (!facts.has(c)) facts.set(c, new Set());
      facts.get(c)!.add(f);
      if (!seen.has(c)) {
        seen.add(c);
        used.set(c, (used.get(c) ?? 0) + 1);
      }
    }
  }
  for (const [c, n] of used) {
    const set = [...facts.get(c)!];
    if (n !== achievers.length || set.length < 2 || set.length > 4) continue;
    if (set.some((f) => init[f])) continue;
    b.addDisjunctive(
      set.sort((x, y) => x - y),
      id,
    );
  }
}

function finish(b: GraphBuilder, task: GroundTask, ops: LmOps): LandmarkGraph {
  const keep = b.atoms.map((_, i) => i).filter((i) => !b.removed[i]);
  const index = new Map(keep.map((old, i) => [old, i]));
  const remap = (m: Map<number, number>): Map<number, number> =>
    new Map([...m].flatMap(([k, t]) => (index.has(k) ? [[index.get(k)!, t] as const] : [])));
  const g: LandmarkGraph = {
    atoms: keep.map((i) => Int32Array.from(b.atoms[i]!)),
    isGoal: Uint8Array.from(keep, (i) => (b.goal[i] ? 1 : 0)),
    parents: keep.map((i) => remap(b.parents[i]!)),
    children: keep.map((i) => remap(b.children[i]!)),
    firstAchievable: Uint8Array.from(keep, (i) => (b.firstAchievable[i] ? 1 : 0)),
    achievable: Uint8Array.from(keep, (i) =>
      b.atoms[i]!.some((f) => f >= task.basicCount || row(ops.adders, f).length > 0) ? 1 : 0,
    ),
  };
  return g;
}
