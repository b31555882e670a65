/**
 * The steps of a join plan (plan.ts), each a closure factory: given the next step, the
 * run environment and the registers, it returns the function that runs this step for
 * the current bindings. Atoms read a delta (a range of rows, then listed rows), scan,
 * probe membership, or look up a hash index on their bound positions.
 */
import type { Plan, PlanContext, RunEnv } from './plan-types.js';
import { NEW } from './relation.js';
import type { Index, Relation } from './relation.js';
import type { CompareOp, Value } from './types.js';

/** Register index (>= 0) or a constant id encoded as -(id + 1). */
export type Src = number;

/** Total order on values: integers numerically, before strings, strings by code units. */
export function compareValues(a: Value, b: Value): number {
  if (typeof a === 'number') return typeof b === 'number' ? a - b : -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `RunEnv.lim` of a relation that is not being evaluated: every row visible. */
export const MAXLIM = 0x7fffffff;

/** Whether a comparison holds, given `c` = compareValues(left, right). */
export function comparisonHolds(op: CompareOp, c: number): boolean {
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

export function makeAtom(
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
    // The index, asked for once (a Map lookup per call cost ~5% of a closure's time).
    let idx: Index | undefined;
    let epoch = -1;
    return () => {
      // No visible rows (e.g. the first round of a recursive rule): do not build an
      // index that every later insert into the relation would have to maintain.
      const lim = env.lim[rel.id]!;
      if (lim === 0 || rel.count === 0) return;
      fillKey();
      if (idx === undefined || epoch !== rel.indexEpoch) {
        idx = rel.index(mask);
        epoch = rel.indexEpoch;
      }
      const m = env.mask;
      let e = idx.first(key);
      while (e !== 0 && !env.stop) {
        const row = e - 1;
        e = idx.next[row]!;
        if (row < lim && rel.state[row]! & m) visit(row);
      }
    };
  };
}

export function makeNegation(rel: Relation, pos: number[], srcs: Src[]) {
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
export function makeCount(
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

export function makeCompare(op: CompareOp, left: Src, right: Src, assign: number, values: Value[]) {
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
      if (comparisonHolds(op, c)) next();
    };
  };
}
