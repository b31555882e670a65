/**
 * The learned model as a PDDL domain: the vocabulary (types, constants, predicates,
 * derived predicates) with one action per learned action; and its text, which the
 * planner, the validator and VAL read.
 */
import type { ActionDef, Condition, Domain, Effect, TypedName } from '../pddl/ast.js';
import { formatCondition } from '../pddl/index.js';
import type { Guard, LearnedAction, Literal, LearnResult } from './types.js';

const literalCondition = (l: Literal): Condition =>
  l.positive
    ? { kind: 'atom', atom: l.atom }
    : { kind: 'not', arg: { kind: 'atom', atom: l.atom } };

function guardCondition(g: Guard): Condition {
  const alternatives = g.map((alt): Condition =>
    alt.length === 1 ? literalCondition(alt[0]!) : { kind: 'and', args: alt.map(literalCondition) },
  );
  return alternatives.length === 1 ? alternatives[0]! : { kind: 'or', args: alternatives };
}

function toAction(a: LearnedAction): ActionDef {
  const pre: Condition[] = [
    ...a.precondition.map(literalCondition),
    ...a.guards.flatMap(guardCondition),
  ];
  const effect: Effect = {
    kind: 'and',
    args: [
      ...a.del.map((atom): Effect => ({ kind: 'delete', atom })),
      ...a.add.map((atom): Effect => ({ kind: 'add', atom })),
    ],
  };
  return {
    name: a.name,
    params: a.params,
    precondition: pre.length === 0 ? undefined : { kind: 'and', args: pre },
    effect,
  };
}

/** The vocabulary with the learned actions (unobserved and ambiguous ones left out). */
export function learnedDomain(vocabulary: Domain, actions: readonly LearnedAction[]): Domain {
  const learned = actions.filter((a) => a.status === 'learned');
  const literals = learned.flatMap((a) => [...a.precondition, ...a.guards.flat(2)]);
  const requirements = [...vocabulary.requirements];
  const need = (flag: string, used: boolean) => {
    if (used && !requirements.includes(flag)) requirements.push(flag);
  };
  need(':strips', true);
  need(':typing', true);
  need(
    ':negative-preconditions',
    literals.some((l) => !l.positive),
  );
  need(
    ':equality',
    literals.some((l) => l.atom.predicate === '='),
  );
  need(
    ':disjunctive-preconditions',
    learned.some((a) => a.guards.length > 0),
  );
  return { ...vocabulary, requirements, actions: learned.map(toAction) };
}

const typed = (names: readonly TypedName[]): string =>
  names
    .map(
      (n) => `${n.name} - ${n.types.length === 1 ? n.types[0]! : `(either ${n.types.join(' ')})`}`,
    )
    .join(' ');

function effectText(e: Effect): string {
  if (e.kind !== 'and') throw new Error(`learned effects are conjunctions, got ${e.kind}`);
  const parts = e.args.map((x) => {
    if (x.kind === 'add') return formatCondition({ kind: 'atom', atom: x.atom });
    if (x.kind === 'delete') return `(not ${formatCondition({ kind: 'atom', atom: x.atom })})`;
    throw new Error(`learned effects add and delete atoms, got ${x.kind}`);
  });
  return `(and${parts.map((p) => `\n      ${p}`).join('')})`;
}

function conditionText(c: Condition | undefined): string {
  if (c === undefined) return '(and)';
  if (c.kind !== 'and') return formatCondition(c);
  // A case split reads best one case a line.
  const part = (p: Condition) =>
    p.kind === 'or'
      ? `(or${p.args.map((x) => `\n        ${formatCondition(x)}`).join('')})`
      : formatCondition(p);
  return `(and${c.args.map((p) => `\n      ${part(p)}`).join('')})`;
}

/** Marker lines `atelier plan` looks for when a learned domain has no plan (see actionsLeftOut). */
export const UNOBSERVED_MARKER = '; atelier-learn not learned:';

/** PDDL text of a learned domain; comment lines name the actions left out and why. */
export function formatLearnedDomain(result: LearnResult): string {
  const d = result.domain;
  const out = [
    `; Learned by atelier learn (SAM) from ${result.transitions} transition${result.transitions === 1 ? '' : 's'} in ${result.trajectories} ${result.trajectories === 1 ? 'trajectory' : 'trajectories'}.`,
    '; Safe: a plan found with this model is executable (see docs/learn.md for the assumptions).',
  ];
  const left = result.actions.filter((a) => a.status !== 'learned');
  if (left.length > 0)
    out.push(`${UNOBSERVED_MARKER} ${left.map((a) => `${a.name} (${a.status})`).join(' ')}`);
  out.push(`(define (domain ${d.name})`, `  (:requirements ${d.requirements.join(' ')})`);
  const types = d.types.filter((t) => t.name !== 'object');
  if (types.length > 0)
    out.push(
      `  (:types ${types.map((t) => `${t.name} - ${t.parents.length === 1 ? t.parents[0]! : `(either ${t.parents.join(' ')})`}`).join(' ')})`,
    );
  if (d.constants.length > 0) out.push(`  (:constants ${typed(d.constants)})`);
  out.push(
    `  (:predicates${d.predicates.map((p) => `\n    (${[p.name, typed(p.params)].filter((s) => s !== '').join(' ')})`).join('')})`,
  );
  if (d.functions.length > 0)
    out.push(
      `  (:functions ${d.functions.map((f) => `(${[f.name, typed(f.params)].filter((s) => s !== '').join(' ')}) - number`).join(' ')})`,
    );
  for (const r of d.derived)
    out.push(
      `  (:derived (${[r.head.name, typed(r.head.params)].filter((s) => s !== '').join(' ')})\n    ${formatCondition(r.body)})`,
    );
  for (const a of d.actions) {
    out.push(`  (:action ${a.name}`, `    :parameters (${typed(a.params)})`);
    out.push(
      `    :precondition ${conditionText(a.precondition)}`,
      `    :effect ${effectText(a.effect)})`,
    );
  }
  out.push(')');
  return `${out.join('\n')}\n`;
}

/** A domain's vocabulary: the same domain with every action's precondition and effect removed. */
export function vocabularyOf(domain: Domain): Domain {
  return {
    ...domain,
    actions: domain.actions.map((a) => ({
      ...a,
      precondition: undefined,
      effect: { kind: 'and', args: [] },
    })),
  };
}

/** The actions a learned domain's text says it left out (name and why), or [] for any other domain. */
export function actionsLeftOut(text: string): string[] {
  const line = text.split('\n').find((l) => l.startsWith(UNOBSERVED_MARKER));
  if (line === undefined) return [];
  return [...line.slice(UNOBSERVED_MARKER.length).matchAll(/(\S+) \((\w+)\)/g)].map(
    (m) => `${m[1]} (${m[2]})`,
  );
}

/** The constants that the actions' preconditions and effects of `domain` name. */
export function constantsInActions(domain: Domain): string[] {
  const found = new Set<string>();
  const visit = (x: unknown): void => {
    if (Array.isArray(x)) x.forEach(visit);
    else if (x !== null && typeof x === 'object') {
      const atom = (x as { atom?: { args?: unknown } }).atom;
      if (atom !== undefined && Array.isArray(atom.args))
        for (const a of atom.args) if (typeof a === 'string' && !a.startsWith('?')) found.add(a);
      for (const v of Object.values(x)) if (v !== atom) visit(v);
    }
  };
  for (const a of domain.actions) visit([a.precondition, a.effect]);
  return domain.constants.map((c) => c.name).filter((c) => found.has(c));
}
