/**
 * "Why does this fact hold?" / "why not?" over a mission's facts (or a run's observed
 * facts): the reasoner's proof or its why-not, as lines. A fact an action makes true
 * (not one the rules derive) is answered from the facts, naming the actions that add it.
 */
import {
  createReasoner,
  fact,
  formatProof,
  formatWhyNot,
  parseProgram,
} from '../../logic/index.js';
import type { Mission } from '../types.js';

export interface FactExplanation {
  fact: string;
  holds: boolean;
  /** The proof (it holds) or the why-not (it does not), one line each. */
  lines: string[];
}

/** "(pred a b)", "pred(a, b)" or "pred a b" -> ["pred", "a", "b"], lower case. */
function atomParts(text: string): string[] {
  return text
    .replace(/[(),.]/g, ' ')
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((s) => s.toLowerCase());
}

/** Explains `text` over `facts` ("pred a b" keys; default: the mission's initial facts). */
export function explainFactOf(
  mission: Mission,
  text: string,
  facts: Iterable<string> = mission.facts,
): FactExplanation {
  const [predicate, ...args] = atomParts(text);
  if (predicate === undefined)
    throw new Error('give a fact, such as (qualified amelie ml_engineer)');
  const shown = `(${[predicate, ...args].join(' ')})`;
  const known = mission.domain.predicates.find((p) => p.name === predicate);
  if (known === undefined)
    throw new Error(
      `${predicate} is not a predicate of mission ${mission.name}; its predicates: ${mission.domain.predicates.map((p) => p.name).join(', ')}`,
    );
  const observed = [...facts];
  const program = parseProgram(mission.rules);
  const reasoner = createReasoner({
    rules: program.rules,
    facts: observed.map((k) => {
      const [p, ...a] = k.split(' ');
      return fact(p!, ...a);
    }),
  });
  const atom = fact(predicate, ...args);
  const proof = reasoner.why(atom);
  if (proof) return { fact: shown, holds: true, lines: formatProof(proof).split('\n') };
  const derived = program.rules.some((r) => r.head.predicate === predicate);
  if (derived)
    return { fact: shown, holds: false, lines: formatWhyNot(reasoner.whyNot(atom)).split('\n') };
  const adders = [...mission.tools.values()]
    .filter((t) =>
      mission.domain.actions.some(
        (a) => a.name === t.name && JSON.stringify(a.effect).includes(`"${predicate}"`),
      ),
    )
    .map((t) => t.name);
  return {
    fact: shown,
    holds: false,
    lines: [
      `${shown} is not among the facts, and no rule derives ${predicate}`,
      ...(adders.length > 0 ? [`actions that can make it true: ${adders.join(', ')}`] : []),
    ],
  };
}
