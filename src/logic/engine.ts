/**
 * The reasoner: a Datalog engine with semi-naive evaluation and incremental updates
 * (DRed, component by component in stratification order, update.ts). Loading a program
 * is the same code path as asserting its facts into an empty database.
 * Each derived row records the round that derived it (its rank); a proof only uses
 * premises of lower rank (in the same component), so proofs never loop.
 */
import { formatAtom, groundValues } from './build.js';
import { MAX_ARITY, checkArity, checkProgram } from './check.js';
import type { CheckedProgram } from './check.js';
import { LogicError } from './errors.js';
import { MAXLIM, compilePlan } from './plan.js';
import type { Plan, PlanContext, RunEnv } from './plan.js';
import { Interner } from './intern.js';
import { isLoaded } from './load.js';
import type { LoadedProgram } from './load.js';
import { BASE, LIVE, NEW, Relation } from './relation.js';
import { Delta, Rows, Tuples } from './rows.js';
import { updateComponent } from './update.js';
import type { UpdateInput } from './update.js';
import type { Atom, Constant, Program, Term, Value } from './types.js';
import type {
  Changes,
  EngineOptions,
  EvaluationStats,
  EvaluationStrategy,
  RuleInfo,
} from './engine-types.js';

export type {
  Changes,
  EngineOptions,
  EvaluationStats,
  EvaluationStrategy,
  RuleInfo,
} from './engine-types.js';

export { tuning } from './update.js';

export class Engine {
  readonly checked: CheckedProgram;
  readonly relations: Relation[] = [];
  private readonly byName = new Map<string, Relation>();
  private readonly interner: Interner;
  readonly values: Value[];
  /** Relations of each component, in evaluation order. */
  readonly components: Relation[][] = [];
  readonly componentOf: number[] = [];
  readonly rules: RuleInfo[] = [];
  readonly rulesOfComponent: RuleInfo[][] = [];
  readonly rulesFor = new Map<Relation, RuleInfo[]>();
  private clock = 1;
  readonly ctx: PlanContext;
  private lim = new Int32Array(0);
  private readonly scanEnv: RunEnv;
  readonly probeEnv: RunEnv;

  readonly strategy: EvaluationStrategy;
  readonly stats: EvaluationStats = { rounds: 0, derivations: 0 };

  constructor(program: Program | LoadedProgram, options: EngineOptions = {}) {
    this.strategy = options.strategy ?? 'semi-naive';
    // Facts packed while parsing (load.ts) bring their interned constants along.
    const packed = isLoaded(program) ? program.facts : undefined;
    if (packed?.error !== undefined) throw packed.error;
    this.checked =
      packed === undefined
        ? checkProgram(program as Program)
        : checkProgram({ facts: [], rules: program.rules }, packed.arities());
    this.interner = packed?.interner ?? new Interner();
    this.values = this.interner.values;
    this.ctx = {
      relation: (p) => this.relation(p),
      intern: (v) => this.intern(v),
      values: this.values,
    };
    const noEmit = () => {};
    this.scanEnv = {
      mask: NEW,
      lim: this.lim,
      delta: new Int32Array(0),
      deltaLen: 0,
      deltaLo: 0,
      deltaHi: 0,
      stop: false,
      emit: noEmit,
    };
    this.probeEnv = {
      mask: NEW,
      lim: this.lim,
      delta: new Int32Array(0),
      deltaLen: 0,
      deltaLo: 0,
      deltaHi: 0,
      stop: false,
      emit: noEmit,
    };
    for (const comp of this.checked.components)
      this.addComponent(comp.map((p) => this.makeRelation(p, this.checked.arity.get(p)!)));
    for (const rule of program.rules) {
      const head = this.relation(rule.head.predicate);
      const info: RuleInfo = {
        rule,
        head,
        component: this.componentOf[head.id]!,
        plans: new Map(),
        hasPositive: rule.body.some((l) => l.kind === 'atom' && !l.negated),
        aggregated: rule.body.flatMap((l) =>
          l.kind === 'count' ? l.body.map((a) => this.relation(a.predicate)) : [],
        ),
      };
      this.rules.push(info);
      this.rulesOfComponent[info.component]!.push(info);
      this.rulesFor.get(head)!.push(info);
    }
    if (packed === undefined) this.update((program as Program).facts, [], false);
    else {
      const asserts = new Map<Relation, Tuples>();
      for (const [p, { tuples }] of packed.byPredicate) asserts.set(this.relation(p), tuples);
      this.apply(asserts, new Map(), false);
    }
    // The facts now live in the relations: do not keep their atoms as well.
    this.checked = { ...this.checked, program: { facts: [], rules: program.rules } };
  }

  intern(v: Value): number {
    return this.interner.intern(v);
  }

  /** Id of an already interned value, or -1. */
  lookup(v: Value): number {
    return this.interner.lookup(v);
  }

