/**
 * Tools whose model is learned from the mission's runs (docs/learn.md, "In missions"):
 * choosing each tool's model before a planning, a model's unverified proposals, and the
 * declared-versus-learned view the CLI and the web UI show.
 */
export { bootstrapProposals, chooseToolModels, effectText, fullVocabulary } from './choose.js';
export type { ChosenModels, Proposal } from './choose.js';
export { parseProposal, proposeToolModel } from './proposal.js';
export { modelSourceText, toolModelLines } from './describe.js';
export { missionModel } from './view.js';
export { MissionModelSchema, ToolModelViewSchema } from './view-schema.js';
export type { MissionModel, ToolModelView } from './view-schema.js';
