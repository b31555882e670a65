/**
 * Stratified fixpoint over ground (propositional) rules on integer fact ids.
 * The planner uses it to evaluate PDDL derived predicates in every search state: ground
 * rules with per-rule counters are far cheaper there than the lifted semi-naive engine.
 * It shares stratification (scc.ts) with the engine, and a differential test
 * (test/planner/derived-fixpoint-differential.test.ts) holds the two to the same answers.
 */
import { stratify } from './scc.js';
import type { DependencyEdge } from './scc.js';

/** `head :- pos[0], ..., not neg[0], ...` with facts as integer ids. */
export interface GroundRule {
  head: number;
  pos: readonly number[];
  neg: readonly number[];
}

/** Evaluates rules on a truth vector in place: derived heads are reset, then recomputed. */
export type GroundEvaluator = (truth: Uint8Array) => void;

/**
 * Compiles stratified ground rules into an evaluator. `strata[i]` holds the rules of
 * stratum i; a `neg` premise must be decided by an earlier stratum (or be a base fact).
 * Work per call is linear in the rules' size (counter-based propagation).
 */
export function compileGroundRules(
  strata: readonly (readonly GroundRule[])[],
  factCount: number,
): GroundEvaluator {
  const compiled = strata.map((rules) => {
    // watchers[f] = rules that have f as a positive premise
    const watchStart = new Int32Array(factCount + 1);
    for (const r of rules) for (const p of r.pos) watchStart[p + 1]!++;
    for (let f = 0; f < factCount; f++) watchStart[f + 1]! += watchStart[f]!;
    const watchers = new Int32Array(watchStart[factCount]!);
    const fill = watchStart.slice(0, factCount);
    rules.forEach((r, i) => {
      for (const p of r.pos) watchers[fill[p]!++] = i;
    });
    const heads = Int32Array.from(rules, (r) => r.head);
    const need = Int32Array.from(rules, (r) => r.pos.length);
    return { rules, heads, need, watchStart, watchers, missing: new Int32Array(rules.length) };
  });

  return (truth) => {
    for (const s of compiled) for (const h of s.heads) truth[h] = 0;
    const queue: number[] = [];
    for (const s of compiled) {
      const { rules, heads, need, watchStart, watchers, missing } = s;
      queue.length = 0;
      // Count missing premises against the state at the start of the stratum first,
      // so a head made true below is counted once, when it is popped.
      for (let i = 0; i < rules.length; i++) {
        const rule = rules[i]!;
        let m = need[i]!;
        for (const n of rule.neg)
          if (truth[n]) {
            m = -1;
            break;
          }
        if (m > 0) for (const p of rule.pos) if (truth[p]) m--;
        missing[i] = m;
      }
      for (let i = 0; i < rules.length; i++) {
        if (missing[i] === 0 && !truth[heads[i]!]) {
          truth[heads[i]!] = 1;
          queue.push(heads[i]!);
        }
      }
      // Facts made true in this stratum wake the rules that wait on them.
      while (queue.length > 0) {
        const f = queue.pop()!;
        for (let w = watchStart[f]!; w < watchStart[f + 1]!; w++) {
          const i = watchers[w]!;
          if (missing[i]! > 0 && --missing[i]! === 0 && !truth[heads[i]!]) {
            truth[heads[i]!] = 1;
            queue.push(heads[i]!);
          }
        }
      }
    }
  };
}

/**
 * Splits ground rules into the strata `compileGroundRules` expects, with the same
 * stratification as the reasoner (Tarjan components; a negated premise must be decided
 * in an earlier stratum). Returns the facts of a cycle through negation when there is one.
 */
export function stratifyGroundRules(
  rules: readonly GroundRule[],
  factCount: number,
): { ok: true; strata: GroundRule[][] } | { ok: false; cycle: number[] } {
  const edges: DependencyEdge[] = [];
  for (const r of rules) {
    for (const p of r.pos) edges.push({ from: r.head, to: p, negative: false });
    for (const n of r.neg) edges.push({ from: r.head, to: n, negative: true });
  }
  const s = stratify(factCount, edges);
  if (!s.ok) return { ok: false, cycle: s.cycle };
  const strata: GroundRule[][] = [];
  for (const r of rules) (strata[s.stratumOf[r.head]!] ??= []).push(r);
  return { ok: true, strata: Array.from(strata, (x) => x ?? []) };
}
