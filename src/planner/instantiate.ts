/**
 * The second half of grounding: the bindings found by relaxed reachability become ground
 * actions and rules over numbered facts, stored as rows of flat typed arrays. Static atoms are
 * gone (the join checked them), preconditions already true in the effect are dropped from the
 * adds (they change nothing), deletes of facts the action also adds are dropped (add wins), and
 * actions that change nothing at all are left out.
 *
 * Like reachability, `run(meter)` works in bounded steps so the caller can check its budget.
 */
import type { GroundRule } from '../logic/ground-fixpoint.js';
import { IntVec } from './atoms.js';
import { FOUND, Join } from './join.js';
import type { Meter } from './join.js';
import type { Reach } from './reach.js';
import type { ActionSchema, PLit, Schemas } from './schemas.js';
import type { ConditionalEffect } from './task.js';

/** Rows being built: `start` grows by one per row. */
export class RowBuilder {
  readonly start = new IntVec(1024);
  readonly items = new IntVec(1024);
  constructor() {
    this.start.push(0);
  }
  /** Ends the current row. */
  end(): void {
    this.start.push(this.items.length);
  }
  /** Drops the current (unfinished) row's items. */
  discard(): void {
    this.items.length = this.start.data[this.start.length - 1]!;
  }
  rows(): { start: Int32Array; items: Int32Array } {
    return { start: this.start.toArray(), items: this.items.toArray() };
  }
}

/** Appends `x` to the open row unless it is already there (rows are short). */
function addUnique(b: RowBuilder, x: number): void {
  const d = b.items.data;
  for (let i = b.start.data[b.start.length - 1]!; i < b.items.length; i++) if (d[i] === x) return;
  b.items.push(x);
}

function openRow(b: RowBuilder): Int32Array {
  return b.items.data.subarray(b.start.data[b.start.length - 1]!, b.items.length);
}

const NO_CONDITIONS: ConditionalEffect[] = [];

export class Instantiator {
  /** Fact id of each reachable atom (-1: static). */
  readonly atomFact: Int32Array;
  readonly facts: string[] = [];
  basicCount = 0;
  readonly pre = new RowBuilder();
  readonly preNeg = new RowBuilder();
  readonly add = new RowBuilder();
  readonly del = new RowBuilder();
  readonly args = new RowBuilder();
  readonly schema = new IntVec(1024);
  readonly cost: number[] = [];
  readonly conditional = new Map<number, ConditionalEffect[]>();
  readonly rules: GroundRule[] = [];
  private s = 0;
  private b = 0;
  private readonly buf: Int32Array;
  private readonly condJoins: Map<object, Join> = new Map();
  private readonly cpos = new RowBuilder();
  private readonly cneg = new RowBuilder();
  private readonly scratch = new IntVec(64);

  constructor(
    readonly sc: Schemas,
    readonly reach: Reach,
    readonly costOf: (s: ActionSchema, env: Int32Array) => number,
  ) {
    const atoms = reach.atoms;
    this.atomFact = new Int32Array(atoms.count).fill(-1);
    this.buf = new Int32Array(Math.max(1, ...sc.arity));
    for (const derived of [0, 1])
      for (let id = 0; id < atoms.count; id++) {
        const p = atoms.pred.data[id]!;
        if (sc.isStatic[p] || sc.isDerived[p] !== derived) continue;
        this.atomFact[id] = this.facts.length;
        const off = atoms.argStart.data[id]!;
        let name = `(${sc.predicates[p]}`;
        for (let i = 0; i < sc.arity[p]!; i++) name += ` ${sc.objects[atoms.args.data[off + i]!]}`;
        this.facts.push(`${name})`);
        if (derived === 0) this.basicCount++;
      }
  }

  get actionCount(): number {
    return this.schema.length;
  }

  /** The fact of literal `l` under `env`, or -1 (unreachable or static). */
  fact(l: PLit, env: Int32Array): number {
    for (let i = 0; i < l.args.length; i++) {
      const c = l.args[i]!;
      this.buf[i] = c >= 0 ? c : env[-1 - c]!;
    }
    const id = this.reach.atoms.find(l.pred, this.buf);
    return id < 0 ? -1 : this.atomFact[id]!;
  }

  /** Grounds fluent literals into the open rows; false when they can never hold together. */
  literals(lits: PLit[], env: Int32Array, pos: RowBuilder, neg: RowBuilder): boolean {
    for (const l of lits) {
      const f = this.fact(l, env);
      if (l.negated) {
        if (f >= 0) addUnique(neg, f);
      } else if (f < 0) return false;
      else addUnique(pos, f);
    }
    const p = openRow(pos);
    for (const f of openRow(neg)) if (p.includes(f)) return false;
    return true;
  }

