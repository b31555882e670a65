/**
 * PDDL requirement flags: which ones we support, which we know but do not support,
 * and what the umbrella flags (:adl, :quantified-preconditions) stand for.
 */
import { PddlError } from './errors.js';
import type { SList } from './sexpr.js';

export const SUPPORTED_REQUIREMENTS = [
  ':strips',
  ':typing',
  ':negative-preconditions',
  ':disjunctive-preconditions',
  ':equality',
  ':existential-preconditions',
  ':universal-preconditions',
  ':quantified-preconditions',
  ':conditional-effects',
  ':adl',
  ':derived-predicates',
  ':action-costs',
];

const UNSUPPORTED: Record<string, string> = {
  ':durative-actions': 'durative actions are not supported',
  ':duration-inequalities': 'durative actions are not supported',
  ':continuous-effects': 'continuous effects are not supported',
  ':fluents': 'numeric fluents are not supported (only :action-costs)',
  ':numeric-fluents': 'numeric fluents are not supported (only :action-costs)',
  ':object-fluents': 'object fluents are not supported',
  ':timed-initial-literals': 'timed initial literals are not supported',
  ':preferences': 'preferences (PDDL3) are not supported',
  ':constraints': 'constraints (PDDL3) are not supported',
  ':domain-axioms': 'domain axioms are not supported; use :derived-predicates',
  ':safety-constraints': 'safety constraints are not supported',
  ':expression-evaluation': 'expression evaluation is not supported',
  ':open-world': 'the open-world assumption is not supported',
  ':true-negation': 'true negation is not supported',
  ':time': 'time (PDDL+) is not supported',
};

const IMPLIED: Record<string, string[]> = {
  ':adl': [
    ':strips',
    ':typing',
    ':negative-preconditions',
    ':disjunctive-preconditions',
    ':equality',
    ':existential-preconditions',
    ':universal-preconditions',
    ':quantified-preconditions',
    ':conditional-effects',
  ],
  ':quantified-preconditions': [':existential-preconditions', ':universal-preconditions'],
  ':ucpop': [':adl'],
};

/**
 * Reads `(:requirements :a :b)`; returns the flags as written plus the ones they
 * imply (so `:adl` lists its components). Throws on unknown or unsupported flags.
 */
export function readRequirements(section: SList): string[] {
  const out: string[] = [];
  const add = (r: string): void => {
    if (out.includes(r)) return;
    out.push(r);
    for (const implied of IMPLIED[r] ?? []) add(implied);
  };
  for (const item of section.items.slice(1)) {
    if (item.kind !== 'symbol' || !item.value.startsWith(':')) {
      throw new PddlError(`expected a requirement such as :strips`, item.loc);
    }
    const r = item.value;
    if (UNSUPPORTED[r] !== undefined) {
      throw new PddlError(
        `unsupported requirement '${r}': ${UNSUPPORTED[r]}`,
        item.loc,
        `supported: ${SUPPORTED_REQUIREMENTS.join(' ')}`,
        'PDDL_UNSUPPORTED',
      );
    }
    if (!SUPPORTED_REQUIREMENTS.includes(r) && IMPLIED[r] === undefined) {
      throw new PddlError(
        `unknown requirement '${r}'`,
        item.loc,
        `supported: ${SUPPORTED_REQUIREMENTS.join(' ')}`,
        'PDDL_UNKNOWN_REQUIREMENT',
      );
    }
    add(r);
  }
  return out;
}
