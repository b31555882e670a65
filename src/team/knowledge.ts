/**
 * The team's reasoner: the mission's rules over the observed facts, updated
 * incrementally as steps report what happened. It reports derived facts before each
 * planning, and answers "why not" when the goal cannot be reached.
 */
import { createReasoner, fact, formatWhyNot, parseProgram } from '../logic/index.js';
import type { Reasoner } from '../logic/index.js';

export interface TeamKnowledge {
  /** Applies observed changes ("pred a b" keys); returns the derived facts that changed, as "(pred a b)" text. */
  update(
    added: readonly string[],
    deleted: readonly string[],
  ): { added: string[]; removed: string[] };
  /** Facts derived by the rules, as "(pred a b)" text. */
  derived(): string[];
  /** Facts derived by the rules, as "pred a b" keys (cached until the next update). */
  derivedKeys(): ReadonlySet<string>;
  /** The reasoner's why-not for a ground atom, as lines; undefined when the rules do not define it. */
  whyNot(key: string): string[] | undefined;
}

const toLogic = (key: string) => {
  const [p, ...args] = key.split(' ');
  return fact(p!, ...args);
};
const show = (a: {
  predicate: string;
  args: { kind: string; value?: unknown; name?: string }[];
}): string =>
  `(${[a.predicate, ...a.args.map((t) => String(t.kind === 'const' ? t.value : t.name))].join(' ')})`;

/** A reasoner over `rules` (program text; its own facts are ignored) and the observed `facts`. */
export function teamKnowledge(rules: string, facts: Iterable<string>): TeamKnowledge {
  const program = parseProgram(rules);
  const heads = new Set(program.rules.map((r) => r.head.predicate));
  const r: Reasoner = createReasoner({ rules: program.rules, facts: [...facts].map(toLogic) });
  let cache: Set<string> | undefined;
  const keys = (): Set<string> => (cache ??= new Set(r.derived().map((a) => show(a).slice(1, -1))));
  return {
    update(added, deleted) {
      if (added.length + deleted.length === 0) return { added: [], removed: [] };
      const changes = r.update({ assert: added.map(toLogic), retract: deleted.map(toLogic) });
      cache = undefined;
      // The reasoner reports every fact whose truth changed; keep those the rules derive.
      const derivedOnly = (atoms: typeof changes.added): string[] =>
        atoms
          .filter((a) => heads.has(a.predicate))
          .map(show)
          .sort();
      return { added: derivedOnly(changes.added), removed: derivedOnly(changes.removed) };
    },
    derived: () => [...keys()].map((k) => `(${k})`),
    derivedKeys: keys,
    whyNot(key) {
      const a = toLogic(key);
      if (!heads.has(a.predicate)) return undefined;
      return formatWhyNot(r.whyNot(a)).split('\n');
    },
  };
}
