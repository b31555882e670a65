/**
 * The relaxed operators of a task in flat arrays, for h_FF/h_add/h_max and the landmarks:
 * one per action with adds, one per conditional effect that adds, one per derived rule.
 * Built straight from the action table into typed arrays: arrays of arrays here (one per
 * operator, 16k on transport p07) lived long enough to make V8 grow its young generation
 * to the maximum, ~30 MB of resident memory kept for the whole search.
 */
import { IdList } from './id-list.js';
import type { GroundTask, Rows } from './task.js';

export interface RelaxedOps {
  O: number;
  pre: Rows;
  add: Rows;
  /** The action of each operator; -1 for a derived rule. */
  opAction: Int32Array;
}

/** Rows from a start list and an item list (both trimmed to size). */
function rows(start: IdList, items: IdList): Rows {
  return { start: start.items.slice(0, start.n), items: items.items.slice(0, items.n) };
}

/**
 * The relaxed operators, in action order then rule order. A conditional effect's operator
 * has the action's preconditions and the effect's conditions, without repeats when
 * `dedupe` (the heuristics' order), as listed otherwise.
 */
export function relaxedOps(task: GroundTask, dedupe: boolean): RelaxedOps {
  const { pre, add, conditional } = task.actions;
  const preStart = new IdList();
  const preItems = new IdList();
  const addStart = new IdList();
  const addItems = new IdList();
  const opAction = new IdList();
  preStart.push(0);
  addStart.push(0);
  const close = (action: number): void => {
    preStart.push(preItems.n);
    addStart.push(addItems.n);
    opAction.push(action);
  };
  for (let a = 0; a < task.actions.count; a++) {
    const p0 = pre.start[a]!;
    const p1 = pre.start[a + 1]!;
    if (add.start[a + 1]! > add.start[a]!) {
      for (let i = p0; i < p1; i++) preItems.push(pre.items[i]!);
      for (let i = add.start[a]!; i < add.start[a + 1]!; i++) addItems.push(add.items[i]!);
      close(a);
    }
    for (const e of conditional.get(a) ?? [])
      if (e.add >= 0) {
        const ps = [...pre.items.subarray(p0, p1), ...e.pos];
        for (const p of dedupe ? new Set(ps) : ps) preItems.push(p);
        addItems.push(e.add);
        close(a);
      }
  }
  for (const s of task.ruleStrata)
    for (const r of s) {
      for (const p of r.pos) preItems.push(p);
      addItems.push(r.head);
      close(-1);
    }
  return {
    O: opAction.n,
    pre: rows(preStart, preItems),
    add: rows(addStart, addItems),
    opAction: opAction.items.slice(0, opAction.n),
  };
}

/** The transpose of `r` over `n` columns: for each column, the rows holding it, in row order. */
export function transpose(r: Rows, n: number): Rows {
  const start = new Int32Array(n + 1);
  for (const x of r.items) start[x + 1]!++;
  for (let i = 0; i < n; i++) start[i + 1]! += start[i]!;
  const items = new Int32Array(r.items.length);
  const fill = start.slice(0, n);
  const R = r.start.length - 1;
  for (let o = 0; o < R; o++)
    for (let i = r.start[o]!; i < r.start[o + 1]!; i++) items[fill[r.items[i]!]!++] = o;
  return { start, items };
}
