/**
 * Rule bodies compiled to join plans over interned ids, run as a chain of closures.
 * Variables live in registers (an Int32Array); each positive atom is a hash-index
 * lookup on the positions already bound (the index for that pattern is built on first
 * use), or a scan of an explicit delta row list for semi-naive evaluation and DRed.
 */
import { countInputs } from './build.js';
import { isWildcard } from './check.js';
import { NEW } from './relation.js';
import type { Relation } from './relation.js';

/** `RunEnv.lim` of a relation that is not being evaluated: every row visible. */
export const MAXLIM = 0x7fffffff;
import type { CompareOp, Rule, Term, Value } from './types.js';

/** Register index (>= 0) or a constant id encoded as -(id + 1). */
type Src = number;

/**
 * What a run reads: rows whose state has a bit of `mask`, and (per relation) row < lim.
 * The delta literal reads rows deltaLo..deltaHi-1, then delta[0..deltaLen-1].
 */
export interface RunEnv {
  mask: number;
  lim: Int32Array;
  delta: Int32Array;
  deltaLen: number;
  deltaLo: number;
  deltaHi: number;
  stop: boolean;
  emit: (head: Int32Array) => void;
}

export interface Plan {
  rule: Rule;
  /** variable name -> register */
  vars: Map<string, number>;
  regs: Int32Array;
  head: Int32Array;
  /** Body position read from `env.delta`, or -1. */
  deltaAt: number;
  run: (env: RunEnv) => void;
}

export interface PlanContext {
  relation: (predicate: string) => Relation;
  intern: (v: Value) => number;
  values: Value[];
}

