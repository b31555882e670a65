/**
 * PDDL: parse domains, problems and plans (with file:line:col errors), print plans.
 * Names are lower-cased; see ast.ts for the shared syntax tree.
 */
export type * from './ast.js';
export { PddlError } from './errors.js';
export { parseDomain } from './domain.js';
export { parseProblem } from './problem.js';
export { parsePlan, formatPlan } from './plan.js';
export { loadDomainFile, loadProblemFile, loadPlanFile } from './load.js';
export { formatAtom, formatCondition } from './format.js';
export { buildTypeTable } from './types.js';
export type { TypeTable } from './types.js';
export { SUPPORTED_REQUIREMENTS } from './requirements.js';
export { stratifyDerived } from './strata.js';
export { readSExprs, showSExpr } from './sexpr.js';
export type { SExpr, SList, SSymbol } from './sexpr.js';
