/** "Why does this fact hold in the run?" — the mission's rules brought to the run's observed facts. */
import { z } from 'zod';
import { createReasoner, fact, formatAtom, formatWhyNot } from '../logic/index.js';
import type { Atom } from '../logic/index.js';
import { proofTree } from './compute/proofs.js';

export const WhyResponse = z.object({
  fact: z.string(),
  proof: z.unknown().optional(),
  whyNot: z.array(z.string()).optional(),
});

/** "(pred a b)" -> the reasoner's atom pred(a, b). */
function toLogicAtom(text: string): Atom {
  const [predicate, ...args] = text.replace(/[()]/g, ' ').trim().split(/\s+/);
  return fact(predicate!, ...args);
}

/**
 * Proves a fact of a run: the mission's program (rules and initial facts) brought to
 * the run's observed facts, then asked why. Observed facts of predicates the program
 * never mentions cannot matter to its rules and are left out.
 */
export function explainFact(
  rules: string,
  observed: readonly string[],
  factText: string,
): z.infer<typeof WhyResponse> {
  const reasoner = createReasoner(rules, 'rules');
  const known = new Set(reasoner.strata().flat());
  const derived = new Set(reasoner.derived().map(formatAtom));
  const base = reasoner.facts().filter((a) => !derived.has(formatAtom(a)));
  const now = observed.map(toLogicAtom).filter((a) => known.has(a.predicate));
  const nowKeys = new Set(now.map(formatAtom));
  const baseKeys = new Set(base.map(formatAtom));
  reasoner.update({
    assert: now.filter((a) => !baseKeys.has(formatAtom(a))),
    retract: base.filter((a) => !nowKeys.has(formatAtom(a))),
  });
  const target = toLogicAtom(factText);
  if (!known.has(target.predicate))
    return {
      fact: factText,
      whyNot: [`${target.predicate} is not a predicate of the mission's rules`],
    };
  const proof = reasoner.why(target);
  if (proof) return { fact: factText, proof: proofTree(proof) };
  return { fact: factText, whyNot: formatWhyNot(reasoner.whyNot(target)).split('\n') };
}
