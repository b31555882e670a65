/**
 * Logic: a Datalog engine with stratified negation, comparisons, semi-naive and
 * incremental (DRed) evaluation, queries and proofs; plus the ground fixpoint the
 * planner uses for PDDL derived predicates. See docs/reasoner.md.
 */
export type {
  Atom,
  Bindings,
  CompareOp,
  Constant,
  Literal,
  Program,
  Rule,
  Term,
  Value,
  Variable,
} from './types.js';
export { LogicError } from './errors.js';
export { parseProgram, parseAtom, parseBody } from './parse.js';
export { FactTable, ProgramLoader, loadProgram } from './load.js';
export type { LoadedProgram } from './load.js';
export {
  atom,
  compare,
  count,
  datalog,
  fact,
  formatAtom,
  formatLiteral,
  formatRule,
  formatTerm,
  formatValue,
  not,
  rule,
  v,
  variable,
} from './build.js';
export { checkProgram } from './check.js';
export type { CheckedProgram } from './check.js';
export { createReasoner, sortFacts } from './reasoner.js';
export { ChunkPool } from './fact-text.js';
export type {
  Changes,
  EvaluationStats,
  EvaluationStrategy,
  Reasoner,
  ReasonerOptions,
} from './reasoner.js';
export { PROOF_INDENT_LIMIT, formatProof, formatWhyNot, proofToJson } from './proof-format.js';
export type { Proof, RuleFailure, WhyNot } from './explain.js';
export { naiveModel, modelLines, factLines } from './naive.js';
export { stratify, tarjan } from './scc.js';
export type { DependencyEdge, Stratification } from './scc.js';
export { compileGroundRules, stratifyGroundRules } from './ground-fixpoint.js';
export type { GroundEvaluator, GroundRule } from './ground-fixpoint.js';
