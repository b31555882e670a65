/**
 * The mission's rules, written in the reasoner's syntax, become PDDL derived predicates
 * so the planner reasons with them in every state it explores: `ok(X) :- a(X), not b(X).`
 * becomes `(:derived (ok ?x) (and (a ?x) (not (b ?x))))`. Facts in the same text are
 * the mission's initial facts.
 */
import type { SourceLocation } from '../../errors.js';
import { LogicError } from '../../logic/errors.js';
import { parseProgram } from '../../logic/parse.js';
import type { Atom as LAtom, Literal, Program, Term } from '../../logic/types.js';

/** A rule the planner cannot use (it has no PDDL form): a user error at the rule's location. */
export class RuleTranslationError extends LogicError {
  constructor(message: string, location?: SourceLocation, hint?: string) {
    super(message, location, hint, 'MISSION_RULE_UNSUPPORTED');
  }
}

function name(s: string): string {
  return s.toLowerCase();
}

function term(t: Term, vars: Map<string, string>): string {
  if (t.kind === 'const') return name(String(t.value));
  let v = vars.get(t.name);
  if (v === undefined) {
    v = `?${t.name.toLowerCase().replace(/[^a-z0-9_-]/g, '_')}${vars.size}`;
    vars.set(t.name, v);
  }
  return v;
}

function literal(l: Literal, vars: Map<string, string>): string {
  if (l.kind === 'compare') {
    const a = term(l.left, vars);
    const b = term(l.right, vars);
    if (l.op === '=') return `(= ${a} ${b})`;
    if (l.op === '!=') return `(not (= ${a} ${b}))`;
    throw new RuleTranslationError(
      `comparison '${l.op}' cannot be used in mission rules (only = and !=)`,
      l.loc,
      'the planner needs rules it can turn into PDDL derived predicates',
    );
  }
  if (l.kind !== 'atom')
    throw new RuleTranslationError(
      `${l.kind} aggregates cannot be used in mission rules`,
      l.loc,
      'the planner needs rules it can turn into PDDL derived predicates',
    );
  const text = `(${[name(l.atom.predicate), ...l.atom.args.map((a) => term(a, vars))].join(' ')})`;
  return l.negated ? `(not ${text})` : text;
}

/** One rule as a PDDL `(:derived ...)` section. */
export function ruleToDerived(head: LAtom, body: Literal[]): string {
  const vars = new Map<string, string>();
  const params: string[] = [];
  const eqs: string[] = [];
  head.args.forEach((a, i) => {
    const p = `?h${i}`;
    params.push(p);
    if (a.kind === 'var' && !vars.has(a.name)) vars.set(a.name, p);
    else eqs.push(`(= ${p} ${term(a, vars)})`);
  });
  const headVars = new Set(vars.values());
  const parts = [...eqs, ...body.map((l) => literal(l, vars))];
  const inner = [...vars.values()].filter((v) => !headVars.has(v));
  let cond = parts.length === 1 ? parts[0]! : `(and ${parts.join(' ')})`;
  if (inner.length > 0) cond = `(exists (${inner.join(' ')} - object) ${cond})`;
  return `(:derived (${[name(head.predicate), ...params].join(' ')}) ${cond})`;
}

export interface MissionKnowledge {
  program: Program;
  /** Initial facts as "pred a b" keys. */
  facts: string[];
  /** `(:derived ...)` texts, one per rule. */
  derived: string[];
  /** Heads of rules, i.e. derived predicates. */
  derivedPredicates: Set<string>;
}

/** Parses reasoner text (throws LogicError with file:line:col) and translates it. */
export function readKnowledge(text: string, file?: string): MissionKnowledge {
  const program = parseProgram(text, file);
  const facts = program.facts.map((f) =>
    [
      name(f.predicate),
      ...f.args.map((a) => (a.kind === 'const' ? name(String(a.value)) : '?')),
    ].join(' '),
  );
  const derived = program.rules.map((r) => ruleToDerived(r.head, r.body));
  return {
    program,
    facts,
    derived,
    derivedPredicates: new Set(program.rules.map((r) => name(r.head.predicate))),
  };
}
