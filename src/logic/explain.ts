/**
 * "Why is this true?" and "why not?". A proof follows, for each derived fact, a rule
 * instance whose premises of the same component have a lower rank (were derived in an
 * earlier round), so proofs are well-founded and never loop. Why-not evaluates each
 * rule for the fact premise by premise (filters wait for their variables) and names,
 * in source terms, the first premise that fails.
 */
import { countInputs, formatAtom, formatLiteral, formatRule } from './build.js';
import { isWildcard } from './check.js';
import type { Engine } from './engine.js';
import type { Plan } from './plan.js';
import { compareValues } from './plan.js';
import { runQuery } from './query.js';
import { NEW } from './relation.js';
import type { Relation } from './relation.js';
import type { Atom, Bindings, Literal, Rule, Term, Value } from './types.js';

/** A proof tree: a base fact, a rule instance with its premises, or a leaf for a negated or compared premise. */
export type Proof =
  | { kind: 'base'; fact: Atom }
  | { kind: 'rule'; fact: Atom; rule: Rule; bindings: Bindings; premises: Proof[] }
  | { kind: 'not'; fact: Atom }
  | { kind: 'check'; literal: Literal; text: string };

/** Why a rule did not derive the fact: the first failing premise and the bindings tried. */
export interface RuleFailure {
  rule: Rule;
  /** `head` when the fact does not match the rule's head, else the index of the failing body literal. */
  failedAt: 'head' | number;
  literal?: Literal;
  /** The failing premise, instantiated with the first binding tried. */
  text: string;
  /** Bindings (up to 10) under which that premise was tried. */
  tried: Bindings[];
}

export type WhyNot =
  | { fact: Atom; holds: true; proof: Proof }
  | { fact: Atom; holds: false; isBase: false; reason: string; rules: RuleFailure[] };

const sub = (t: Term, b: Bindings): Term =>
  t.kind === 'var' && b[t.name] !== undefined ? { kind: 'const', value: b[t.name]! } : t;
const instantiate = (a: Atom, b: Bindings): Atom => ({
  predicate: a.predicate,
  args: a.args.map((t) => sub(t, b)),
});
const instLit = (l: Literal, b: Bindings): Literal =>
  l.kind === 'atom'
    ? { ...l, atom: instantiate(l.atom, b) }
    : l.kind === 'compare'
      ? { ...l, left: sub(l.left, b), right: sub(l.right, b) }
      : { ...l, result: sub(l.result, b), body: l.body.map((a) => instantiate(a, b)) };

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

function bindingsOf(e: Engine, plan: Plan, regs: Int32Array): Bindings {
  const b: Bindings = {};
  for (const [name, r] of plan.vars) b[name] = e.values[regs[r]!]!;
  return b;
}

/** A rule node whose premises are still being proved (the explicit stack of `why`). */
interface Frame {
  fact: Atom;
  key: string;
  rule: Rule;
  bindings: Bindings;
  premises: Proof[];
  /** Next body literal to prove. */
  at: number;
}

/**
 * A well-founded proof of `fact`, or undefined when it does not hold. Built with an
 * explicit stack, so proofs as deep as the model (a chain of 10^5 rule steps) are fine.
 */
