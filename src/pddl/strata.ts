/**
 * Stratification of derived predicates: a derived predicate may depend on another
 * negatively only if that one is fully computed first (a lower stratum). Shared by the
 * parser (to reject unstratifiable domains) and by anyone evaluating the rules.
 */
import type { Condition, DerivedDef, Domain } from './ast.js';
import { PddlError } from './errors.js';

/** Predicates used in `c`, each with whether it occurs under a negation (or as an `imply` premise). */
function uses(
  c: Condition,
  negated: boolean,
  out: Array<{ predicate: string; negated: boolean }>,
): void {
  switch (c.kind) {
    case 'atom':
      out.push({ predicate: c.atom.predicate, negated });
      return;
    case 'not':
      uses(c.arg, !negated, out);
      return;
    case 'and':
    case 'or':
      for (const a of c.args) uses(a, negated, out);
      return;
    case 'imply':
      uses(c.if, !negated, out);
      uses(c.then, negated, out);
      return;
    case 'exists':
    case 'forall':
      uses(c.body, negated, out);
      return;
  }
}

/**
 * The derived rules grouped by stratum, lowest first. Throws PddlError when a derived
 * predicate depends negatively on itself through other rules (no stratification).
 */
export function stratifyDerived(domain: Pick<Domain, 'derived'>): DerivedDef[][] {
  const rules = domain.derived;
  if (rules.length === 0) return [];
  const names = [...new Set(rules.map((r) => r.head.name))];
  const level = new Map(names.map((n) => [n, 0]));
  const deps = rules.map((r) => {
    const out: Array<{ predicate: string; negated: boolean }> = [];
    uses(r.body, false, out);
    return out.filter((u) => level.has(u.predicate));
  });
  // Bellman-Ford style relaxation: levels above the number of predicates mean a negative cycle.
  let changed = true;
  while (changed) {
    changed = false;
    for (let i = 0; i < rules.length; i++) {
      const head = rules[i]!.head.name;
      for (const d of deps[i]!) {
        const need = level.get(d.predicate)! + (d.negated ? 1 : 0);
        if (need > level.get(head)!) {
          if (need > names.length) {
            const loc = rules[i]!.loc ?? { line: 1, col: 1 };
            throw new PddlError(
              `derived predicate '${head}' depends negatively on itself (through '${d.predicate}')`,
              loc,
              'derived predicates must be stratified: no recursion through negation',
              'PDDL_DERIVED_CYCLE',
            );
          }
          level.set(head, need);
          changed = true;
        }
      }
    }
  }
  const strata: DerivedDef[][] = [];
  for (const r of rules) {
    const l = level.get(r.head.name)!;
    (strata[l] ??= []).push(r);
  }
  return strata.filter((s) => s !== undefined);
}
