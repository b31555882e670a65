/**
 * Compiled schemas and the join that instantiates them over reachable atoms. A schema is a
 * conjunction of literals over variable slots; argument codes `>= 0` are object ids, `< 0`
 * variable slots (`-1 - slot`). The join binds the variables atom by atom (most selective
 * index first), then enumerates the variables no positive literal binds over their type, and
 * checks equalities and negated static atoms as soon as their variables are bound.
 *
 * It is an iterator with explicit stacks, not a recursion, so that grounding can stop after
 * any amount of work (to check the time and memory budget, or give the event loop a turn)
 * and resume where it was.
 */
import type { AtomTable, IntVec } from './atoms.js';

export interface CLit {
  pred: number;
  args: Int32Array;
}

export interface CCheck {
  /** 'eq' / 'neq': args[0] and args[1] equal / different; 'absent': the atom is not reachable. */
  kind: 'eq' | 'neq' | 'absent';
  lit: CLit;
}

export interface CSchema {
  nVars: number;
  /** Objects each variable ranges over, and the same as a membership mask. */
  varObjects: Int32Array[];
  varOk: Uint8Array[];
  /** Positive literals matched against reachable atoms. */
  pos: CLit[];
  checks: CCheck[];
}

interface Plan {
  /** Per depth: literal index (>= 0) or free variable (-1 - slot). */
  steps: Int32Array;
  /** Checks whose variables are all bound after depth d, at index d + 1 (index 0: before any). */
  checksAt: CCheck[][];
}

const isVar = (code: number): boolean => code < 0;
const slot = (code: number): number => -1 - code;

/** Join order: greedily the literal with most bound arguments (fewest unbound on ties). */
function makePlan(s: CSchema, trigger: number, preset: readonly boolean[]): Plan {
  const bound = [...preset];
  const bindLit = (l: CLit): void => {
    for (const c of l.args) if (isVar(c)) bound[slot(c)] = true;
  };
  if (trigger >= 0) bindLit(s.pos[trigger]!);
  const steps: number[] = [];
  const left = s.pos.map((_, i) => i).filter((i) => i !== trigger);
  while (left.length > 0) {
    let best = 0;
    let bestScore = -Infinity;
    left.forEach((i, k) => {
      const args = s.pos[i]!.args;
      let b = 0;
      for (const c of args) if (!isVar(c) || bound[slot(c)]) b++;
      const score = b * 16 - (args.length - b) + (args.length === 0 ? 1000 : 0);
      if (score > bestScore) {
        bestScore = score;
        best = k;
      }
    });
    const i = left.splice(best, 1)[0]!;
    steps.push(i);
    bindLit(s.pos[i]!);
  }
  for (let v = 0; v < s.nVars; v++) if (!bound[v]) steps.push(-1 - v);
  // Each check goes right after the depth that binds its last variable.
  const depthOf = new Array<number>(s.nVars).fill(Infinity);
  preset.forEach((p, v) => p && (depthOf[v] = -1));
  if (trigger >= 0) for (const c of s.pos[trigger]!.args) if (isVar(c)) depthOf[slot(c)] = -1;
  steps.forEach((st, d) => {
    const vars = st >= 0 ? Array.from(s.pos[st]!.args).filter(isVar).map(slot) : [slot(st)];
    for (const v of vars) if (depthOf[v] === Infinity) depthOf[v] = d;
  });
  const checksAt: CCheck[][] = Array.from({ length: steps.length + 1 }, () => []);
  for (const c of s.checks) {
    let d = -1;
    for (const a of c.lit.args) if (isVar(a)) d = Math.max(d, depthOf[slot(a)]!);
    checksAt[d + 1]!.push(c);
  }
  return { steps: Int32Array.from(steps), checksAt };
}

/** Work budget shared by the joins of one grounding: each candidate tried costs one unit. */
export interface Meter {
  left: number;
}

export const PAUSED = -1;
export const DONE = 0;
export const FOUND = 1;

/**
 * Enumerates the bindings of one schema: `startTrigger` (the atom just reached matched
 * against one literal; literals before it may only use older atoms, after it the atom itself
 * too, so each binding is found once) or `startAll` (every binding, variables preset in
 * `env` kept). `next` gives FOUND (the binding is in `env`), DONE, or PAUSED.
 */
export class Join {
  readonly env: Int32Array;
  private readonly plans = new Map<number | string, Plan>();
  private plan!: Plan;
  private depth = 0;
  private maxId = 0;
  private trigger = -1;
  private readonly idx: Int32Array;
  private readonly list: Array<IntVec | Int32Array | undefined>;
  private readonly boundStart: Int32Array;
  private readonly bound: Int32Array;
  private boundTop = 0;
  private resume = false;
  private readonly buf: Int32Array;

  constructor(
    readonly atoms: AtomTable,
    readonly s: CSchema,
  ) {
    this.env = new Int32Array(s.nVars).fill(-1);
    const depths = s.pos.length + s.nVars + 1;
    this.idx = new Int32Array(depths);
    this.list = new Array(depths).fill(undefined);
    this.boundStart = new Int32Array(depths);
    this.bound = new Int32Array(s.nVars + 1);
    let maxArity = 2;
    for (const l of s.pos) maxArity = Math.max(maxArity, l.args.length);
    for (const c of s.checks) maxArity = Math.max(maxArity, c.lit.args.length);
    this.buf = new Int32Array(maxArity);
  }

