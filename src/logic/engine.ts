/**
 * The reasoner: a Datalog engine with semi-naive evaluation and incremental updates
 * (DRed, component by component in stratification order). Loading a program is the
 * same code path as asserting its facts into an empty database.
 *
 * Update of one component C (mutually recursive predicates), given the rows inserted
 * and deleted in earlier components:
 *  1. overdelete: every fact of C with a derivation that used a deleted fact (or a
 *     `not q` whose q was inserted), read in the OLD database, transitively;
 *  2. rederive: overdeleted facts that still have a derivation in the NEW database;
 *  3. insert, semi-naively: consequences of inserted facts (or of `not q` whose q was
 *     deleted) and of the rederived and newly asserted facts, round by round.
 * Each derived row records the round that derived it (its rank); a proof only uses
 * premises of lower rank (in the same component), so proofs never loop.
 */
import { formatAtom, groundValues } from './build.js';
import { MAX_ARITY, checkArity, checkProgram } from './check.js';
import type { CheckedProgram } from './check.js';
import { LogicError } from './errors.js';
import { parseAtom, parseProgram } from './parse.js';
import { compilePlan } from './plan.js';
import type { Plan, PlanContext, RunEnv } from './plan.js';
import { Interner } from './intern.js';
import { LIVE, NEW, OLD, Relation } from './relation.js';
import { Rows, Tuples } from './rows.js';
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

const MAXLIM = 0x7fffffff;

/**
 * When an update overdeletes more than `recomputeAbove` of a component's rows (and it
 * has at least `recomputeMinRows`), the component is recomputed instead of rederived
 * fact by fact. Exposed for tests, which force both paths.
 */
export const tuning = { recomputeAbove: 0.5, recomputeMinRows: 256 };

export class Engine {
  readonly checked: CheckedProgram;
  readonly relations: Relation[] = [];
  private readonly byName = new Map<string, Relation>();
  private readonly interner = new Interner();
  readonly values: Value[] = this.interner.values;
  /** Relations of each component, in evaluation order. */
  readonly components: Relation[][] = [];
  readonly componentOf: number[] = [];
  readonly rules: RuleInfo[] = [];
  private readonly rulesOfComponent: RuleInfo[][] = [];
  readonly rulesFor = new Map<Relation, RuleInfo[]>();
  private clock = 1;
  readonly ctx: PlanContext;
  private lim = new Int32Array(0);
  private readonly scanEnv: RunEnv;
  readonly probeEnv: RunEnv;

  readonly strategy: EvaluationStrategy;
  readonly stats: EvaluationStats = { rounds: 0, derivations: 0 };

  constructor(program: Program, options: EngineOptions = {}) {
    this.strategy = options.strategy ?? 'semi-naive';
    this.checked = checkProgram(program);
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
      stop: false,
      emit: noEmit,
    };
    this.probeEnv = {
      mask: NEW,
      lim: this.lim,
      delta: new Int32Array(0),
      deltaLen: 0,
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
    this.update(program.facts, [], false);
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
    const asserts = this.pack(toAssert, true);
    const inserted = this.relations.map(() => new Rows());
    const deleted = this.relations.map(() => new Rows());
    for (let c = 0; c < this.components.length; c++)
      this.updateComponent(c, asserts, retracts, inserted, deleted);
    const changes: Changes = { added: [], removed: [] };
    for (const rel of this.relations) {
      const ins = inserted[rel.id]!,
        del = deleted[rel.id]!;
      for (let i = 0; i < ins.length; i++) {
        const row = ins.rows[i]!;
        rel.state[row] = LIVE;
        if (report) changes.added.push(this.atomOf(rel, row));
      }
      for (let i = 0; i < del.length; i++) {
        const row = del.rows[i]!;
        if (report) changes.removed.push(this.atomOf(rel, row));
        rel.kill(row);
      }
      if (del.length > 0) rel.maybeCompact();
    }
    return changes;
  }