  relation(predicate: string): Relation {
    const r = this.byName.get(predicate);
    if (r === undefined) throw new Error(`internal: unknown relation ${predicate}`);
    return r;
  }

  maybeRelation(predicate: string): Relation | undefined {
    return this.byName.get(predicate);
  }

  private makeRelation(name: string, arity: number): Relation {
    if (arity > MAX_ARITY)
      throw new Error(`internal: '${name}' has ${arity} arguments (checkArity runs first)`);
    const r = new Relation(this.relations.length, name, arity);
    this.relations.push(r);
    this.byName.set(name, r);
    this.rulesFor.set(r, []);
    const lim = new Int32Array(this.relations.length).fill(MAXLIM);
    this.lim = lim;
    this.scanEnv.lim = lim;
    this.probeEnv.lim = lim;
    return r;
  }

  private addComponent(rels: Relation[]): void {
    for (const r of rels) this.componentOf[r.id] = this.components.length;
    this.components.push(rels);
    this.rulesOfComponent.push([]);
  }

  /** The relation for a fact, created (as a base relation) on first use; checks arity. */
  private relationFor(a: Atom): Relation {
    const r = this.byName.get(a.predicate);
    if (r === undefined) {
      checkArity(a);
      const nr = this.makeRelation(a.predicate, a.args.length);
      this.addComponent([nr]);
      return nr;
    }
    if (r.arity !== a.args.length) {
      throw new LogicError(
        `'${a.predicate}' has ${r.arity} argument${r.arity === 1 ? '' : 's'}, not ${a.args.length}, in ${formatAtom(a)}`,
        a.loc,
        'use the same number of arguments as the program',
        'LOGIC_ARITY',
      );
    }
    return r;
  }

  /** Ids of a ground atom, or undefined when a value was never seen (so the fact is absent). */
  idsOf(a: Atom, create: boolean): Int32Array | undefined {
    const out = new Rows();
    return this.pushIds(a, create, out) ? out.rows.slice(0, out.length) : undefined;
  }

  /**
   * Appends the ids of ground atom `a` to `out`, or returns false (leaving `out` as it
   * was) when a value was never seen. Updates pack their facts this way: one small
   * array per fact cost more in allocation and GC than the rest of loading.
   */
  private pushIds(a: Atom, create: boolean, out: Rows): boolean {
    for (const t of a.args) {
      if (t.kind === 'var')
        throw new LogicError(
          `${formatAtom(a)} is not ground (variable ${t.name})`,
          a.loc,
          'facts must contain constants only',
          'LOGIC_NOT_GROUND',
        );
    }
    const start = out.length;
    for (const t of a.args) {
      const id = create ? this.intern((t as Constant).value) : this.lookup((t as Constant).value);
      if (id < 0) {
        out.length = start;
        return false;
      }
      out.push(id);
    }
    return true;
  }

  atomOf(rel: Relation, row: number): Atom {
    const args: Term[] = [];
    for (let i = 0; i < rel.arity; i++)
      args.push({ kind: 'const', value: this.values[rel.data[row * rel.arity + i]!]! });
    return { predicate: rel.name, args };
  }

  /**
   * The ids of `atoms`, packed per relation (unknown values drop the fact unless
   * `create`). A method of its own so that a long loop here (loading 100k facts) is
   * optimized on its own, not as part of all of `update` (which then deoptimized at
   * the first line after the loop and was compiled again).
   */
  private pack(atoms: readonly Atom[], create: boolean): Map<Relation, Tuples> {
    const packed = new Map<Relation, Tuples>();
    for (const a of atoms) {
      const rel = this.relationFor(a);
      const ts = packed.get(rel) ?? packed.set(rel, new Tuples()).get(rel)!;
      if (this.pushIds(a, create, ts.ids)) ts.count++;
    }
    return packed;
  }

  /** Asserts and retracts base facts; derived facts follow. Retracting a fact that is
   * only derived (not asserted) has no effect. A fact in both lists ends up asserted. */
  update(toAssert: readonly Atom[], toRetract: readonly Atom[], report = true): Changes {
    const retracts = this.pack(toRetract, false);
    return this.apply(this.pack(toAssert, true), retracts, report);
  }

