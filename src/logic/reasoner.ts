/**
 * The reasoner's public face: load a program, assert and retract facts, query, and
 * ask why / why not. All methods accept atoms built with `fact`/`atom` or their text.
 */
import { formatAtom } from './build.js';
import { Engine } from './engine.js';
import { toAtom, toProgram } from './inputs.js';
import type { Changes, EvaluationStats, EvaluationStrategy } from './engine.js';
import { why } from './explain.js';
import { whyNot } from './why-not.js';
import type { Proof, WhyNot } from './explain.js';
import { factText, orderOf } from './fact-text.js';
import type { FactTextOptions } from './fact-text.js';
import type { LoadedProgram } from './load.js';
import { compareValues } from './plan.js';
import { runQuery } from './query.js';
import { sortedTuples } from './sorted.js';
import type { Atom, Bindings, Literal, Program, Term } from './types.js';

export type { Changes, EvaluationStats, EvaluationStrategy, FactTextOptions };

export interface ReasonerOptions {
  /** File name for error locations when the program is text. */
  file?: string;
  /**
   * `semi-naive` (default) or `naive`: every round re-joins full relations instead of
   * the previous round's new rows. Same engine, indexes and results; a reference and
   * benchmark baseline, much slower on recursive programs.
   */
  strategy?: EvaluationStrategy;
}

export interface Reasoner {
  /** Adds base facts; returns every fact whose truth changed (base or derived). */
  assert(facts: Atom | string | ReadonlyArray<Atom | string>): Changes;
  /** Removes base facts (a fact that is only derived cannot be retracted). */
  retract(facts: Atom | string | ReadonlyArray<Atom | string>): Changes;
  /** Both at once, in one incremental step; a fact in both lists ends up asserted. */
  update(change: {
    assert?: ReadonlyArray<Atom | string>;
    retract?: ReadonlyArray<Atom | string>;
  }): Changes;
  /** Bindings of the named variables for an atom pattern or a conjunction (`'p(X), not q(X)'`). */
  query(pattern: Atom | Literal[] | string): Bindings[];
  /** Whether a fact holds; for a pattern with variables, whether some instance holds. */
  holds(fact: Atom | string): boolean;
  /** Every fact that holds (of one predicate if given), sorted. */
  facts(predicate?: string): Atom[];
  /** Facts that hold and are not base facts, sorted. */
  derived(): Atom[];
  /**
   * The facts that hold, sorted like `facts()`, as UTF-8 text in chunks (one fact per
   * line, or JSON string literals with `jsonIndent`). Nothing is built per fact: write
   * each chunk before taking the next, and printing millions of facts stays small.
   */
  factText(options?: FactTextOptions): Iterable<Uint8Array>;
  /** Number of facts that hold (of one predicate if given), without building them. */
  count(predicate?: string): number;
  why(fact: Atom | string): Proof | undefined;
  whyNot(fact: Atom | string): WhyNot;
  /** Predicates by stratum (0 first). */
  strata(): string[][];
  /** Evaluation work so far (rounds, rule instances fired), loading included. */
  stats(): EvaluationStats;
}

const list = (f: Atom | string | ReadonlyArray<Atom | string>): Atom[] =>
  (typeof f === 'string' || !Array.isArray(f)
    ? [f as Atom | string]
    : (f as ReadonlyArray<Atom | string>)
  ).map(toAtom);

/** Sorts facts by predicate, then argument values (numbers before strings). */
export function sortFacts(facts: Atom[]): Atom[] {
  return facts.sort((a, b) => {
    if (a.predicate !== b.predicate) return a.predicate < b.predicate ? -1 : 1;
    for (let i = 0; i < a.args.length; i++) {
      const x = a.args[i]!,
        y = b.args[i]!;
      const c = compareValues(
        x.kind === 'const' ? x.value : x.name,
        y.kind === 'const' ? y.value : y.name,
      );
      if (c !== 0) return c;
    }
    return 0;
  });
}

/**
 * Loads a program (text, data, or text loaded by `loadProgram`/`ProgramLoader`), checks
 * it and computes its model. The second argument is the file name for error locations,
 * or options. Throws LogicError on bad input.
 */
export function createReasoner(
  program: Program | LoadedProgram | string,
  options: string | ReasonerOptions = {},
): Reasoner {
  const opts = typeof options === 'string' ? { file: options } : options;
  const e = new Engine(
    toProgram(program, opts.file),
    opts.strategy === undefined ? {} : { strategy: opts.strategy },
  );
  const sortChanges = (c: Changes): Changes => ({
    added: sortFacts(c.added),
    removed: sortFacts(c.removed),
  });
  // Sorted on the integer tuples (sorted.ts), then turned into atoms.
  const collect = (derivedOnly: boolean, predicate?: string): Atom[] => {
    const out: Atom[] = [];
    const order = orderOf(e);
    const rels = e.relations
      .filter((r) => predicate === undefined || r.name === predicate)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const rel of rels) {
      const k = rel.arity;
      for (const { ids, n } of sortedTuples(rel, order, derivedOnly)) {
        for (let t = 0; t < n; t++) {
          const args: Term[] = [];
          for (let j = 0; j < k; j++)
            args.push({ kind: 'const', value: e.values[ids[t * k + j]!]! });
          out.push({ predicate: rel.name, args });
        }
      }
    }
    return out;
  };
  return {
    assert: (f) => sortChanges(e.update(list(f), [])),
    retract: (f) => sortChanges(e.update([], list(f))),
    update: (c) =>
      sortChanges(e.update((c.assert ?? []).map(toAtom), (c.retract ?? []).map(toAtom))),
    query: (p) =>
      runQuery(e, p).sort((a, b) => {
        for (const k of Object.keys(a)) {
          const c = compareValues(a[k]!, b[k]!);
          if (c !== 0) return c;
        }
        return 0;
      }),
    holds: (f) => {
      const a = toAtom(f);
      return a.args.every((t) => t.kind === 'const') ? e.holds(a) : runQuery(e, a).length > 0;
    },
    facts: (p) => collect(false, p),
    derived: () => collect(true),
    factText: (options) => factText(e, options),
    count: (p) => {
      let n = 0;
      for (const rel of e.relations) {
        if (p !== undefined && rel.name !== p) continue;
        for (let r = 0; r < rel.count; r++) if (rel.stateOf(r) !== 0) n++;
      }
      return n;
    },
    why: (f) => why(e, toAtom(f)),
    whyNot: (f) => whyNot(e, toAtom(f)),
    strata: () => {
      const out: string[][] = [];
      for (const [p, s] of e.checked.stratum) (out[s] ??= []).push(p);
      return out.map((ps) => (ps ?? []).sort());
    },
    stats: () => ({ ...e.stats }),
  };
}

export { formatAtom };
