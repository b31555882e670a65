/**
 * Atelier's public API. Each capability's index.ts is its public face; this file
 * re-exports them.
 */
export { UserError, formatUserError, formatLocation } from './errors.js';
export type { SourceLocation } from './errors.js';
export * from './pddl/index.js';
export * from './planner/index.js';
// A namespace: the reasoner's names (Atom, Rule, formatAtom...) overlap with PDDL's.
export * as logic from './logic/index.js';
export * from './models/index.js';
export * from './agents/index.js';
export * from './mcp/index.js';
// A namespace: run and tool names (RunEvent, ToolContext, ApprovalRequest) overlap with the agents'.
export * as team from './team/index.js';
// A namespace: action-model learning (SAM), see docs/learn.md.
export * as learn from './learn/index.js';
export { validate } from './planner/validator/index.js';
export type { ValidationResult, ValidationFailureReason } from './planner/validator/index.js';
export * from './store/index.js';
export { createApp, startServer, agentTarget } from './server/index.js';
export type { ChatTarget } from './server/index.js';
