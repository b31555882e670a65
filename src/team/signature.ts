/**
 * Building a team's action model (a PDDL Domain) from its tools' planning signatures.
 * The signatures are written as PDDL text; we assemble a domain and let the PDDL
 * parser check it, so a mistake in a signature gets the parser's precise message.
 */
import { parseDomain } from '../pddl/index.js';
import type { Domain } from '../pddl/ast.js';
import type { PlanningTool } from './types.js';

const KEYWORDS = new Set(['and', 'or', 'not', 'imply', 'exists', 'forall', 'when', '=', 'increase', 'either']);

/** Predicate name -> arity, from the innermost `(name arg ...)` lists of PDDL texts. */
export function inferPredicates(texts: readonly string[], into: Map<string, number> = new Map()): Map<string, number> {
  const re = /\(\s*([a-zA-Z][\w-]*)((?:\s+[?a-zA-Z0-9_][\w-]*)*)\s*\)/g;
  for (const text of texts) {
    for (const m of text.matchAll(re)) {
      const name = m[1]!.toLowerCase();
      if (KEYWORDS.has(name)) continue;
      const args = m[2]!.trim() === '' ? [] : m[2]!.trim().split(/\s+/);
      if (args.includes('-')) continue; // a typed parameter list, not an atom
      if (!into.has(name)) into.set(name, args.length);
    }
  }
  return into;
}

export interface DomainSpec {
  name: string;
  tools: readonly PlanningTool[];
  /** type -> parent type. */
  types: ReadonlyMap<string, string>;
  /** Extra texts whose atoms declare predicates (facts, goal, rule heads). */
  mentions: readonly string[];
  /** Objects, declared as domain constants so rules and signatures may name them. */
  constants: readonly { name: string; type: string }[];
  /** `(:derived ...)` sections, as PDDL text. */
  derived: readonly string[];
  file?: string;
}

/** The PDDL text of the domain a team can act in. */
export function domainText(spec: DomainSpec): string {
  const preds = inferPredicates([...spec.tools.flatMap((t) => [t.precondition, t.effect]), ...spec.mentions, ...spec.derived]);
  const types = [...spec.types].map(([t, p]) => `${t} - ${p}`).join(' ');
  const predicates = [...preds].map(([n, k]) => `(${[n, ...Array.from({ length: k }, (_, i) => `?a${i}`)].join(' ')})`).join(' ');
  const actions = spec.tools.map((t) => {
    const params = t.params.map(([n, ty]) => `?${n} - ${ty}`).join(' ');
    const pre = t.precondition.trim() === '' ? '' : `\n    :precondition ${t.precondition}`;
    return `  (:action ${t.name}\n    :parameters (${params})${pre}\n    :effect ${t.effect})`;
  });
  return [
    `(define (domain ${spec.name})`,
    '  (:requirements :strips :typing :negative-preconditions :equality :disjunctive-preconditions :quantified-preconditions :conditional-effects :derived-predicates)',
    `  (:types ${types})`,
    `  (:constants ${spec.constants.map((o) => `${o.name} - ${o.type}`).join(' ')})`,
    `  (:predicates ${predicates})`,
    ...actions,
    ...spec.derived.map((d) => `  ${d}`),
    ')',
  ].join('\n');
}

/** Parses the assembled domain; PDDL mistakes in signatures surface as PddlError. */
export function buildDomain(spec: DomainSpec): Domain {
  return parseDomain(domainText(spec), spec.file);
}