  private effects(a: ActionSchema, env: Int32Array): ConditionalEffect[] {
    const conds: ConditionalEffect[] = [];
    const { cpos, cneg } = this;
    for (const e of a.effects) {
      const target = e.lit.negated ? this.del : this.add;
      if (e.conditions === null) {
        const f = this.fact(e.lit, env);
        if (f >= 0) addUnique(target, f); // (a delete of an unreachable atom does nothing)
        continue;
      }
      for (const c of e.conditions) {
        let join = this.condJoins.get(c);
        if (join === undefined) this.condJoins.set(c, (join = new Join(this.reach.atoms, c.join)));
        join.env.fill(-1);
        join.env.set(env);
        join.startAll();
        const meter = { left: Infinity };
        while (join.next(meter) === FOUND) {
          const f = this.fact(e.lit, join.env);
          if (f < 0) continue;
          cpos.discard();
          cneg.discard();
          if (!this.literals(c.lits, join.env, cpos, cneg)) continue;
          const pre = openRow(this.pre);
          const pos = openRow(cpos).filter((x) => !pre.includes(x));
          const neg = openRow(cneg);
          if (pos.length === 0 && neg.length === 0) addUnique(target, f);
          else
            conds.push({
              pos: Int32Array.from(pos),
              neg: neg.slice(),
              add: e.lit.negated ? -1 : f,
              del: e.lit.negated ? f : -1,
            });
        }
      }
    }
    return conds;
  }

  /** One action instance: its row in every table, or nothing when it can never apply or change anything. */
  private action(si: number, env: Int32Array): void {
    const a = this.sc.actions[si]!;
    const rows = [this.pre, this.preNeg, this.add, this.del];
    if (!this.literals(a.lits, env, this.pre, this.preNeg)) {
      for (const r of rows) r.discard();
      return;
    }
    const conds = a.effects.length === 0 ? NO_CONDITIONS : this.effects(a, env);
    // Adds of preconditions change nothing; a delete of an added fact does not happen (add wins).
    const pre = openRow(this.pre);
    const keep = this.scratch;
    keep.length = 0;
    const addRow = openRow(this.add);
    for (const f of this.del.items.data.subarray(
      this.del.start.data[this.del.start.length - 1]!,
      this.del.items.length,
    ))
      if (!addRow.includes(f)) keep.push(f);
    const dels = keep.length;
    for (const f of addRow) if (!pre.includes(f)) keep.push(f);
    if (keep.length === 0 && conds.length === 0) {
      for (const r of rows) r.discard();
      return;
    }
    this.add.discard();
    this.del.discard();
    for (let i = 0; i < keep.length; i++)
      (i < dels ? this.del : this.add).items.push(keep.data[i]!);
    for (const r of rows) r.end();
    const id = this.schema.length;
    if (conds.length > 0) this.conditional.set(id, conds);
    this.schema.push(si);
    for (let i = 0; i < a.nParams; i++) this.args.items.push(env[i]!);
    this.args.end();
    this.cost.push(this.costOf(a, env));
  }

  /** Builds the actions until done (true) or until `meter` runs out (false: call again). */
  run(meter: Meter): boolean {
    const sc = this.sc;
    for (; this.s < sc.actions.length; this.s++, this.b = 0) {
      const n = sc.actions[this.s]!.join.nVars;
      const binds = this.reach.actionBindings[this.s]!;
      const env = new Int32Array(n);
      for (; this.b < binds.length; this.b += Math.max(1, n)) {
        if (--meter.left < 0) return false;
        env.set(binds.data.subarray(this.b, this.b + n));
        this.action(this.s, env);
      }
    }
    return true;
  }

  /** The derived rules, once the actions are built. */
  buildRules(): void {
    const pos = new RowBuilder();
    const neg = new RowBuilder();
    this.sc.rules.forEach((r, ri) => {
      const n = r.join.nVars;
      const binds = this.reach.ruleBindings[ri]!;
      const env = new Int32Array(n);
      for (let b = 0; b < binds.length; b += Math.max(1, n)) {
        env.set(binds.data.subarray(b, b + n));
        const head = this.fact({ ...r.head, negated: false }, env);
        pos.discard();
        neg.discard();
        if (head >= 0 && this.literals(r.lits, env, pos, neg))
          this.rules.push({ head, pos: Array.from(openRow(pos)), neg: Array.from(openRow(neg)) });
      }
    });
  }

  /** The goal's disjuncts as ground conjunctions (none when the goal is relaxed-unreachable). */
  goalConjunctions(): Array<{ pos: number[]; neg: number[] }> {
    const out: Array<{ pos: number[]; neg: number[] }> = [];
    const pos = new RowBuilder();
    const neg = new RowBuilder();
    for (const g of this.sc.goal) {
      const join = new Join(this.reach.atoms, g.join);
      join.startAll();
      const meter = { left: Infinity };
      while (join.next(meter) === FOUND) {
        pos.discard();
        neg.discard();
        if (this.literals(g.lits, join.env, pos, neg))
          out.push({ pos: Array.from(openRow(pos)), neg: Array.from(openRow(neg)) });
      }
    }
    return out;
  }
}
