/**
 * Meaning checks before evaluation: arities agree, every rule is safe, and negation is
 * stratified (no recursion through `not`; the error names the cycle).
 */
import { LogicError } from './errors.js';
import { countInputs, formatAtom, formatLiteral, literalTerms } from './build.js';
import { stratify } from './scc.js';
import type { DependencyEdge } from './scc.js';
import type { Atom, Literal, Program, Rule, Term } from './types.js';

/** A checked program: predicates with arities, and evaluation order. */
export interface CheckedProgram {
  program: Program;
  /** predicate -> arity */
  arity: Map<string, number>;
  /** Components of mutually recursive predicates, in evaluation order. */
  components: string[][];
  /** predicate -> stratum number (0 = no negation below it) */
  stratum: Map<string, number>;
  /** predicate -> index in `components` */
  componentOf: Map<string, number>;
}

/** Variables whose name starts with `_` and that occur once are wildcards. */
export function isWildcard(name: string, rule: Rule): boolean {
  if (!name.startsWith('_')) return false;
  let n = 0;
  const count = (ts: Term[]) => ts.forEach((t) => t.kind === 'var' && t.name === name && n++);
  count(rule.head.args);
  for (const l of rule.body) count(literalTerms(l));
  return n === 1;
}

/** Variables bound by the body: positive atoms, then `X = term` with term bound. */
export function boundVariables(body: readonly Literal[]): Set<string> {
  const bound = new Set<string>();
  for (const l of body)
    if (l.kind === 'atom' && !l.negated)
      for (const t of l.atom.args) if (t.kind === 'var') bound.add(t.name);
  for (const l of body) if (l.kind === 'count' && l.result.kind === 'var') bound.add(l.result.name);
  let changed = true;
  while (changed) {
    changed = false;
    for (const l of body) {
      if (l.kind !== 'compare' || l.op !== '=') continue;
      const isBound = (t: Term) => t.kind === 'const' || bound.has(t.name);
      if (l.left.kind === 'var' && !bound.has(l.left.name) && isBound(l.right)) {
        bound.add(l.left.name);
        changed = true;
      }
      if (l.right.kind === 'var' && !bound.has(l.right.name) && isBound(l.left)) {
        bound.add(l.right.name);
        changed = true;
      }
    }
  }
  return bound;
}

function checkSafety(rule: Rule): void {
  const bound = boundVariables(rule.body);
  const unsafe = (t: Term, where: string, loc = rule.loc) => {
    if (t.kind === 'var' && !bound.has(t.name)) {
      throw new LogicError(
        `unsafe variable ${t.name.startsWith('_#') ? '_' : t.name} in ${where} of rule for '${rule.head.predicate}'`,
        t.loc ?? loc,
        'every variable of the head, of a negated atom or of a comparison must also occur in a positive atom of the body',
        'LOGIC_UNSAFE_VARIABLE',
      );
    }
  };
  for (const t of rule.head.args) unsafe(t, 'the head', rule.head.loc ?? rule.loc);
  for (const l of rule.body) {
    if (l.kind === 'atom' && l.negated) {
      for (const t of l.atom.args)
        if (!(t.kind === 'var' && isWildcard(t.name, rule)))
          unsafe(t, `'${formatLiteral(l)}'`, l.loc ?? rule.loc);
    } else if (l.kind === 'compare') {
      unsafe(l.left, `'${formatLiteral(l)}'`, l.loc ?? rule.loc);
      unsafe(l.right, `'${formatLiteral(l)}'`, l.loc ?? rule.loc);
    } else if (l.kind === 'count') {
      // Inputs must come from the rest of the body, not from this count's own result.
      const inner = new Set(
        l.body.flatMap((a) => a.args).flatMap((t) => (t.kind === 'var' ? [t.name] : [])),
      );
      const outer = boundVariables(rule.body.filter((o) => o !== l));
      for (const n of countInputs(l, rule)) {
        if (!outer.has(n))
          unsafe({ kind: 'var', name: n }, `'${formatLiteral(l)}'`, l.loc ?? rule.loc);
      }
      if (l.result.kind === 'var' && inner.has(l.result.name)) {
        throw new LogicError(
          `the result ${l.result.name} of a count is also used inside its braces`,
          l.loc ?? rule.loc,
          'use a fresh variable for the count',
          'LOGIC_BAD_AGGREGATE',
        );
      }
    }
  }
}

