/**
 * Rule bodies compiled to join plans over interned ids, run as a chain of closures.
 * Variables live in registers (an Int32Array); each positive atom is a hash-index
 * lookup on the positions already bound (the index for that pattern is built on first
 * use), or a scan of an explicit delta row list for semi-naive evaluation and DRed.
 */
import { countInputs } from './build.js';
import { isWildcard } from './check.js';
import { makeAtom, makeCompare, makeCount, makeNegation } from './plan-steps.js';
import type { Src } from './plan-steps.js';
import type { Relation } from './relation.js';
import type { Rule, Term, Value } from './types.js';

export { MAXLIM, compareValues, comparisonHolds } from './plan-steps.js';
export type { Plan, PlanContext, RunEnv } from './plan-types.js';
import type { Plan, PlanContext, RunEnv } from './plan-types.js';

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
