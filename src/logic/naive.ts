/**
 * The independent reference evaluator: recompute every rule over the whole database
 * until nothing changes, stratum by stratum, with string tuples, no indexes and no
 * cleverness. Tests check the engine against it on seeded random programs. (The
 * engine's own naive mode, `createReasoner(p, { strategy: 'naive' })`, is the
 * benchmark's semi-naive baseline: same indexes and encoding.)
 */
import { checkProgram } from './check.js';
import { compareValues, comparisonHolds } from './plan.js';
import { countInputs } from './build.js';
import type { Atom, Bindings, Literal, Program, Rule, Term, Value } from './types.js';

const key = (vals: readonly Value[]) => JSON.stringify(vals);

/** predicate -> set of tuple keys (JSON of the values) of the program's model. */
export function naiveModel(program: Program): Map<string, Set<string>> {
  const checked = checkProgram(program);
  const db = new Map<string, Map<string, Value[]>>();
  const rel = (p: string) => db.get(p) ?? db.set(p, new Map()).get(p)!;
  for (const p of checked.arity.keys()) rel(p);
  for (const f of program.facts) {
    const vals = f.args.map((t) => (t as { value: Value }).value);
    rel(f.predicate).set(key(vals), vals);
  }
  const ruleOf = new Map<Literal, Rule>();
  for (const r of program.rules) for (const l of r.body) ruleOf.set(l, r);
  const value = (t: Term, b: Bindings): Value | undefined =>
    t.kind === 'const' ? t.value : b[t.name];
  const solve = (
    body: readonly Literal[],
    i: number,
    b: Bindings,
    out: (b: Bindings) => void,
  ): void => {
    if (i === body.length) return out(b);
    const l = body[i]!;
    if (l.kind === 'compare') {
      const x = value(l.left, b),
        y = value(l.right, b);
      if (l.op === '=' && x === undefined && l.left.kind === 'var' && y !== undefined)
        return solve(body, i + 1, { ...b, [l.left.name]: y }, out);
      if (l.op === '=' && y === undefined && l.right.kind === 'var' && x !== undefined)
        return solve(body, i + 1, { ...b, [l.right.name]: x }, out);
      if (x === undefined || y === undefined)
        return solve([...body.slice(0, i), ...body.slice(i + 1), l], i, b, out); // later
      const c = compareValues(x, y);
      const ok = comparisonHolds(l.op, c);
      return ok ? solve(body, i + 1, b, out) : undefined;
    }
    if (l.kind === 'count') {
      const inputs = countInputs(l, ruleOf.get(l)!);
      if (!inputs.every((n) => b[n] !== undefined))
        return solve([...body.slice(0, i), ...body.slice(i + 1), l], i, b, out);
      const locals = [
        ...new Set(
          l.body.flatMap((a) =>
            a.args.flatMap((t) => (t.kind === 'var' && !inputs.includes(t.name) ? [t.name] : [])),
          ),
        ),
      ];
      const seen = new Set<string>();
      solve(
        l.body.map((atom) => ({ kind: 'atom', atom, negated: false })),
        0,
        b,
        (s) => void seen.add(JSON.stringify(locals.map((n) => s[n]))),
      );
      const have = value(l.result, b);
      if (have === undefined && l.result.kind === 'var')
        return solve(body, i + 1, { ...b, [l.result.name]: seen.size }, out);
      return have === seen.size ? solve(body, i + 1, b, out) : undefined;
    }
    if (
      l.negated &&
      !l.atom.args.every(
        (t) => t.kind === 'const' || b[t.name] !== undefined || t.name.startsWith('_'),
      )
    ) {
      return solve([...body.slice(0, i), ...body.slice(i + 1), l], i, b, out);
    }
    let any = false;
    for (const tuple of rel(l.atom.predicate).values()) {
      const nb: Bindings = { ...b };
      const ok = l.atom.args.every((t, j) => {
        const have = value(t, nb);
        if (have === undefined) {
          if (t.kind === 'var') nb[t.name] = tuple[j]!;
          return true;
        }
        return have === tuple[j];
      });
      if (!ok) continue;
      if (l.negated) {
        any = true;
        break;
      }
      solve(body, i + 1, nb, out);
    }
    if (l.negated && !any) solve(body, i + 1, b, out);
  };
  for (const comp of checked.components) {
    const rules = program.rules.filter((r) => comp.includes(r.head.predicate));
    for (let changed = true; changed;) {
      changed = false;
      const found: Array<[string, Value[]]> = [];
      for (const r of rules) {
        solve(r.body, 0, {}, (b) =>
          found.push([r.head.predicate, r.head.args.map((t) => value(t, b)!)]),
        );
      }
      for (const [p, vals] of found) {
        const m = rel(p),
          k = key(vals);
        if (!m.has(k)) {
          m.set(k, vals);
          changed = true;
        }
      }
    }
  }
  return new Map([...db].map(([p, m]) => [p, new Set(m.keys())]));
}

/** The same model as sorted `p(a, 1)`-style lines, for comparisons in tests. */
export function modelLines(model: Map<string, Set<string>>): string[] {
  const out: string[] = [];
  for (const [p, set] of model) for (const k of set) out.push(`${p}${k}`);
  return out.sort();
}

/** Lines for a list of facts in the same format as `modelLines`. */
export function factLines(facts: readonly Atom[]): string[] {
  return facts
    .map((f) => `${f.predicate}${key(f.args.map((t) => (t as { value: Value }).value))}`)
    .sort();
}
