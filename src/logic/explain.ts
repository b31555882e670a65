/**
 * "Why is this true?": a proof follows, for each derived fact, a rule instance whose
 * premises of the same component have a lower rank (were derived in an earlier round),
 * so proofs are well-founded and never loop. "Why not?" is in why-not.ts, the printed
 * forms in proof-format.ts.
 */
import { formatAtom, formatLiteral } from './build.js';
import type { Engine } from './engine.js';
import type { Plan } from './plan.js';
import type { Relation } from './relation.js';
import type { Atom, Bindings, Literal, Rule, Term } from './types.js';

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

export const sub = (t: Term, b: Bindings): Term =>
  t.kind === 'var' && b[t.name] !== undefined ? { kind: 'const', value: b[t.name]! } : t;
export const instantiate = (a: Atom, b: Bindings): Atom => ({
  predicate: a.predicate,
  args: a.args.map((t) => sub(t, b)),
});
export const instLit = (l: Literal, b: Bindings): Literal =>
  l.kind === 'atom'
    ? { ...l, atom: instantiate(l.atom, b) }
    : l.kind === 'compare'
      ? { ...l, left: sub(l.left, b), right: sub(l.right, b) }
      : { ...l, result: sub(l.result, b), body: l.body.map((a) => instantiate(a, b)) };

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
