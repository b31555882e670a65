/**
 * "Why not?": evaluates each rule for the fact premise by premise (filters wait for
 * their variables) and names, in source terms, the first premise that fails.
 */
import { countInputs, formatAtom, formatLiteral } from './build.js';
import { isWildcard } from './check.js';
import type { Engine } from './engine.js';
import { instLit, instantiate, sub, why } from './explain.js';
import type { RuleFailure, WhyNot } from './explain.js';
import { compareValues, comparisonHolds } from './plan.js';
import { runQuery } from './query.js';
import type { Atom, Bindings, Literal, Rule, Term, Value } from './types.js';

/** Distinct solutions of a count's braces under `b` (wildcards count as variables). */
function countOf(e: Engine, l: Literal & { kind: 'count' }, b: Bindings): number {
  const named = l.body.map((a) =>
    instantiate(
      {
        ...a,
        args: a.args.map((t) =>
          t.kind === 'var' && t.name.startsWith('_') ? { kind: 'var', name: `Q#${t.name}` } : t,
        ),
      },
      b,
    ),
  );
  return runQuery(
    e,
    named.map((atom) => ({ kind: 'atom', atom, negated: false })),
  ).length;
}

/** Extends each binding with the solutions of one literal, in the current database. */
function extend(e: Engine, sols: Bindings[], l: Literal, limit: number): Bindings[] {
  const out: Bindings[] = [];
  for (const b of sols) {
    if (out.length >= limit) break;
    if (l.kind === 'compare') {
      const left = sub(l.left, b),
        right = sub(l.right, b);
      if (l.op === '=' && left.kind === 'var' && right.kind === 'const')
        out.push({ ...b, [left.name]: right.value });
      else if (l.op === '=' && right.kind === 'var' && left.kind === 'const')
        out.push({ ...b, [right.name]: left.value });
      else if (left.kind === 'const' && right.kind === 'const') {
        const c =
          l.op === '=' || l.op === '!='
            ? left.value === right.value
              ? 0
              : 1
            : compareValues(left.value, right.value);
        const ok = comparisonHolds(l.op, c);
        if (ok) out.push(b);
      }
      continue;
    }
    if (l.kind === 'count') {
      const n = countOf(e, l, b);
      const r = sub(l.result, b);
      if (r.kind === 'var') out.push({ ...b, [r.name]: n });
      else if (r.value === n) out.push(b);
      continue;
    }
    const pattern = instantiate(l.atom, b);
    const found = runQuery(e, pattern);
    if (l.negated) {
      if (found.length === 0) out.push(b);
    } else {
      for (const m of found) out.push({ ...b, ...m });
    }
  }
  return out;
}

/**
 * Body positions in the order why-not tries them: source order, except that a
 * comparison, negation or count waits until its variables are bound (by the head or by
 * earlier premises), then goes first. Positive atoms never wait.
 */
export function evaluationOrder(rule: Rule, prebound: readonly string[]): number[] {
  const bound = new Set(prebound);
  const isBound = (t: Term) => t.kind === 'const' || bound.has(t.name);
  const ready = (l: Literal): boolean => {
    if (l.kind === 'atom')
      return (
        !l.negated ||
        l.atom.args.every((t) => isBound(t) || (t.kind === 'var' && isWildcard(t.name, rule)))
      );
    if (l.kind === 'count') return countInputs(l, rule).every((n) => bound.has(n));
    const lb = isBound(l.left),
      rb = isBound(l.right);
    return (lb && rb) || (l.op === '=' && (lb || rb));
  };
  const pending = rule.body.map((_, i) => i);
  const order: number[] = [];
  while (pending.length > 0) {
    // A safe rule always has a ready literal; otherwise take the next one as written.
    const k = Math.max(
      0,
      pending.findIndex((i) => ready(rule.body[i]!)),
    );
    const i = pending.splice(k, 1)[0]!;
    order.push(i);
    const l = rule.body[i]!;
    const binds =
      l.kind === 'atom'
        ? l.negated
          ? []
          : l.atom.args
        : l.kind === 'count'
          ? [l.result]
          : [l.left, l.right];
    if (l.kind !== 'compare' || l.op === '=')
      for (const t of binds) if (t.kind === 'var') bound.add(t.name);
  }
  return order;
}

/**
 * Why `fact` does not hold: for each rule with its predicate as head, the first premise
 * that fails, trying premises in `evaluationOrder` and naming them by source position.
 */
export function whyNot(e: Engine, fact: Atom): WhyNot {
  const proof = why(e, fact);
  if (proof !== undefined) return { fact, holds: true, proof };
  const rel = e.maybeRelation(fact.predicate);
  const infos = rel === undefined ? [] : (e.rulesFor.get(rel) ?? []);
  if (infos.length === 0) {
    return {
      fact,
      holds: false,
      isBase: false,
      rules: [],
      reason: `no rule has head '${fact.predicate}' and ${formatAtom(fact)} is not a base fact`,
    };
  }
  const values = fact.args.map((t) => (t.kind === 'const' ? t.value : undefined));
  const rules = infos.map(({ rule }): RuleFailure => {
    const b: Bindings = {};
    for (let i = 0; i < rule.head.args.length; i++) {
      const t = rule.head.args[i]!,
        v = values[i] as Value;
      const have = t.kind === 'const' ? t.value : b[t.name];
      if (have !== undefined && have !== v)
        return {
          rule,
          failedAt: 'head',
          text: `${formatAtom(rule.head)} does not match ${formatAtom(fact)}`,
          tried: [],
        };
      if (t.kind === 'var') b[t.name] = v;
    }
    let sols = [b];
    for (const i of evaluationOrder(rule, Object.keys(b))) {
      const l = rule.body[i]!;
      const next = extend(e, sols, l, 10000);
      if (next.length === 0) {
        return {
          rule,
          failedAt: i,
          literal: l,
          text: formatLiteral(instLit(l, sols[0]!)),
          tried: sols.slice(0, 10),
        };
      }
      sols = next;
    }
    return {
      rule,
      failedAt: rule.body.length,
      text: 'every premise holds for some binding, but not together',
      tried: sols.slice(0, 10),
    };
  });
  return {
    fact,
    holds: false,
    isBase: false,
    rules,
    reason: `${formatAtom(fact)} is not a base fact, and each rule that could derive it fails`,
  };
}