  private run(
    info: RuleInfo,
    deltaAt: number,
    delta: Rows | undefined,
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
      env.delta = delta.rows;
      env.deltaLen = delta.length;
    }
    plan.run(env);
  }

  private updateComponent(
    c: number,
    asserts: Map<Relation, Tuples>,
    retracts: Map<Relation, Tuples>,
    inserted: Rows[],
    deleted: Rows[],
  ): void {
    const rels = this.components[c]!;
    const rules = this.rulesOfComponent[c]!;
    const inComp = (p: string) => this.componentOf[this.relation(p).id] === c;
    // 1. Overdelete, reading the OLD database.
    const over = new Map<Relation, Rows>(rels.map((r) => [r, new Rows()]));
    let frontier = new Map<Relation, Rows>(rels.map((r) => [r, new Rows()]));
    const overdelete = (rel: Relation, row: number) => {
      if (row >= 0 && rel.state[row] === LIVE) {
        rel.state[row] = OLD;
        over.get(rel)!.push(row);
        frontier.get(rel)!.push(row);
      }
    };
    for (const rel of rels) {
      const ts = retracts.get(rel);
      for (let i = 0; ts !== undefined && i < ts.count; i++) {
        const row = rel.find(ts.ids.rows, i * rel.arity);
        if (row >= 0 && rel.base[row]) {
          rel.base[row] = 0;
          overdelete(rel, row);
        }
      }
    }
    const aggChanged = (info: RuleInfo) =>
      info.aggregated.some((q) => inserted[q.id]!.length > 0 || deleted[q.id]!.length > 0);
    for (const info of rules) {
      const emit = (h: Int32Array) => overdelete(info.head, info.head.find(h));
      if (aggChanged(info)) this.run(info, -1, undefined, OLD, emit);
      info.rule.body.forEach((l, d) => {
        if (l.kind !== 'atom' || inComp(l.atom.predicate)) return;
        const q = this.relation(l.atom.predicate).id;
        const delta = l.negated ? inserted[q]! : deleted[q]!;
        if (delta.length > 0) this.run(info, d, delta, OLD, emit);
      });
    }
    while ([...frontier.values()].some((f) => f.length > 0)) {
      const cur = frontier;
      frontier = new Map(rels.map((r) => [r, new Rows()]));
      for (const info of rules) {
        const emit = (h: Int32Array) => overdelete(info.head, info.head.find(h));
        info.rule.body.forEach((l, d) => {
          if (l.kind !== 'atom' || l.negated || !inComp(l.atom.predicate)) return;
          const delta = cur.get(this.relation(l.atom.predicate))!;
          if (delta.length > 0) this.run(info, d, delta, OLD, emit);
        });
      }
    }
    // When most of the component was overdeleted (dense recursive graphs), checking each
    // fact for another derivation costs more than recomputing the component: overdelete
    // all of it, keep base facts, and evaluate every rule in full in the first round.
    let overTotal = 0,
      size = 0;
    for (const rel of rels) {
      overTotal += over.get(rel)!.length;
      size += rel.count;
    }
    const recompute =
      size >= tuning.recomputeMinRows &&
      overTotal > size * tuning.recomputeAbove &&
      rules.length > 0;
    if (recompute) for (const rel of rels) for (let r = 0; r < rel.count; r++) overdelete(rel, r);
    // 2. Rederive what still has a derivation in the NEW database.
    let seeds = new Map<Relation, Rows>(rels.map((r) => [r, new Rows()]));
    for (const [rel, rows] of over) {
      for (let i = 0; i < rows.length; i++) {
        const row = rows.rows[i]!;
        if (rel.base[row] || (!recompute && this.derivation(rel, row, () => true))) {
          rel.state[row] = LIVE;
          rel.rank[row] = rel.base[row] ? 0 : ++this.clock;
          seeds.get(rel)!.push(row);
        }
      }
    }
    // 3. Assert base facts, then insert consequences round by round.
    for (const rel of rels) {
      const ts = asserts.get(rel);
      for (let i = 0; ts !== undefined && i < ts.count; i++) {
        let row = rel.find(ts.ids.rows, i * rel.arity);
        if (row < 0) {
          row = rel.append(ts.ids.rows, i * rel.arity, NEW, 0, 1);
          inserted[rel.id]!.push(row);
          seeds.get(rel)!.push(row);
        } else {
          if (rel.state[row] === OLD) {
            rel.state[row] = LIVE;
            seeds.get(rel)!.push(row);
          }
          rel.base[row] = 1;
          rel.rank[row] = 0;
        }
      }
    }
    let first = true;
    const flips: Array<[Relation, number]> = [];
    const naive = this.strategy === 'naive';
    let fired = 0;
    while (first || [...seeds.values()].some((s) => s.length > 0)) {
      const round = ++this.clock;
      this.stats.rounds++;
      const next = new Map<Relation, Rows>(rels.map((r) => [r, new Rows()]));
      for (const rel of rels) this.lim[rel.id] = rel.count;
      for (const info of rules) {
        const head = info.head;
        const ins = inserted[head.id]!,
          nextRows = next.get(head)!;
        const emit = (h: Int32Array) => {
          fired++;
          const row = head.insert(h, NEW, round);
          if (row >= 0) {
            ins.push(row);
            nextRows.push(row);
          } else if (head.state[-row - 1] === OLD) flips.push([head, -row - 1]);
        };
        // Naive: every rule over the full relations (rows from before this round), every round.
        if (naive || (first && (recompute || !info.hasPositive || aggChanged(info))))
          this.run(info, -1, undefined, NEW, emit);
        if (naive || (first && recompute)) continue;
        info.rule.body.forEach((l, d) => {
          if (l.kind !== 'atom') return;
          const rel = this.relation(l.atom.predicate);
          if (this.componentOf[rel.id] === c) {
            const delta = seeds.get(rel)!;
            if (!l.negated && delta.length > 0) this.run(info, d, delta, NEW, emit);
          } else if (first) {
            const delta = l.negated ? deleted[rel.id]! : inserted[rel.id]!;
            if (delta.length > 0) this.run(info, d, delta, NEW, emit);
          }
        });
      }
      for (const [rel, row] of flips) {
        if (rel.state[row] !== OLD) continue;
        rel.state[row] = LIVE;
        rel.rank[row] = round;
        next.get(rel)!.push(row);
      }
      flips.length = 0;
      for (const rel of rels) this.lim[rel.id] = MAXLIM;
      seeds = next;
      first = false;
    }
    this.stats.derivations += fired;
    for (const [rel, rows] of over) {
      for (let i = 0; i < rows.length; i++)
        if (rel.state[rows.rows[i]!] === OLD) deleted[rel.id]!.push(rows.rows[i]!);
    }
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

  /** Row of a fact if it holds now, else -1. */
  rowOf(a: Atom): { rel: Relation; row: number } | undefined {
    const rel = this.byName.get(a.predicate);
    if (rel === undefined) return undefined;
    if (rel.arity !== a.args.length) this.relationFor(a);
    const ids = this.idsOf(a, false);
    if (ids === undefined) return undefined;
    const row = rel.find(ids);
    return row >= 0 && rel.state[row]! & NEW ? { rel, row } : undefined;
  }
}

/** Accepts an atom, or its text (`p(a, 1)`). */
export function toAtom(a: Atom | string): Atom {
  return typeof a === 'string' ? parseAtom(a) : a;
}

/** A program from text or data. */
export function toProgram(p: Program | string, file?: string): Program {
  return typeof p === 'string' ? parseProgram(p, file) : p;
}

export { groundValues };