/** Total order on values: integers numerically, before strings, strings by code units. */
export function compareValues(a: Value, b: Value): number {
  if (typeof a === 'number') return typeof b === 'number' ? a - b : -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function test(op: CompareOp, c: number): boolean {
  switch (op) {
    case '=':
      return c === 0;
    case '!=':
      return c !== 0;
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    case '>=':
      return c >= 0;
  }
}

/**
 * Compiles `rule` so that body literal `deltaAt` (if >= 0) reads the delta rows (a
 * negated literal there is read positively from the delta and still checked), with
 * the variables in `prebound` already set in the registers by the caller.
 */
export function compilePlan(
  rule: Rule,
  ctx: PlanContext,
  deltaAt = -1,
  prebound: readonly string[] = [],
): Plan {
  const vars = new Map<string, number>();
  const reg = (name: string) => {
    let r = vars.get(name);
    if (r === undefined) vars.set(name, (r = vars.size));
    return r;
  };
  const bound = new Set<string>();
  for (const n of prebound) {
    reg(n);
    bound.add(n);
  }
  const src = (t: Term): Src => (t.kind === 'const' ? -(ctx.intern(t.value) + 1) : reg(t.name));
  const isBound = (t: Term) => t.kind === 'const' || bound.has(t.name);
  const steps: Array<(next: () => void, env: RunEnv, regs: Int32Array) => () => void> = [];

  const atomStep = (atomArgs: Term[], rel: Relation, delta: boolean) => {
    const boundPos: number[] = [],
      boundSrc: Src[] = [],
      freePos: number[] = [],
      freeReg: number[] = [];
    const checkPos: number[] = [],
      checkReg: number[] = [];
    const local = new Set<string>();
    atomArgs.forEach((t, i) => {
      if (isBound(t)) {
        boundPos.push(i);
        boundSrc.push(src(t));
      } else if (t.kind === 'var' && local.has(t.name)) {
        checkPos.push(i);
        checkReg.push(reg(t.name));
      } else if (t.kind === 'var') {
        local.add(t.name);
        freePos.push(i);
        freeReg.push(reg(t.name));
      }
    });
    for (const n of local) bound.add(n);
    steps.push(makeAtom(rel, delta, boundPos, boundSrc, freePos, freeReg, checkPos, checkReg));
  };

  const body = rule.body;
  const placed = new Uint8Array(body.length);
  if (deltaAt >= 0) {
    const l = body[deltaAt]!;
    if (l.kind !== 'atom') throw new Error('delta literal must be an atom');
    atomStep(l.atom.args, ctx.relation(l.atom.predicate), true);
    if (!l.negated) placed[deltaAt] = 1;
  }
  for (;;) {
    // Filters as soon as their variables are bound.
    let progress = true;
    while (progress) {
      progress = false;
      body.forEach((l, i) => {
        if (placed[i]) return;
        if (l.kind === 'compare') {
          const lb = isBound(l.left),
            rb = isBound(l.right);
          if (lb && rb) steps.push(makeCompare(l.op, src(l.left), src(l.right), -1, ctx.values));
          else if (l.op === '=' && lb && l.right.kind === 'var') {
            steps.push(makeCompare('=', src(l.left), -1, reg(l.right.name), ctx.values));
            bound.add(l.right.name);
          } else if (l.op === '=' && rb && l.left.kind === 'var') {
            steps.push(makeCompare('=', src(l.right), -1, reg(l.left.name), ctx.values));
            bound.add(l.left.name);
          } else return;
        } else if (l.kind === 'count') {
          const inputs = countInputs(l, rule);
          if (!inputs.every((n) => bound.has(n))) return;
          const locals = [
            ...new Set(
              l.body.flatMap((a) =>
                a.args.flatMap((t) =>
                  t.kind === 'var' && !inputs.includes(t.name) ? [t.name] : [],
                ),
              ),
            ),
          ];
          const inner: Rule = {
            head: { predicate: '?count', args: locals.map((name) => ({ kind: 'var', name })) },
            body: l.body.map((atom) => ({ kind: 'atom', atom, negated: false })),
          };
          const innerPlan = compilePlan(inner, ctx, -1, inputs);
          const copy = inputs.map((n) => [reg(n), innerPlan.vars.get(n)!] as const);
          const res = l.result;
          if (isBound(res)) steps.push(makeCount(innerPlan, copy, src(res), -1, ctx));
          else if (res.kind === 'var') {
            steps.push(makeCount(innerPlan, copy, 0, reg(res.name), ctx));
            bound.add(res.name);
          }
        } else if (l.negated) {
          if (
            !l.atom.args.every((t) => isBound(t) || (t.kind === 'var' && isWildcard(t.name, rule)))
          )
            return;
          const pos: number[] = [],
            s: Src[] = [];
          // Wildcards stay free even when a delta scan of this literal bound them.
          l.atom.args.forEach((t, j) => {
            if (isBound(t) && !(t.kind === 'var' && isWildcard(t.name, rule))) {
              pos.push(j);
              s.push(src(t));
            }
          });
          steps.push(makeNegation(ctx.relation(l.atom.predicate), pos, s));
        } else return;
        placed[i] = 1;
        progress = true;
      });
    }
    // Then the positive atom with the most bound arguments (source order breaks ties).
    let best = -1,
      bestScore = -1;
    body.forEach((l, i) => {
      if (placed[i] || l.kind !== 'atom' || l.negated) return;
      const score = l.atom.args.filter(isBound).length * 2 + (l.atom.args.length === 0 ? 1 : 0);
      if (score > bestScore) {
        best = i;
        bestScore = score;
      }
    });
    if (best < 0) break;
    const l = body[best]!;
    if (l.kind === 'atom') atomStep(l.atom.args, ctx.relation(l.atom.predicate), false);
    placed[best] = 1;
  }
  const unplaced = body.findIndex((_, i) => !placed[i]);
  if (unplaced >= 0)
    throw new Error(`internal: literal ${unplaced} of a checked rule could not be placed`);

  const headSrc = rule.head.args.map(src);
  const regs = new Int32Array(Math.max(vars.size, 1));
  const head = new Int32Array(headSrc.length);
  const plan: Plan = { rule, vars, regs, head, deltaAt, run: () => {} };
  // The closure chain is built once per environment object and reused.
  let chainEnv: RunEnv | undefined;
  let chain: () => void = () => {};
  plan.run = (env: RunEnv) => {
    if (env !== chainEnv) {
      const emit = () => {
        for (let i = 0; i < headSrc.length; i++) {
          const s = headSrc[i]!;
          head[i] = s >= 0 ? regs[s]! : -s - 1;
        }
        env.emit(head);
      };
      chain = emit;
      for (let i = steps.length - 1; i >= 0; i--) chain = steps[i]!(chain, env, regs);
      chainEnv = env;
    }
    chain();
  };
  return plan;
}

function makeAtom(
  rel: Relation,
  delta: boolean,
  boundPos: number[],
  boundSrc: Src[],
  freePos: number[],
  freeReg: number[],
  checkPos: number[],
  checkReg: number[],
) {
  return (next: () => void, env: RunEnv, regs: Int32Array) => {
    const a = rel.arity,
      nb = boundPos.length,
      nf = freePos.length,
      nc = checkPos.length;
    const key = new Int32Array(nb);
    const visit = (row: number) => {
      const d = rel.data,
        b = row * a;
      for (let i = 0; i < nf; i++) regs[freeReg[i]!] = d[b + freePos[i]!]!;
      for (let i = 0; i < nc; i++) if (d[b + checkPos[i]!] !== regs[checkReg[i]!]) return;
      next();
    };
    const fillKey = () => {
      for (let i = 0; i < nb; i++) {
        const s = boundSrc[i]!;
        key[i] = s >= 0 ? regs[s]! : -s - 1;
      }
    };
    if (delta) {
      const matches = (row: number) => {
        const d = rel.data,
          b = row * a;
        for (let i = 0; i < nb; i++) if (d[b + boundPos[i]!] !== key[i]) return false;
        return true;
      };
      return () => {
        fillKey();
        const hi = env.deltaHi;
        for (let row = env.deltaLo; row < hi && !env.stop; row++)
          if (nb === 0 || matches(row)) visit(row);
        const rows = env.delta,
          n = env.deltaLen;
        for (let j = 0; j < n && !env.stop; j++) {
          const row = rows[j]!;
          if (nb === 0 || matches(row)) visit(row);
        }
      };
    }
    if (nb === 0) {
      return () => {
        const n = Math.min(rel.count, env.lim[rel.id]!),
          mask = env.mask;
        for (let row = 0; row < n && !env.stop; row++) if (rel.state[row]! & mask) visit(row);
      };
    }
    if (nb === a) {
      const tuple = new Int32Array(a);
      return () => {
        fillKey();
        for (let i = 0; i < nb; i++) tuple[boundPos[i]!] = key[i]!;
        // Every row is visible and has the NEW bit: membership alone answers.
        if (env.lim[rel.id] === MAXLIM && !rel.hasOld && env.mask & NEW) {
          if (rel.has(tuple)) next();
          return;
        }
        const row = rel.find(tuple);
        if (row >= 0 && row < env.lim[rel.id]! && rel.state[row]! & env.mask) next();
      };
    }
    let mask = 0;
    for (const p of boundPos) mask |= 1 << p;
    return () => {
      // No visible rows (e.g. the first round of a recursive rule): do not build an
      // index that every later insert into the relation would have to maintain.
      const lim = env.lim[rel.id]!;
      if (lim === 0 || rel.count === 0) return;
      fillKey();
      const idx = rel.index(mask),
        m = env.mask;
      let e = idx.first(key);
      while (e !== 0 && !env.stop) {
        const row = e - 1;
        e = idx.next[row]!;
        if (row < lim && rel.state[row]! & m) visit(row);
      }
    };
  };
}

function makeNegation(rel: Relation, pos: number[], srcs: Src[]) {
  return (next: () => void, env: RunEnv, regs: Int32Array) => {
    const key = new Int32Array(pos.length);
    let mask = 0;
    for (const p of pos) mask |= 1 << p;
    return () => {
      for (let i = 0; i < pos.length; i++) {
        const s = srcs[i]!;
        key[i] = s >= 0 ? regs[s]! : -s - 1;
      }
      const m = env.mask;
      if (pos.length === 0) {
        for (let row = 0; row < rel.count; row++) if (rel.state[row]! & m) return;
      } else if (pos.length === rel.arity) {
        if (!rel.hasOld && m & NEW) {
          if (!rel.has(key)) next();
          return;
        }
        const row = rel.find(key);
        if (row >= 0 && rel.state[row]! & m) return;
      } else {
        const idx = rel.index(mask);
        for (let e = idx.first(key); e !== 0; e = idx.next[e - 1]!)
          if (rel.state[e - 1]! & m) return;
      }
      next();
    };
  };
}

/** Counts the distinct solutions of a compiled inner body, then binds or compares the result. */
function makeCount(
  inner: Plan,
  copy: ReadonlyArray<readonly [number, number]>,
  cmpSrc: Src,
  assign: number,
  ctx: PlanContext,
) {
  return (next: () => void, env: RunEnv, regs: Int32Array) => {
    const seen = new Set<string>();
    const innerEnv: RunEnv = {
      mask: env.mask,
      lim: env.lim,
      delta: env.delta,
      deltaLen: 0,
      deltaLo: 0,
      deltaHi: 0,
      stop: false,
      emit: (h) => void seen.add(h.join(',')),
    };
    return () => {
      for (const [o, i] of copy) inner.regs[i] = regs[o]!;
      seen.clear();
      innerEnv.mask = env.mask;
      innerEnv.lim = env.lim;
      innerEnv.stop = false;
      inner.run(innerEnv);
      const id = ctx.intern(seen.size);
      if (assign >= 0) {
        regs[assign] = id;
        next();
      } else if ((cmpSrc >= 0 ? regs[cmpSrc]! : -cmpSrc - 1) === id) next();
    };
  };
}

function makeCompare(op: CompareOp, left: Src, right: Src, assign: number, values: Value[]) {
  return (next: () => void, _env: RunEnv, regs: Int32Array) => {
    if (assign >= 0) {
      return () => {
        regs[assign] = left >= 0 ? regs[left]! : -left - 1;
        next();
      };
    }
    return () => {
      const a = left >= 0 ? regs[left]! : -left - 1;
      const b = right >= 0 ? regs[right]! : -right - 1;
      const c =
        op === '=' || op === '!=' ? (a === b ? 0 : 1) : compareValues(values[a]!, values[b]!);
      if (test(op, c)) next();
    };
  };
}
