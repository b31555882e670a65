/**
 * The facts that matter to a step, as its agent's model is told them: each atom of the
 * step's precondition (ground, with whether it holds now) and what the reasoner derives
 * about the step's arguments.
 */
import type { Condition } from '../../pddl/ast.js';
import type { PlannedStep } from '../log/events.js';
import type { Mission } from '../types.js';

export interface StepFacts {
  /** "(pred a b)" atoms of the precondition, ground. */
  atoms: string[];
  /** One line per fact, for the prompt. */
  lines: string[];
}

/** At most this many derived facts are listed (the closest to the step come first). */
const MAX_DERIVED = 40;

export function stepFacts(
  mission: Mission,
  step: PlannedStep,
  observed: ReadonlySet<string>,
  derived: ReadonlySet<string>,
): StepFacts {
  const action = mission.domain.actions.find((a) => a.name === step.action);
  const binding = new Map(action?.params.map((p, i) => [p.name, step.args[i]!]) ?? []);
  const atoms: { key: string; negated: boolean }[] = [];
  const walk = (c: Condition | undefined, negated: boolean): void => {
    if (c === undefined) return;
    if (c.kind === 'atom') {
      const args = c.atom.args.map((a) => binding.get(a) ?? a);
      if (c.atom.predicate !== '=')
        atoms.push({ key: [c.atom.predicate, ...args].join(' '), negated });
    } else if (c.kind === 'not') walk(c.arg, !negated);
    else if (c.kind === 'and' || c.kind === 'or') c.args.forEach((a) => walk(a, negated));
    else if (c.kind === 'imply') {
      walk(c.if, !negated);
      walk(c.then, negated);
    }
  };
  walk(action?.precondition, false);
  const holds = (k: string): boolean => observed.has(k) || derived.has(k);
  const lines = atoms.map(
    ({ key, negated }) =>
      `- precondition ${negated ? `(not (${key}))` : `(${key})`}: (${key}) is ${holds(key) ? 'true' : 'false'}`,
  );
  const args = new Set(step.args);
  const seen = new Set(atoms.map((a) => a.key));
  const about = [...derived]
    .filter(
      (k) =>
        !seen.has(k) &&
        k
          .split(' ')
          .slice(1)
          .some((a) => args.has(a)),
    )
    .sort();
  lines.push(...about.slice(0, MAX_DERIVED).map((k) => `- derived by the rules: (${k})`));
  if (about.length > MAX_DERIVED)
    lines.push(`- ... and ${about.length - MAX_DERIVED} more derived facts about its arguments`);
  return { atoms: atoms.filter((a) => !a.negated).map((a) => `(${a.key})`), lines };
}
