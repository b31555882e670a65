/**
 * The update of one component C (mutually recursive predicates), given the rows
 * inserted and deleted in earlier components (DRed):
 *  1. overdelete: every fact of C with a derivation that used a deleted fact (or a
 *     `not q` whose q was inserted), read in the OLD database, transitively;
 *  2. rederive: overdeleted facts that still have a derivation in the NEW database;
 *  3. insert, semi-naively: consequences of inserted facts (or of `not q` whose q was
 *     deleted) and of the rederived and newly asserted facts, round by round.
 * Loading a program is the same path: its facts are asserted into an empty database.
 */
import type { RuleInfo, UpdateHost } from './engine-types.js';
import { MAXLIM } from './plan.js';
import { LIVE, NEW, OLD } from './relation.js';
import type { Relation } from './relation.js';
import { Delta, Rows } from './rows.js';
import type { Tuples } from './rows.js';

/**
 * When an update overdeletes more than `recomputeAbove` of a component's rows (and it
 * has at least `recomputeMinRows`), the component is recomputed instead of rederived
 * fact by fact. Exposed for tests, which force both paths.
 */
export const tuning = { recomputeAbove: 0.5, recomputeMinRows: 256 };

/** What one update asserts and retracts, and (per relation id) what it changed so far. */
export interface UpdateInput {
  asserts: Map<Relation, Tuples>;
  retracts: Map<Relation, Tuples>;
  /** Rows appended (a range: appended rows are consecutive). */
  inserted: Delta[];
  /** Rows deleted (listed). */
  deleted: Delta[];
}

interface ComponentRun {
  e: UpdateHost;
  c: number;
  rels: Relation[];
  rules: RuleInfo[];
  u: UpdateInput;
}

const perRelation = <T>(rels: Relation[], make: () => T) =>
  new Map<Relation, T>(rels.map((r) => [r, make()]));

export function updateComponent(e: UpdateHost, c: number, u: UpdateInput): void {
  const run: ComponentRun = {
    e,
    c,
    rels: e.components[c]!,
    rules: e.rulesOfComponent[c]!,
    u,
  };
  const over = overdelete(run);
  const seeds = rederive(run, over);
  assertFacts(run, seeds);
  insertFixpoint(run, seeds, over.recompute);
  for (const [rel, rows] of over.rows) {
    const del = u.deleted[rel.id]!.extra;
    for (let i = 0; i < rows.length; i++)
      if (rel.stateOf(rows.rows[i]!) === OLD) del.push(rows.rows[i]!);
  }
}

const aggChanged = (u: UpdateInput, info: RuleInfo) =>
  info.aggregated.some((q) => u.inserted[q.id]!.size > 0 || u.deleted[q.id]!.size > 0);

/**
 * The body index of a positive premise of `info` that reads a relation of an earlier
 * component that was empty before this update (every row of it inserted now), or -1.
 * Every instance of the rule then uses a new fact there, so that premise's delta run
 * gives every instance that the first round's runs would.
 */
function freshPremise(run: ComponentRun, info: RuleInfo): number {
  const { e, c, u } = run;
  return info.rule.body.findIndex((l) => {
    if (l.kind !== 'atom' || l.negated) return false;
    const rel = e.relation(l.atom.predicate);
    const ins = u.inserted[rel.id]!;
    return e.componentOf[rel.id] !== c && ins.lo === 0 && ins.hi > 0 && ins.extra.length === 0;
  });
}

/** Step 1, in the OLD database; then whether to recompute the component instead. */
function overdelete(run: ComponentRun): { rows: Map<Relation, Rows>; recompute: boolean } {
  const { e, c, rels, rules, u } = run;
  const inComp = (p: string) => e.componentOf[e.relation(p).id] === c;
  const over = perRelation(rels, () => new Rows());
  let frontier = perRelation(rels, () => new Delta());
  const mark = (rel: Relation, row: number) => {
    if (row >= 0 && rel.stateOf(row) === LIVE) {
      rel.setState(row, OLD);
      rel.hasOld = true;
      over.get(rel)!.push(row);
      frontier.get(rel)!.extra.push(row);
    }
  };
  for (const rel of rels) {
    const ts = u.retracts.get(rel);
    for (let i = 0; ts !== undefined && i < ts.count; i++) {
      const row = rel.find(ts.ids.rows, i * rel.arity);
      if (row >= 0 && rel.isBase(row)) {
        rel.setBase(row, false);
        mark(rel, row);
      }
    }
  }
  for (const info of rules) {
    // An empty head has nothing to overdelete (loading): running the rule in the OLD
    // database would only cost time, and ask rows of a negated relation's bitsets.
    if (info.head.count === 0) continue;
    const emit = (h: Int32Array) => mark(info.head, info.head.find(h));
    if (aggChanged(u, info)) e.run(info, -1, undefined, OLD, emit);
    info.rule.body.forEach((l, d) => {
      if (l.kind !== 'atom' || inComp(l.atom.predicate)) return;
      const q = e.relation(l.atom.predicate).id;
      const delta = l.negated ? u.inserted[q]! : u.deleted[q]!;
      if (delta.size > 0) e.run(info, d, delta, OLD, emit);
    });
  }
  while ([...frontier.values()].some((f) => f.size > 0)) {
    const cur = frontier;
    frontier = perRelation(rels, () => new Delta());
    for (const info of rules) {
      const emit = (h: Int32Array) => mark(info.head, info.head.find(h));
      info.rule.body.forEach((l, d) => {
        if (l.kind !== 'atom' || l.negated || !inComp(l.atom.predicate)) return;
        const delta = cur.get(e.relation(l.atom.predicate))!;
        if (delta.size > 0) e.run(info, d, delta, OLD, emit);
      });
    }
  }
  // When most of the component was overdeleted (dense recursive graphs), checking each
  // fact for another derivation costs more than recomputing the component: overdelete
  // all of it, keep base facts, and evaluate every rule in full in the first round.
  let overTotal = 0,
    size = 0;
  for (const rel of rels) {
    overTotal += over.get(rel)!.length;
    size += rel.count;
  }
  const recompute =
    size >= tuning.recomputeMinRows && overTotal > size * tuning.recomputeAbove && rules.length > 0;
  if (recompute) for (const rel of rels) for (let r = 0; r < rel.count; r++) mark(rel, r);
  return { rows: over, recompute };
}

