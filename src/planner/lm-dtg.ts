/**
 * Domain transition graphs of the finite-domain variables, for landmark generation: the values
 * a variable must pass through on every path from its initial value to a landmark value (through
 * values relaxed-reachable without the landmark) are landmarks ordered naturally before it.
 */
import { row } from './task.js';
import type { GroundTask } from './task.js';

/** Where the orderings found here go (the landmark graph's builder). */
export interface OrderSink {
  addAtomic(fact: number, child: number, type: number): void;
}

/** Variables with more values than this are not analysed (the check is quadratic). */
const MAX_VALUES = 400;
const NATURAL = 2;

export class Dtgs {
  /** fact -> its multi-valued variable, or -1. */
  private readonly varOf: Int32Array;
  /** Per fact (and per variable's "none", as -1 - var): successor values as facts / -1 - var. */
  private readonly next = new Map<number, Set<number>>();
  /** Per variable: values reachable from any value in one step. */
  private readonly fromAny = new Map<number, Set<number>>();

  constructor(
    task: GroundTask,
    readonly vars: readonly Int32Array[],
  ) {
    this.varOf = new Int32Array(task.facts.length).fill(-1);
    vars.forEach((g, v) => {
      if (g.length > 1) for (const f of g) this.varOf[f] = v;
    });
    const x = task.actions;
    for (let a = 0; a < x.count; a++) {
      const pre = row(x.pre, a);
      const adds = Array.from(row(x.add, a));
      for (const e of x.conditional.get(a) ?? []) if (e.add >= 0) adds.push(e.add);
      const addedVars = new Set<number>();
      for (const f of adds) {
        const v = this.varOf[f]!;
        if (v < 0) continue;
        addedVars.add(v);
        this.edge(v, this.preValue(v, pre), f);
      }
      for (const f of row(x.del, a)) {
        const v = this.varOf[f]!;
        if (v >= 0 && !addedVars.has(v)) this.edge(v, this.preValue(v, pre), -1 - v);
      }
    }
  }

  /** The precondition's value of variable v (a fact), or undefined: any value. */
  private preValue(v: number, pre: Int32Array): number | undefined {
    for (const p of pre) if (this.varOf[p] === v) return p;
    return undefined;
  }

  private edge(v: number, from: number | undefined, to: number): void {
    if (from === to) return;
    const key = from === undefined ? v : from;
    const map = from === undefined ? this.fromAny : this.next;
    let s = map.get(key);
    if (s === undefined) map.set(key, (s = new Set()));
    s.add(to);
  }

  /**
   * Values (facts) of `target`'s variable on every path from its initial value to `target`
   * through values in `reached` (the initial value itself left out: it holds already).
   */
  critical(target: number, reached: Uint8Array, init: Uint8Array): number[] {
    const v = this.varOf[target]!;
    if (v < 0) return [];
    const values = this.vars[v]!;
    if (values.length > MAX_VALUES || this.fromAny.get(v)?.has(target)) return [];
    const start = values.find((f) => init[f] === 1) ?? -1 - v;
    const ok = (x: number): boolean => x < 0 || reached[x] === 1;
    const reaches = (without: number): boolean => {
      const seen = new Set<number>([start]);
      const queue = [start];
      for (let i = 0; i < queue.length; i++) {
        for (const s of [...(this.next.get(queue[i]!) ?? []), ...(this.fromAny.get(v) ?? [])]) {
          if (s === target) return true;
          if (s === without || seen.has(s) || !ok(s)) continue;
          seen.add(s);
          queue.push(s);
        }
      }
      return false;
    };
    if (!reaches(-2 - v - 1000000)) return []; // not reachable at all this way: no conclusions
    return Array.from(values).filter(
      (x) => x !== target && x !== start && reached[x] === 1 && !reaches(x),
    );
  }

  /** Adds the critical values of atomic landmark `id` (fact `f`) to the graph. */
  order(b: OrderSink, f: number, id: number, reached: Uint8Array, init: Uint8Array): void {
    for (const x of this.critical(f, reached, init)) b.addAtomic(x, id, NATURAL);
  }
}