  private planFor(trigger: number): Plan {
    // Keyed by the trigger and which variables are preset (one bit each).
    let key: number | string = trigger + 1;
    if (this.env.length <= 40)
      for (let v = 0; v < this.env.length; v++) key = key * 2 + (this.env[v]! >= 0 ? 1 : 0);
    else key = `${trigger}:${Array.from(this.env, (x) => (x >= 0 ? 1 : 0)).join('')}`;
    let p = this.plans.get(key);
    if (p === undefined) {
      p = makePlan(
        this.s,
        trigger,
        Array.from(this.env, (x) => x >= 0),
      );
      this.plans.set(key, p);
    }
    return p;
  }

  /** Starts the bindings in which literal `trigger` is atom `atom` (the one at the cursor). */
  startTrigger(trigger: number, atom: number): void {
    this.env.fill(-1);
    this.boundTop = 0;
    this.plan = this.planFor(trigger);
    this.trigger = trigger;
    this.maxId = atom;
    this.resume = false;
    this.depth = -1;
    if (this.unify(this.s.pos[trigger]!, atom) && this.checks(0)) this.enter(0);
  }

  /** Starts every binding (over all reachable atoms), keeping the variables already set in `env`. */
  startAll(): void {
    this.boundTop = 0;
    this.plan = this.planFor(-1);
    this.trigger = -1;
    this.maxId = 0x7fffffff;
    this.resume = false;
    this.depth = -1;
    if (this.checks(0)) this.enter(0);
  }

  private enter(d: number): void {
    this.depth = d;
    this.idx[d] = 0;
    this.boundStart[d] = this.boundTop;
    const steps = this.plan.steps;
    if (d === steps.length) return;
    const st = steps[d]!;
    if (st < 0) {
      this.list[d] = this.s.varObjects[slot(st)]!;
      return;
    }
    const l = this.s.pos[st]!;
    let best: IntVec | undefined;
    let any = false;
    for (let p = 0; p < l.args.length; p++) {
      const c = l.args[p]!;
      const o = isVar(c) ? this.env[slot(c)]! : c;
      if (o < 0) continue;
      const cand = this.atoms.withArg(l.pred, p, o);
      if (cand === undefined) {
        this.list[d] = undefined;
        return;
      }
      if (!any || cand.length < best!.length) best = cand;
      any = true;
    }
    this.list[d] = any ? best : this.atoms.byPred[l.pred];
  }

  private unify(l: CLit, atom: number): boolean {
    const a = this.atoms.args.data;
    const off = this.atoms.argStart.data[atom]!;
    const env = this.env;
    for (let p = 0; p < l.args.length; p++) {
      const c = l.args[p]!;
      const x = a[off + p]!;
      if (c >= 0) {
        if (c !== x) return false;
        continue;
      }
      const v = -1 - c;
      const cur = env[v]!;
      if (cur < 0) {
        if (!this.s.varOk[v]![x]) return false;
        env[v] = x;
        this.bound[this.boundTop++] = v;
      } else if (cur !== x) return false;
    }
    return true;
  }

  private value(c: number): number {
    return c >= 0 ? c : this.env[-1 - c]!;
  }

  private checks(at: number): boolean {
    for (const c of this.plan.checksAt[at]!) {
      const args = c.lit.args;
      if (c.kind === 'absent') {
        for (let i = 0; i < args.length; i++) this.buf[i] = this.value(args[i]!);
        if (this.atoms.find(c.lit.pred, this.buf) >= 0) return false;
      } else if ((this.value(args[0]!) === this.value(args[1]!)) !== (c.kind === 'eq'))
        return false;
    }
    return true;
  }

  private unbindTo(top: number): void {
    while (this.boundTop > top) this.env[this.bound[--this.boundTop]!] = -1;
  }

  /** FOUND with the next binding in `env`, DONE when there is none, PAUSED when `meter` ran out. */
  next(meter: Meter): number {
    const steps = this.plan.steps;
    const D = steps.length;
    if (this.depth < 0) return DONE;
    if (this.resume) {
      this.resume = false;
      if (D === 0) {
        this.depth = -1;
        return DONE;
      }
      this.depth = D - 1;
    } else if (this.depth === D) {
      this.resume = true;
      return FOUND;
    }
    for (;;) {
      const d = this.depth;
      this.unbindTo(this.boundStart[d]!);
      const st = steps[d]!;
      const list = this.list[d];
      let advanced = false;
      if (list !== undefined) {
        if (st < 0) {
          const objs = list as Int32Array;
          const v = -1 - st;
          while (this.idx[d]! < objs.length) {
            if (--meter.left < 0) return PAUSED;
            this.env[v] = objs[this.idx[d]++]!;
            this.bound[this.boundTop++] = v;
            if (this.checks(d + 1)) {
              advanced = true;
              break;
            }
            this.unbindTo(this.boundStart[d]!);
          }
        } else {
          const vec = list as IntVec;
          const l = this.s.pos[st]!;
          const limit = st < this.trigger ? this.maxId - 1 : this.maxId;
          while (this.idx[d]! < vec.length) {
            if (--meter.left < 0) return PAUSED;
            const atom = vec.data[this.idx[d]++]!;
            if (atom > limit) {
              this.idx[d] = vec.length;
              break;
            }
            if (this.unify(l, atom) && this.checks(d + 1)) {
              advanced = true;
              break;
            }
            this.unbindTo(this.boundStart[d]!);
          }
        }
      }
      if (advanced) {
        this.enter(d + 1);
        if (d + 1 === D) {
          this.resume = true;
          return FOUND;
        }
        continue;
      }
      if (d === 0) {
        this.unbindTo(0);
        this.depth = -1;
        return DONE;
      }
      this.depth = d - 1;
    }
  }
}