/** Step 2: overdeleted rows that are base facts or still derivable come back (the first seeds). */
function rederive(
  run: ComponentRun,
  over: { rows: Map<Relation, Rows>; recompute: boolean },
): Map<Relation, Delta> {
  const { e, rels } = run;
  const seeds = perRelation(rels, () => new Delta());
  for (const [rel, rows] of over.rows) {
    for (let i = 0; i < rows.length; i++) {
      const row = rows.rows[i]!;
      const base = rel.isBase(row);
      if (base || (!over.recompute && e.derivation(rel, row, () => true))) {
        rel.setState(row, LIVE);
        rel.rank.set(row, base ? 0 : e.tick());
        seeds.get(rel)!.extra.push(row);
      }
    }
  }
  return seeds;
}

/** Step 3a: asserted facts become (or stay) base rows; new and returning ones seed the fixpoint. */
function assertFacts(run: ComponentRun, seeds: Map<Relation, Delta>): void {
  for (const rel of run.rels) {
    const ts = run.u.asserts.get(rel);
    const seed = seeds.get(rel)!;
    seed.lo = seed.hi = rel.count;
    for (let i = 0; ts !== undefined && i < ts.count; i++) {
      // `has` first: asking for a row would build row tables (pairs.ts) for nothing.
      const at = i * rel.arity;
      const row = rel.has(ts.ids.rows, at) ? rel.find(ts.ids.rows, at) : -1;
      if (row < 0) {
        rel.append(ts.ids.rows, at, NEW, 0, true);
        continue;
      }
      if (rel.stateOf(row) === OLD) {
        rel.setState(row, LIVE);
        seed.extra.push(row);
      }
      rel.setBase(row, true);
      rel.rank.set(row, 0);
    }
    seed.hi = rel.count;
  }
}

/** Step 3b: rounds of rule evaluation until no new row appears. */
function insertFixpoint(run: ComponentRun, start: Map<Relation, Delta>, recompute: boolean): void {
  const { e, c, rels, rules, u } = run;
  let seeds = start;
  let first = true;
  const flips: Array<[Relation, number]> = [];
  const naive = e.strategy === 'naive';
  let fired = 0;
  while (first || [...seeds.values()].some((s) => s.size > 0)) {
    const round = e.tick();
    e.stats.rounds++;
    const next = perRelation(rels, () => new Delta());
    for (const rel of rels) {
      e.limit(rel, rel.count);
      next.get(rel)!.lo = rel.count;
    }
    for (const info of rules) {
      const head = info.head;
      // An existing row matters only when it may be OLD (it then comes back: a flip).
      const emit = head.hasOld
        ? (h: Int32Array) => {
            fired++;
            const row = head.insert(h, NEW, round);
            if (row < 0 && head.stateOf(-row - 1) === OLD) flips.push([head, -row - 1]);
          }
        : (h: Int32Array) => {
            fired++;
            head.add(h, NEW, round);
          };
      // In the first round, a premise whose relation was empty before (loading) is new in
      // every instance: its delta run alone gives them all, and each other run would only
      // repeat some (node(X), node(Y) made every pair twice).
      const fresh = first && !naive && !recompute ? freshPremise(run, info) : -1;
      if (fresh >= 0) {
        const l = info.rule.body[fresh]!;
        const rel = e.relation(l.kind === 'atom' ? l.atom.predicate : '');
        e.run(info, fresh, u.inserted[rel.id]!, NEW, emit);
        continue;
      }
      // Naive: every rule over the full relations (rows from before this round), every round.
      if (naive || (first && (recompute || !info.hasPositive || aggChanged(u, info))))
        e.run(info, -1, undefined, NEW, emit);
      if (naive || (first && recompute)) continue;
      info.rule.body.forEach((l, d) => {
        if (l.kind !== 'atom') return;
        const rel = e.relation(l.atom.predicate);
        if (e.componentOf[rel.id] === c) {
          const delta = seeds.get(rel)!;
          if (!l.negated && delta.size > 0) e.run(info, d, delta, NEW, emit);
        } else if (first) {
          const delta = l.negated ? u.deleted[rel.id]! : u.inserted[rel.id]!;
          if (delta.size > 0) e.run(info, d, delta, NEW, emit);
        }
      });
    }
    for (const rel of rels) next.get(rel)!.hi = rel.count;
    for (const [rel, row] of flips) {
      if (rel.stateOf(row) !== OLD) continue;
      rel.setState(row, LIVE);
      rel.rank.set(row, round);
      next.get(rel)!.extra.push(row);
    }
    flips.length = 0;
    for (const rel of rels) e.limit(rel, MAXLIM);
    seeds = next;
    first = false;
  }
  e.stats.derivations += fired;
}
