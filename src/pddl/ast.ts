/**
 * The PDDL abstract syntax shared by the parser, the planner, the validator and the
 * team runtime (which builds domains from tools' planning signatures).
 *
 * Conventions: every name is lower-case (PDDL is case-insensitive); a term is a plain
 * string, and a variable is a term that starts with `?`. Locations are optional
 * because domains built in code have none.
 */
import type { SourceLocation } from '../errors.js';

export type { SourceLocation };

/** A typed parameter, object or constant: `?x - (either truck plane)` has types ['truck', 'plane']. */
export interface TypedName {
  name: string;
  /** One type, or several for `either`. Untyped names have ['object']. */
  types: string[];
  loc?: SourceLocation;
}

export interface TypeDecl {
  name: string;
  /** Supertypes (more than one when declared with `either`); ['object'] at the top. */
  parents: string[];
  loc?: SourceLocation;
}

export interface PredicateDecl {
  name: string;
  params: TypedName[];
  loc?: SourceLocation;
}

/** A numeric function such as `(total-cost)` or `(road-length ?from ?to)`. */
export interface FunctionDecl {
  name: string;
  params: TypedName[];
  loc?: SourceLocation;
}

/** `(pred a ?x)`; equality is the predicate `=`. */
export interface Atom {
  predicate: string;
  args: string[];
  loc?: SourceLocation;
}

/** `(road-length ?from ?to)` used as a number. */
export interface FunctionTerm {
  name: string;
  args: string[];
  loc?: SourceLocation;
}

/** Numbers in action costs: a constant or a (static) function term. */
export type NumericExpr =
  { kind: 'number'; value: number } | { kind: 'function'; term: FunctionTerm };

export type Condition =
  | { kind: 'atom'; atom: Atom }
  | { kind: 'not'; arg: Condition }
  | { kind: 'and'; args: Condition[] }
  | { kind: 'or'; args: Condition[] }
  | { kind: 'imply'; if: Condition; then: Condition }
  | { kind: 'exists'; params: TypedName[]; body: Condition }
  | { kind: 'forall'; params: TypedName[]; body: Condition };

export type Effect =
  | { kind: 'and'; args: Effect[] }
  | { kind: 'add'; atom: Atom }
  | { kind: 'delete'; atom: Atom }
  | { kind: 'forall'; params: TypedName[]; body: Effect }
  | { kind: 'when'; condition: Condition; body: Effect }
  /** `(increase (total-cost) N)`: action costs. */
  | { kind: 'increase'; target: FunctionTerm; amount: NumericExpr };

export interface ActionDef {
  name: string;
  params: TypedName[];
  /** `undefined` when the action has no precondition. */
  precondition: Condition | undefined;
  effect: Effect;
  loc?: SourceLocation;
}

/** `(:derived (pred ?x) condition)` */
export interface DerivedDef {
  head: PredicateDecl;
  body: Condition;
  loc?: SourceLocation;
}

export interface Domain {
  name: string;
  requirements: string[];
  types: TypeDecl[];
  constants: TypedName[];
  predicates: PredicateDecl[];
  functions: FunctionDecl[];
  actions: ActionDef[];
  derived: DerivedDef[];
  /** The file the domain came from, if any, for error messages. */
  file?: string;
}

/** `(= (road-length a b) 10)` in `:init`. */
export interface NumericFact {
  term: FunctionTerm;
  value: number;
}

export interface Metric {
  direction: 'minimize' | 'maximize';
  expr: NumericExpr;
}

export interface Problem {
  name: string;
  domain: string;
  requirements: string[];
  objects: TypedName[];
  /** Ground atoms true in the initial state (closed world: every other atom is false). */
  init: Atom[];
  numericInit: NumericFact[];
  goal: Condition;
  metric?: Metric;
  file?: string;
}

/** One step of a plan: `(move a b)` is { action: 'move', args: ['a', 'b'] }. */
export interface PlanStep {
  action: string;
  args: string[];
  loc?: SourceLocation;
}
