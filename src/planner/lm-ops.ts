/**
 * The relaxed view of a task that landmark generation works on: one operator per action (its
 * unconditional adds), one per conditional effect (the action's precondition plus the effect's
 * condition), one per derived rule; relaxed reachability that excludes the achievers of some
 * facts (what can be reached before a landmark is first achieved); and which facts are mutex.
 */
import type { GroundTask, Rows } from './task.js';
import { row } from './task.js';

export interface LmOps {
  n: number;
  pre: Rows;
  add: Rows;
  /** The action of each operator, or -1 for a derived rule. */
  action: Int32Array;
  /** 1 for a conditional effect's operator. */
  cond: Uint8Array;
  /** fact -> operators adding it / having it as precondition. */
  adders: Rows;
  watch: Rows;
}

function toRows(lists: number[][]): Rows {
  const start = new Int32Array(lists.length + 1);
  lists.forEach((l, i) => (start[i + 1] = start[i]! + l.length));
  const items = new Int32Array(start[lists.length]!);
  lists.forEach((l, i) => items.set(l, start[i]!));
  return { start, items };
}

function invert(r: Rows, n: number, F: number): Rows {
  const lists: number[][] = Array.from({ length: F }, () => []);
  for (let o = 0; o < n; o++) for (const f of row(r, o)) lists[f]!.push(o);
  return toRows(lists);
}

export function lmOps(task: GroundTask): LmOps {
  const pres: number[][] = [];
  const adds: number[][] = [];
  const action: number[] = [];
  const cond: number[] = [];
  const x = task.actions;
  for (let a = 0; a < x.count; a++) {
    const pre = Array.from(row(x.pre, a));
    if (x.add.start[a + 1]! > x.add.start[a]!) {
      pres.push(pre);
      adds.push(Array.from(row(x.add, a)));
      action.push(a);
      cond.push(0);
    }
    for (const e of x.conditional.get(a) ?? []) {
      if (e.add < 0) continue;
      pres.push([...new Set([...pre, ...e.pos])]);
      adds.push([e.add]);
      action.push(a);
      cond.push(1);
    }
  }
  for (const s of task.ruleStrata)
    for (const r of s) {
      pres.push([...new Set(r.pos)]);
      adds.push([r.head]);
      action.push(-1);
      cond.push(0);
    }
  const n = pres.length;
  const F = task.facts.length;
  const pre = toRows(pres);
  const add = toRows(adds);
  return {
    n,
    pre,
    add,
    action: Int32Array.from(action),
    cond: Uint8Array.from(cond),
    adders: invert(add, n, F),
    watch: invert(pre, n, F),
  };
}

/** Relaxed reachability from a state, some facts excluded (with the actions that surely add them). */
export class Explorer {
  private readonly unsat: Int32Array;
  private readonly opOff: Uint8Array;
  private readonly actOff: Uint8Array;
  private readonly queue: Int32Array;
  readonly reached: Uint8Array;

  constructor(
    readonly ops: LmOps,
    readonly F: number,
    actions: number,
  ) {
    this.unsat = new Int32Array(ops.n);
    this.opOff = new Uint8Array(ops.n);
    this.actOff = new Uint8Array(actions);
    this.queue = new Int32Array(F);
    this.reached = new Uint8Array(F);
  }

  /** Fills `reached`: the facts reachable from `init` without ever making `excluded` true. */
  explore(init: Uint8Array, excluded: readonly number[]): Uint8Array {
    const { ops, unsat, opOff, actOff, queue, reached } = this;
    reached.fill(0);
    opOff.fill(0);
    actOff.fill(0);
    for (const f of excluded)
      for (const o of row(ops.adders, f)) {
        opOff[o] = 1;
        if (!ops.cond[o] && ops.action[o]! >= 0) actOff[ops.action[o]!] = 1;
      }
    for (const f of excluded) reached[f] = 2; // never reached
    let tail = 0;
    for (let f = 0; f < this.F; f++)
      if (init[f] && reached[f] === 0) {
        reached[f] = 1;
        queue[tail++] = f;
      }
    const push = (o: number): void => {
      for (let i = ops.add.start[o]!; i < ops.add.start[o + 1]!; i++) {
        const g = ops.add.items[i]!;
        if (reached[g] === 0) {
          reached[g] = 1;
          queue[tail++] = g;
        }
      }
    };
    for (let o = 0; o < ops.n; o++) {
      const off = opOff[o] || (ops.action[o]! >= 0 && actOff[ops.action[o]!]);
      opOff[o] = off ? 1 : 0;
      unsat[o] = ops.pre.start[o + 1]! - ops.pre.start[o]!;
      if (!off && unsat[o] === 0) push(o);
    }
    for (let head = 0; head < tail; head++) {
      const f = queue[head]!;
      for (let i = ops.watch.start[f]!; i < ops.watch.start[f + 1]!; i++) {
        const o = ops.watch.items[i]!;
        if (!opOff[o] && --unsat[o] === 0) push(o);
      }
    }
    for (const f of excluded) reached[f] = 0;
    return reached;
  }

  /** Whether operator `o` can apply in the last exploration (its preconditions reached). */
  applicable(o: number): boolean {
    const { ops, reached } = this;
    for (let i = ops.pre.start[o]!; i < ops.pre.start[o + 1]!; i++)
      if (reached[ops.pre.items[i]!] !== 1) return false;
    return true;
  }
}

/** Mutex facts: two facts of one mutex group (never true together). */
export function mutexTable(task: GroundTask): (a: number, b: number) => boolean {
  const groupsOf: number[][] = Array.from({ length: task.facts.length }, () => []);
  task.mutexGroups.forEach((g, i) => {
    for (const f of g) groupsOf[f]!.push(i);
  });
  return (a, b) => {
    if (a === b) return false;
    const ga = groupsOf[a]!;
    const gb = groupsOf[b]!;
    for (const x of ga) if (gb.includes(x)) return true;
    return false;
  };
}
