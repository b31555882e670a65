/**
 * The data of action-model learning: observed transitions in, lifted models out.
 * Facts are "pred a b" keys (the validator's form); lifted atoms use the action's
 * parameter names (`?x`) and the vocabulary's constants.
 */
import type { SourceLocation } from '../errors.js';
import type { Atom, Domain, TypedName } from '../pddl/ast.js';

/** One observed execution of an action: the full state before and after it. */
export interface Transition {
  action: string;
  args: string[];
  /** Every fact true before the action (closed world: any other fact is false). */
  before: ReadonlySet<string>;
  /** Every fact true after it. */
  after: ReadonlySet<string>;
  /** How messages name this step: "traj1:12:3 (step 5)" or "run r1 step s3". */
  label: string;
  /** Where the action was read, when it comes from a file. */
  loc?: SourceLocation;
}

/** A sequence of observed transitions with the objects they mention. */
export interface Trajectory {
  /** The file or run it came from. */
  source: string;
  /** The objects (the vocabulary's constants need not be listed). */
  objects: TypedName[];
  transitions: Transition[];
}

/** A lifted literal: `(on ?x ?y)`, `(not (clear ?y))`, `(= ?a ?b)`. */
export interface Literal {
  atom: Atom;
  positive: boolean;
}

/**
 * A disjunctive precondition, as alternatives each a conjunction of literals:
 * `(or (not (p ?x)) (= ?x ?y) (not (= ?x ?z)))`. Safety needs one where two parameters
 * bound to the same object make atoms one fact and the observations do not determine
 * what happens to it (see docs/learn.md).
 */
export type Guard = Literal[][];

export type LearnedStatus =
  /** Observed, and its model is safe: the planner may use it. */
  | 'learned'
  /** Never observed: left out of the learned domain, the planner cannot use it. */
  | 'unobserved'
  /** Observed, but the observations do not determine its effects safely: left out too. */
  | 'ambiguous';

/** The model SAM learned for one action of the vocabulary. */
export interface LearnedAction {
  name: string;
  params: TypedName[];
  status: LearnedStatus;
  /** Transitions of this action that were used. */
  observations: number;
  /** Literals that held in every observed pre-state (plus the equalities and inequalities safety needs). */
  precondition: Literal[];
  /** Disjunctive preconditions that keep the model safe where the observations were ambiguous. */
  guards: Guard[];
  add: Atom[];
  del: Atom[];
  /** Why the model has an extra precondition, or why the action is ambiguous. */
  notes: string[];
}

export interface LearnResult {
  /** The learned domain: the vocabulary with the learned actions (the others left out). */
  domain: Domain;
  /** One per vocabulary action, in its order. */
  actions: LearnedAction[];
  trajectories: number;
  transitions: number;
  learningMs: number;
}