/** Most arguments a predicate can have (index patterns are 32-bit masks of positions). */
export const MAX_ARITY = 30;

/** Throws a located LogicError when `a` has more than MAX_ARITY arguments. */
export function checkArity(a: Atom): void {
  if (a.args.length > MAX_ARITY) {
    throw new LogicError(
      `'${a.predicate}' has ${a.args.length} arguments, more than the ${MAX_ARITY} supported`,
      a.loc,
      `split the predicate into several with at most ${MAX_ARITY} arguments each`,
      'LOGIC_ARITY_LIMIT',
    );
  }
}

/** The error for atom `a` of a predicate that has `k` arguments elsewhere (first use wins). */
export function arityMismatch(a: Atom, k: number): LogicError {
  return new LogicError(
    `'${a.predicate}' used with ${a.args.length} argument${a.args.length === 1 ? '' : 's'} in ${formatAtom(a)}, but it has ${k}`,
    a.loc,
    `every use of a predicate must have the same number of arguments`,
    'LOGIC_ARITY',
  );
}

/** Checks arities (against `known` too), safety and stratification. Throws LogicError. */
export function checkProgram(
  program: Program,
  known: ReadonlyMap<string, number> = new Map(),
): CheckedProgram {
  const arity = new Map(known);
  const seen = (a: Atom) => {
    const k = arity.get(a.predicate);
    if (k === undefined) {
      checkArity(a);
      arity.set(a.predicate, a.args.length);
    } else if (k !== a.args.length) throw arityMismatch(a, k);
  };
  for (const f of program.facts) seen(f);
  for (const r of program.rules) {
    seen(r.head);
    for (const l of r.body) if (l.kind === 'atom') seen(l.atom);
    for (const l of r.body) if (l.kind === 'count') l.body.forEach(seen);
    checkSafety(r);
  }
  const names = [...arity.keys()];
  const id = new Map(names.map((n, i) => [n, i]));
  const edges: Array<DependencyEdge & { rule: Rule; lit: Literal }> = [];
  for (const r of program.rules) {
    for (const l of r.body) {
      if (l.kind === 'atom')
        edges.push({
          from: id.get(r.head.predicate)!,
          to: id.get(l.atom.predicate)!,
          negative: l.negated,
          rule: r,
          lit: l,
        });
      // A count needs its predicates complete, like a negation.
      if (l.kind === 'count')
        for (const a of l.body)
          edges.push({
            from: id.get(r.head.predicate)!,
            to: id.get(a.predicate)!,
            negative: true,
            rule: r,
            lit: l,
          });
    }
  }
  const s = stratify(names.length, edges);
  if (!s.ok) {
    const e = s.edge as (typeof edges)[number];
    const neg = e.lit.kind === 'count' ? 'count' : 'not';
    const cycle = s.cycle.map((n, i) => (i === 1 ? `${neg} ${names[n]}` : names[n])).join(' -> ');
    throw new LogicError(
      `${neg === 'not' ? 'negation' : 'aggregation'} through recursion: ${cycle}`,
      e.lit.loc ?? e.rule.loc,
      `'${names[e.from]}' depends on '${neg} ${names[e.to]}', which depends on '${names[e.from]}' again; the program has no stratification`,
      'LOGIC_UNSTRATIFIABLE',
    );
  }
  return {
    program,
    arity,
    components: s.components.map((c) => c.map((n) => names[n]!)),
    stratum: new Map(names.map((n, i) => [n, s.stratumOf[i]!])),
    componentOf: new Map(names.map((n, i) => [n, s.componentOf[i]!])),
  };
}
