/**
 * Relaxed reachability, the first half of grounding: atoms are processed one at a time in
 * the order they are reached (the initial ones first); each atom is joined, as each literal it
 * matches, with the atoms processed before it, which finds every binding of every schema
 * exactly once and needs no set of the bindings seen. An action binding adds its
 * unconditional effects, a derived rule its head, a conditional effect its atom.
 *
 * `run(meter)` does a bounded amount of work and can be called again to go on, so that the
 * caller checks its budget (time, memory, abort) and reports progress in between.
 */
import { AtomTable, IntVec } from './atoms.js';
import { DONE, FOUND, Join, PAUSED } from './join.js';
import type { CLit, CSchema, Meter } from './join.js';
import type { Schemas } from './schemas.js';

/** What a join's bindings do: store an action or rule instance, or add atoms. */
interface Target {
  join: Join;
  /** Atoms added by each binding (the unconditional adds, a rule's head). */
  heads: CLit[];
  /** Where each binding is stored (actions and rules), or undefined. */
  store: IntVec | undefined;
  isAction: boolean;
}

export class Reach {
  readonly atoms: AtomTable;
  /** Per action schema / rule schema: its bindings, `nVars` numbers each. */
  readonly actionBindings: IntVec[];
  readonly ruleBindings: IntVec[];
  /** Action instances found so far. */
  instances = 0;
  private readonly targets: Target[] = [];
  /** triggers[p]: (target, literal) pairs whose literal has predicate p. */
  private readonly triggers: Array<Array<[number, number]>>;
  private cursor = 0;
  private trig = 0;
  private active: Target | undefined;
  private initial: number[];
  private readonly buf: Int32Array;

  constructor(
    readonly sc: Schemas,
    initAtoms: ReadonlyArray<{ predicate: string; args: string[] }>,
  ) {
    this.atoms = new AtomTable(sc.arity, sc.objects.length + 1);
    let maxArity = 1;
    for (const a of sc.arity) maxArity = Math.max(maxArity, a);
    this.buf = new Int32Array(maxArity);
    for (const a of initAtoms) {
      const p = sc.predicateId.get(a.predicate)!;
      a.args.forEach((x, i) => (this.buf[i] = sc.objectId.get(x) ?? sc.objects.length));
      this.atoms.insert(p, this.buf);
    }
    this.actionBindings = sc.actions.map((a) => new IntVec(a.join.nVars * 16));
    this.ruleBindings = sc.rules.map((r) => new IntVec(r.join.nVars * 16));
    const add = (
      join: CSchema,
      heads: CLit[],
      store: IntVec | undefined,
      isAction = false,
    ): void => {
      this.targets.push({ join: new Join(this.atoms, join), heads, store, isAction });
    };
    sc.actions.forEach((a, i) =>
      add(
        a.join,
        a.effects.filter((e) => e.conditions === null && !e.lit.negated).map((e) => e.lit),
        this.actionBindings[i],
        true,
      ),
    );
    sc.rules.forEach((r, i) => add(r.join, [r.head], this.ruleBindings[i]));
    for (const e of sc.effectRules) add(e.join, [e.head], undefined);
    this.triggers = Array.from(sc.arity, () => []);
    this.targets.forEach((t, ti) =>
      t.join.s.pos.forEach((l, li) => this.triggers[l.pred]!.push([ti, li])),
    );
    // Schemas without positive literals: all their bindings, once, before any atom.
    this.initial = this.targets.flatMap((t, ti) => (t.join.s.pos.length === 0 ? [ti] : []));
  }

  private emit(t: Target): void {
    const env = t.join.env;
    if (t.store !== undefined) {
      for (let v = 0; v < env.length; v++) t.store.push(env[v]!);
      if (env.length === 0) t.store.push(0); // one number per binding, so bindings can be counted
      if (t.isAction) this.instances++;
    }
    for (const h of t.heads) {
      for (let i = 0; i < h.args.length; i++) {
        const c = h.args[i]!;
        this.buf[i] = c >= 0 ? c : env[-1 - c]!;
      }
      this.atoms.insert(h.pred, this.buf);
    }
  }

  /** Drains the active join; false when the meter ran out first. */
  private drain(meter: Meter): boolean {
    const t = this.active!;
    for (;;) {
      const r = t.join.next(meter);
      if (r === FOUND) this.emit(t);
      else if (r === DONE) {
        this.active = undefined;
        return true;
      } else if (r === PAUSED) return false;
    }
  }

  /** Works until the fixpoint (true) or until `meter` runs out (false; call again to go on). */
  run(meter: Meter): boolean {
    for (;;) {
      if (this.active !== undefined && !this.drain(meter)) return false;
      if (this.initial.length > 0) {
        const t = this.targets[this.initial.pop()!]!;
        t.join.env.fill(-1);
        t.join.startAll();
        this.active = t;
        continue;
      }
      if (this.cursor >= this.atoms.count) return true;
      const list = this.triggers[this.atoms.pred.data[this.cursor]!]!;
      if (this.trig >= list.length) {
        this.trig = 0;
        this.cursor++;
        if (--meter.left < 0) return false;
        continue;
      }
      const [ti, li] = list[this.trig++]!;
      const t = this.targets[ti]!;
      t.join.startTrigger(li, this.cursor);
      this.active = t;
    }
  }
}