  /** `update` with its facts packed (ids per relation). */
  private apply(
    asserts: Map<Relation, Tuples>,
    retracts: Map<Relation, Tuples>,
    report: boolean,
  ): Changes {
    // Rows appended during the update are [count before, count after): a range.
    const inserted = this.relations.map((r) => {
      const d = new Delta();
      d.lo = d.hi = r.count;
      return d;
    });
    const deleted = this.relations.map(() => new Delta());
    const update: UpdateInput = { asserts, retracts, inserted, deleted };
    for (let c = 0; c < this.components.length; c++) {
      updateComponent(this, c, update);
      for (const rel of this.components[c]!) inserted[rel.id]!.hi = rel.count;
    }
    const changes: Changes = { added: [], removed: [] };
    for (const rel of this.relations) {
      const ins = inserted[rel.id]!,
        del = deleted[rel.id]!.extra;
      // setState inlined: 8 M rows took ~0.1 s as method calls.
      const st = rel.state;
      for (let row = ins.lo; row < ins.hi; row++) st[row] = (st[row]! & BASE) | LIVE;
      if (report)
        for (let row = ins.lo; row < ins.hi; row++) changes.added.push(this.atomOf(rel, row));
      for (let i = 0; i < del.length; i++) {
        const row = del.rows[i]!;
        if (report) changes.removed.push(this.atomOf(rel, row));
        rel.kill(row);
      }
      rel.hasOld = false;
      if (del.length > 0) rel.maybeCompact();
    }
    return changes;
  }

  /** Runs `info`'s plan with body literal `deltaAt` reading `delta` (-1: no delta), over rows in `mask`. */
  run(
    info: RuleInfo,
    deltaAt: number,
    delta: Delta | undefined,
    mask: number,
    emit: (h: Int32Array) => void,
  ): void {
    let plan = info.plans.get(deltaAt);
    if (plan === undefined)
      info.plans.set(deltaAt, (plan = compilePlan(info.rule, this.ctx, deltaAt)));
    const env = this.scanEnv;
    env.mask = mask;
    env.emit = emit;
    env.stop = false;
    if (delta !== undefined) {
      env.deltaLo = delta.lo;
      env.deltaHi = delta.hi;
      env.delta = delta.extra.rows;
      env.deltaLen = delta.extra.length;
    }
    plan.run(env);
  }

  /** The next round number (ranks of derived rows). */
  tick(): number {
    return ++this.clock;
  }

  /** Rows of the relations below `lim[id]` are visible to joins (the rows before this round). */
  limit(rel: Relation, lim: number): void {
    this.lim[rel.id] = lim;
  }

  /** Plan of `info` with every head variable bound; undefined if `tuple` does not unify with the head. */
  headPlan(info: RuleInfo, tuple: ArrayLike<number>): Plan | undefined {
    const head = info.rule.head;
    if (info.headPlan === undefined) {
      const names = [...new Set(head.args.flatMap((t) => (t.kind === 'var' ? [t.name] : [])))];
      info.headPlan = compilePlan(info.rule, this.ctx, -1, names);
    }
    const plan = info.headPlan;
    const seen = new Set<number>();
    for (let i = 0; i < head.args.length; i++) {
      const t = head.args[i]!;
      if (t.kind === 'const') {
        if (this.lookup(t.value) !== tuple[i]) return undefined;
      } else {
        const r = plan.vars.get(t.name)!;
        if (seen.has(r) && plan.regs[r] !== tuple[i]) return undefined;
        seen.add(r);
        plan.regs[r] = tuple[i]!;
      }
    }
    return plan;
  }

  /**
   * Finds a rule instance deriving row `row` of `rel` in the NEW database for which
   * `accept(info, plan)` holds (called with the registers set); returns it or undefined.
   */
  derivation(
    rel: Relation,
    row: number,
    accept: (info: RuleInfo, plan: Plan) => boolean,
  ): { info: RuleInfo; regs: Int32Array } | undefined {
    const tuple = rel.data.slice(row * rel.arity, row * rel.arity + rel.arity);
    const env = this.probeEnv;
    for (const info of this.rulesFor.get(rel)!) {
      const plan = this.headPlan(info, tuple);
      if (plan === undefined) continue;
      let found: Int32Array | undefined;
      env.mask = NEW;
      env.stop = false;
      env.emit = () => {
        if (accept(info, plan)) {
          found = plan.regs.slice();
          env.stop = true;
        }
      };
      plan.run(env);
      env.stop = false;
      if (found !== undefined) return { info, regs: found };
    }
    return undefined;
  }

  /** Creates an empty relation for an unknown predicate (so queries on it return nothing). */
  knownArity(a: Atom): Relation {
    return this.relationFor(a);
  }

  /** Whether a fact holds (between updates), without asking for its row. */
  holds(a: Atom): boolean {
    const rel = this.byName.get(a.predicate);
    if (rel === undefined) return false;
    if (rel.arity !== a.args.length) this.relationFor(a);
    const ids = this.idsOf(a, false);
    return ids !== undefined && rel.has(ids);
  }

  /** Row of a fact if it holds now, else -1. */
  rowOf(a: Atom): { rel: Relation; row: number } | undefined {
    const rel = this.byName.get(a.predicate);
    if (rel === undefined) return undefined;
    if (rel.arity !== a.args.length) this.relationFor(a);
    const ids = this.idsOf(a, false);
    if (ids === undefined) return undefined;
    const row = rel.has(ids) ? rel.find(ids) : -1;
    return row >= 0 && rel.state[row]! & NEW ? { rel, row } : undefined;
  }
}

export { groundValues };
