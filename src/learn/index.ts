/**
 * Action models learned from observed executions, safe by construction (SAM: Juba, Le
 * and Stern, KR 2021): a plan made with the learned model is executable in the world
 * that produced the observations. See docs/learn.md.
 *
 *   const trajectories = files.map((f) => parseTrajectory(read(f), vocabulary, f));
 *   const result = learnFromTrajectories(vocabulary, trajectories);
 *   writeFileSync('learned.pddl', formatLearnedDomain(result));
 */
export type * from './types.js';
export { LearnError } from './errors.js';
export { learnFromTrajectories } from './learn.js';
export type { LearnOptions } from './learn.js';
export { parseTrajectory } from './trajectory.js';
export {
  actionsLeftOut,
  constantsInActions,
  formatLearnedDomain,
  learnedDomain,
  UNOBSERVED_MARKER,
  vocabularyOf,
} from './model.js';
export { observableEffects, syntacticScores } from './metrics.js';
export type { Scores } from './metrics.js';
export { compareWithDeclared } from './compare.js';
export type { Contradiction, ContradictionKind } from './compare.js';
