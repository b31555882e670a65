/** Queries: an atom pattern or a conjunction, compiled once per engine and shape. */
import { countInputs, formatLiteral, formatTerm } from './build.js';
import { boundVariables, checkProgram, isWildcard } from './check.js';
import { LogicError } from './errors.js';
import type { Engine } from './engine.js';
import { parseBody } from './parse.js';
import { compilePlan } from './plan.js';
import type { Plan } from './plan.js';
import { NEW } from './relation.js';
import type { Atom, Bindings, Literal, Rule, Term } from './types.js';

const cache = new WeakMap<Engine, Map<string, { plan: Plan; names: string[] }>>();

/** All bindings of the named variables (not `_...`) for a pattern or conjunction, without duplicates. */
export function runQuery(e: Engine, pattern: Atom | Literal[] | string): Bindings[] {
  const body: Literal[] =
    typeof pattern === 'string'
      ? parseBody(pattern)
      : Array.isArray(pattern)
        ? pattern
        : [{ kind: 'atom', atom: pattern, negated: false }];
  const plans = cache.get(e) ?? cache.set(e, new Map()).get(e)!;
  const key = JSON.stringify(body);
  let q = plans.get(key);
  if (q === undefined) {
    checkQuerySafety(body);
    // Variables inside a count's braces are local to it (like in a rule): not answers.
    const terms = body.flatMap((l) =>
      l.kind === 'atom' ? l.atom.args : l.kind === 'compare' ? [l.left, l.right] : [l.result],
    );
    const names = [
      ...new Set(
        terms.flatMap((t) => (t.kind === 'var' && !t.name.startsWith('_') ? [t.name] : [])),
      ),
    ];
    const rule: Rule = {
      head: { predicate: '?query', args: names.map((name) => ({ kind: 'var', name })) },
      body,
    };
    for (const l of body) if (l.kind === 'atom') e.knownArity(l.atom);
    checkProgram({ facts: [], rules: [rule] }, new Map(e.relations.map((r) => [r.name, r.arity])));
    q = { plan: compilePlan(rule, e.ctx), names };
    plans.set(key, q);
  }
  const out: Bindings[] = [];
  const env = e.probeEnv;
  env.mask = NEW;
  env.stop = false;
  const { names } = q;
  const seen = new Set<string>();
  env.emit = (h) => {
    const k = h.join(',');
    if (seen.has(k)) return;
    seen.add(k);
    const b: Bindings = {};
    names.forEach((n, i) => (b[n] = e.values[h[i]!]!));
    out.push(b);
  };
  q.plan.run(env);
  return out;
}

/**
 * Every variable of a comparison, a negated atom (except `_` wildcards) or a count's
 * inputs must be bound by a positive atom of the query (or by `X = value`).
 */
function checkQuerySafety(body: Literal[]): void {
  const rule: Rule = { head: { predicate: '?query', args: [] }, body };
  const bound = boundVariables(body);
  for (const l of body) {
    const terms: Term[] =
      l.kind === 'compare'
        ? [l.left, l.right]
        : l.kind === 'count'
          ? countInputs(l, rule).map((name): Term => ({ kind: 'var', name }))
          : l.negated
            ? l.atom.args.filter((t) => !(t.kind === 'var' && isWildcard(t.name, rule)))
            : [];
    for (const t of terms) {
      if (t.kind !== 'var' || bound.has(t.name)) continue;
      throw new LogicError(
        `unsafe variable ${formatTerm(t)} in the query, in '${formatLiteral(l)}'`,
        t.loc ?? l.loc,
        'a comparison or a negation only tests values: the variable must also occur in a positive atom of the query (or be set with X = value)',
        'LOGIC_UNSAFE_VARIABLE',
      );
    }
  }
}
