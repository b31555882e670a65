/** Queries: an atom pattern or a conjunction, compiled once per engine and shape. */
import { literalTerms } from './build.js';
import { checkProgram } from './check.js';
import type { Engine } from './engine.js';
import { parseBody } from './parse.js';
import { compilePlan } from './plan.js';
import type { Plan } from './plan.js';
import { NEW } from './relation.js';
import type { Atom, Bindings, Literal, Rule } from './types.js';

const cache = new WeakMap<Engine, Map<string, { plan: Plan; names: string[] }>>();

/** All bindings of the named variables (not `_...`) for a pattern or conjunction, without duplicates. */
export function runQuery(e: Engine, pattern: Atom | Literal[] | string): Bindings[] {
  const body: Literal[] =
    typeof pattern === 'string' ? parseBody(pattern) : Array.isArray(pattern) ? pattern : [{ kind: 'atom', atom: pattern, negated: false }];
  const plans = cache.get(e) ?? cache.set(e, new Map()).get(e)!;
  const key = JSON.stringify(body);
  let q = plans.get(key);
  if (q === undefined) {
    const names = [...new Set(body.flatMap((l) => literalTerms(l).flatMap((t) => (t.kind === 'var' && !t.name.startsWith('_') ? [t.name] : []))))];
    const rule: Rule = { head: { predicate: '?query', args: names.map((name) => ({ kind: 'var', name })) }, body };
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
