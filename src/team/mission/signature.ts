/**
 * Building a team's action model (a PDDL Domain) from its tools' planning signatures.
 * The signatures are written as PDDL text; we assemble a domain and let the PDDL
 * parser check it, so a mistake in a signature gets the parser's precise message.
 */
import { parseDomain } from '../../pddl/index.js';
import type { Domain } from '../../pddl/ast.js';
import type { PlanningTool } from '../types.js';

const KEYWORDS = new Set([
  'and',
  'or',
  'not',
  'imply',
  'exists',
  'forall',
  'when',
  '=',
  'increase',
  'either',
]);

/** Predicate name -> arity, from the innermost `(name arg ...)` lists of PDDL texts. */
export function inferPredicates(
  texts: readonly string[],
  into: Map<string, number> = new Map(),
): Map<string, number> {
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

/** Where a tool's precondition or effect text sits in the generated domain text. */
export interface Segment {
  tool: string;
  part: 'action' | 'precondition' | 'effect';
  start: number;
  end: number;
}

/** The PDDL text of the domain a team can act in. */
export function domainText(spec: DomainSpec): string {
  return domainLayout(spec).text;
}

/** The domain text, where each tool's action, precondition and effect were put in it, and where the rules start. */
export function domainLayout(spec: DomainSpec): {
  text: string;
  segments: Segment[];
  derivedStart: number;
} {
  const preds = inferPredicates([
    ...spec.tools.flatMap((t) => [t.precondition, t.effect]),
    ...spec.mentions,
    ...spec.derived,
  ]);
  const types = [...spec.types].map(([t, p]) => `${t} - ${p}`).join(' ');
  const predicates = [...preds]
    .map(([n, k]) => `(${[n, ...Array.from({ length: k }, (_, i) => `?a${i}`)].join(' ')})`)
    .join(' ');
  const head = [
    `(define (domain ${spec.name})`,
    '  (:requirements :strips :typing :negative-preconditions :equality :disjunctive-preconditions :quantified-preconditions :conditional-effects :derived-predicates)',
    `  (:types ${types})`,
    `  (:constants ${spec.constants.map((o) => `${o.name} - ${o.type}`).join(' ')})`,
    `  (:predicates ${predicates})`,
  ];
  let text = head.join('\n');
  const segments: Segment[] = [];
  const put = (s: string, seg?: Omit<Segment, 'start' | 'end'>): void => {
    if (seg !== undefined)
      segments.push({ ...seg, start: text.length, end: text.length + s.length });
    text += s;
  };
  for (const t of spec.tools) {
    put('\n  ');
    const start = text.length;
    put(
      `(:action ${t.name}\n    :parameters (${t.params.map(([n, ty]) => `?${n} - ${ty}`).join(' ')})`,
    );
    if (t.precondition.trim() !== '') {
      put('\n    :precondition ');
      put(t.precondition, { tool: t.name, part: 'precondition' });
    }
    put('\n    :effect ');
    put(t.effect, { tool: t.name, part: 'effect' });
    put(')');
    segments.push({ tool: t.name, part: 'action', start, end: text.length });
  }
  const derivedStart = text.length;
  for (const d of spec.derived) put(`\n  ${d}`);
  put('\n)');
  return { text, segments, derivedStart };
}

/** Parses the assembled domain; PDDL mistakes in signatures surface as PddlError. */
export function buildDomain(spec: DomainSpec): Domain {
  return parseDomain(domainText(spec), spec.file);
}
