/**
 * The Datalog language as plain data: terms, atoms, literals, rules, programs.
 * Values are `string | number` (integers); a variable is `{ kind: 'var', name }`.
 */
import type { SourceLocation } from '../errors.js';

/** A constant: a symbol or quoted string, or an integer. */
export type Value = string | number;

export interface Variable {
  kind: 'var';
  name: string;
  /** Where the parser read it (for error messages). */
  loc?: SourceLocation;
}

export interface Constant {
  kind: 'const';
  value: Value;
}

export type Term = Variable | Constant;

/** `predicate(arg, ...)`. A fact is an atom whose arguments are all constants. */
export interface Atom {
  predicate: string;
  args: Term[];
  loc?: SourceLocation;
}

export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=';

/** A body literal: a positive or negated atom, or a comparison between two terms. */
export type Literal =
  | { kind: 'atom'; atom: Atom; negated: boolean; loc?: SourceLocation }
  | { kind: 'compare'; op: CompareOp; left: Term; right: Term; loc?: SourceLocation }
  /**
   * `N = count : { p(X, Y), q(Y) }`: the number of distinct assignments of the variables
   * local to the braces (variables also used outside are inputs, bound elsewhere).
   */
  | { kind: 'count'; result: Term; body: Atom[]; loc?: SourceLocation };

/** `head :- body.` */
export interface Rule {
  head: Atom;
  body: Literal[];
  loc?: SourceLocation;
}

/** A program: base facts and rules. */
export interface Program {
  facts: Atom[];
  rules: Rule[];
}

/** Variable name -> value, one per solution of a query. */
export type Bindings = Record<string, Value>;