export function why(e: Engine, fact: Atom): Proof | undefined {
  const at = e.rowOf(fact);
  if (at === undefined) return undefined;
  const memo = new Map<string, Proof>();
  const stack: Frame[] = [];
  /** The proof of a row if it is a base fact or already proved; else pushes a frame for it. */
  const open = (rel: Relation, row: number): Proof | undefined => {
    const fa = e.atomOf(rel, row);
    const key = formatAtom(fa);
    const done = memo.get(key);
    if (done !== undefined) return done;
    if (rel.isBase(row)) {
      const p: Proof = { kind: 'base', fact: fa };
      memo.set(key, p);
      return p;
    }
    const comp = e.componentOf[rel.id];
    const rank = rel.rank.get(row);
    const found = e.derivation(rel, row, (info, plan) => {
      const b = bindingsOf(e, plan, plan.regs);
      for (const l of info.rule.body) {
        if (l.kind !== 'atom' || l.negated) continue;
        const p = e.rowOf(instantiate(l.atom, b));
        if (p === undefined) return false;
        if (e.componentOf[p.rel.id] === comp && p.rel.rank.get(p.row) >= rank) return false;
      }
      return true;
    });
    if (found === undefined) throw new Error(`internal: no well-founded derivation of ${key}`);
    const b = bindingsOf(e, found.info.headPlan!, found.regs);
    stack.push({ fact: fa, key, rule: found.info.rule, bindings: b, premises: [], at: 0 });
    return undefined;
  };
  const root = open(at.rel, at.row);
  if (root !== undefined) return root;
  for (;;) {
    const top = stack[stack.length - 1]!;
    if (top.at === top.rule.body.length) {
      stack.pop();
      const named: Bindings = {};
      for (const [k, v] of Object.entries(top.bindings)) if (!k.startsWith('_')) named[k] = v;
      const proof: Proof = {
        kind: 'rule',
        fact: top.fact,
        rule: top.rule,
        bindings: named,
        premises: top.premises,
      };
      memo.set(top.key, proof);
      if (stack.length === 0) return proof;
      const parent = stack[stack.length - 1]!;
      parent.premises.push(proof);
      parent.at++;
      continue;
    }
    const il = instLit(top.rule.body[top.at]!, top.bindings);
    let premise: Proof | undefined;
    if (il.kind === 'compare' || il.kind === 'count')
      premise = { kind: 'check', literal: il, text: formatLiteral(il) };
    else if (il.negated) premise = { kind: 'not', fact: il.atom };
    else {
      const p = e.rowOf(il.atom)!;
      premise = open(p.rel, p.row);
    }
    if (premise !== undefined) {
      top.premises.push(premise);
      top.at++;
    }
  }
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
        const ok = {
          '=': c === 0,
          '!=': c !== 0,
          '<': c < 0,
          '<=': c <= 0,
          '>': c > 0,
          '>=': c >= 0,
        }[l.op];
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

/** Depth from which `formatProof` stops indenting further and prints the depth instead. */
export const PROOF_INDENT_LIMIT = 40;

/**
 * The proof as an indented tree, one fact per line. Lines deeper than
 * `PROOF_INDENT_LIMIT` keep that indentation and start with `(depth N)`, so a proof of
 * depth 10^5 prints in linear size. Iterative: safe for any depth.
 */
export function formatProof(p: Proof, indent = ''): string {
  const lines: string[] = [];
  const stack: Array<[Proof, number]> = [[p, 0]];
  while (stack.length > 0) {
    const [q, depth] = stack.pop()!;
    const pad = `${indent}${'  '.repeat(Math.min(depth, PROOF_INDENT_LIMIT))}${depth > PROOF_INDENT_LIMIT ? `(depth ${depth}) ` : ''}`;
    switch (q.kind) {
      case 'base':
        lines.push(`${pad}${formatAtom(q.fact)}  [base fact]`);
        break;
      case 'not':
        lines.push(`${pad}not ${formatAtom(q.fact)}  [no proof]`);
        break;
      case 'check':
        lines.push(`${pad}${q.text}  [holds]`);
        break;
      case 'rule':
        lines.push(`${pad}${formatAtom(q.fact)}  [by ${formatRule(q.rule)}]`);
        for (let i = q.premises.length - 1; i >= 0; i--) stack.push([q.premises[i]!, depth + 1]);
    }
  }
  return lines.join('\n');
}

/**
 * The proof as compact JSON text: `{ fact, rule, bindings, premises: [...] }` for a rule
 * node, `{ fact, base: true }`, `{ not, proof: null }` or `{ check }`. Written
 * iteratively (`JSON.stringify` of the nested objects overflows the stack beyond a few
 * thousand levels; `JSON.parse` reads the text back at any depth).
 */
export function proofToJson(p: Proof): string {
  const out: string[] = [];
  const stack: Array<Proof | string> = [p];
  const str = JSON.stringify;
  while (stack.length > 0) {
    const q = stack.pop()!;
    if (typeof q === 'string') {
      out.push(q);
      continue;
    }
    switch (q.kind) {
      case 'base':
        out.push(`{"fact":${str(formatAtom(q.fact))},"base":true}`);
        break;
      case 'not':
        out.push(`{"not":${str(formatAtom(q.fact))},"proof":null}`);
        break;
      case 'check':
        out.push(`{"check":${str(q.text)}}`);
        break;
      case 'rule':
        out.push(
          `{"fact":${str(formatAtom(q.fact))},"rule":${str(formatRule(q.rule))},"bindings":${str(q.bindings)},"premises":[`,
        );
        stack.push(']}');
        for (let i = q.premises.length - 1; i >= 0; i--) {
          stack.push(q.premises[i]!);
          if (i > 0) stack.push(',');
        }
    }
  }
  return out.join('');
}

/** A why-not answer as text. */
export function formatWhyNot(w: WhyNot): string {
  if (w.holds) return `${formatAtom(w.fact)} holds:\n${formatProof(w.proof, '  ')}`;
  const lines = [`${formatAtom(w.fact)} does not hold: ${w.reason}.`];
  for (const f of w.rules) {
    lines.push(`  rule ${formatRule(f.rule)}`);
    if (f.failedAt === 'head') lines.push(`    head does not match: ${f.text}`);
    else {
      lines.push(`    fails at premise ${f.failedAt + 1}: ${f.text}`);
      const shown = f.tried
        .map((b) =>
          Object.entries(b)
            .filter(([k]) => !k.startsWith('_'))
            .map(([k, v]) => `${k} = ${typeof v === 'string' ? v : String(v)}`)
            .join(', '),
        )
        .filter((s) => s !== '');
      if (shown.length > 0) lines.push(`    tried: ${shown.join('; ')}`);
    }
  }
  return lines.join('\n');
}
