/**
 * Building programs from TypeScript and printing them back:
 *   const X = v('X');
 *   rule(atom('path', X, 'b'), atom('edge', X, 'b'))
 *   datalog`edge(a, b). path(X, Y) :- edge(X, Y).`
 * Plain strings and numbers are constants; variables come from `v`.
 */
import { parseProgram } from './parse.js';
import type { Atom, CompareOp, Literal, Program, Rule, Term, Value, Variable } from './types.js';

/** A variable term. */
export function v(name: string): Variable {
  return { kind: 'var', name };
}
export const variable = v;

function toTerm(t: Term | Value): Term {
  return typeof t === 'object' ? t : { kind: 'const', value: t };
}

/** `atom('path', X, 'b')`: strings and numbers are constants, `v('X')` a variable. */
export function atom(predicate: string, ...args: Array<Term | Value>): Atom {
  return { predicate, args: args.map(toTerm) };
}

/** A ground atom: `fact('edge', 'a', 'b')`. */
export function fact(predicate: string, ...args: Value[]): Atom {
  return { predicate, args: args.map((value) => ({ kind: 'const', value })) };
}

/** `not p(...)` in a rule body. */
export function not(a: Atom): Literal {
  return { kind: 'atom', atom: a, negated: true };
}

/** A comparison literal: `compare(X, '<', 3)`. */
export function compare(left: Term | Value, op: CompareOp, right: Term | Value): Literal {
  return { kind: 'compare', op, left: toTerm(left), right: toTerm(right) };
}

/** `N = count : { atoms }` in a rule body. */
export function count(result: Term | Value, ...body: Atom[]): Literal {
  return { kind: 'count', result: toTerm(result), body };
}

/** `head :- body...`; a bare atom in the body is a positive literal. */
export function rule(head: Atom, ...body: Array<Atom | Literal>): Rule {
  return {
    head,
    body: body.map((b) => ('predicate' in b ? { kind: 'atom', atom: b, negated: false } : b)),
  };
}

/** A program in the text syntax; interpolated values become quoted constants. */
export function datalog(strings: TemplateStringsArray, ...values: Value[]): Program {
  let text = strings[0]!;
  values.forEach((val, i) => {
    text += formatValue(val) + strings[i + 1]!;
  });
  return parseProgram(text);
}

/** A value as the parser reads it back: identifiers bare, other strings quoted. */
export function formatValue(val: Value): string {
  if (typeof val === 'number') return String(val);
  return /^[a-z][A-Za-z0-9_]*$/.test(val) && val !== 'not' ? val : JSON.stringify(val);
}

export function formatTerm(t: Term): string {
  if (t.kind === 'var') return t.name.startsWith('_#') ? '_' : t.name;
  return formatValue(t.value);
}

export function formatAtom(a: Atom): string {
  return a.args.length === 0 ? a.predicate : `${a.predicate}(${a.args.map(formatTerm).join(', ')})`;
}

export function formatLiteral(l: Literal): string {
  if (l.kind === 'atom') return `${l.negated ? 'not ' : ''}${formatAtom(l.atom)}`;
  if (l.kind === 'count')
    return `${formatTerm(l.result)} = count : { ${l.body.map(formatAtom).join(', ')} }`;
  return `${formatTerm(l.left)} ${l.op} ${formatTerm(l.right)}`;
}

export function formatRule(r: Rule): string {
  return `${formatAtom(r.head)} :- ${r.body.map(formatLiteral).join(', ')}.`;
}

/** Every term of a literal (for a count: its result and the atoms inside the braces). */
export function literalTerms(l: Literal): Term[] {
  if (l.kind === 'atom') return l.atom.args;
  if (l.kind === 'compare') return [l.left, l.right];
  return [l.result, ...l.body.flatMap((a) => a.args)];
}

/** Variables of a count's braces that also occur elsewhere in the rule: its inputs. */
export function countInputs(
  l: Literal & { kind: 'count' },
  rule: { head: Atom; body: readonly Literal[] },
): string[] {
  const outside = new Set<string>();
  for (const t of rule.head.args) if (t.kind === 'var') outside.add(t.name);
  for (const o of rule.body)
    if (o !== l) for (const t of literalTerms(o)) if (t.kind === 'var') outside.add(t.name);
  if (l.result.kind === 'var') outside.delete(l.result.name);
  const inside = new Set(
    l.body.flatMap((a) => a.args.flatMap((t) => (t.kind === 'var' ? [t.name] : []))),
  );
  return [...inside].filter((n) => outside.has(n));
}

/** Values of a ground atom; throws if it has a variable. */
export function groundValues(a: Atom): Value[] {
  return a.args.map((t) => {
    if (t.kind === 'var') throw new TypeError(`${formatAtom(a)} is not ground`);
    return t.value;
  });
}
