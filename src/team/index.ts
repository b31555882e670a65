/**
 * Teams on missions: a goal, a team of agents with planning tools, facts and rules;
 * the team plans, splits the plan by capability, runs independent steps in parallel,
 * observes, and re-plans. See docs/team.md.
 */
export { planningTool } from './types.js';
export type { Mission, PlanningTool, TeamAgent, ToolContext, ToolOutcome, World } from './types.js';
export type {
  ApprovalDecision,
  ApprovalRequest,
  PlannedStep,
  RunEvent,
  RunEventType,
  RunStatus,
  RunSummary,
} from './events.js';
export { GoalError, MissionError } from './errors.js';
export { parseGoal } from './goal.js';
export { loadMission, listExampleMissions, goalOf } from './loader.js';
export { defineMission, missionFromPddl } from './define.js';
export type { MissionSpec } from './define.js';
export { deorder } from './deorder.js';
export type { OrderedStep } from './deorder.js';
export { allocate } from './allocate.js';
export { startRun, resumeRun, approveStep } from './run.js';
export type { StartRunOptions, RunHandle } from './run.js';
export {
  listRuns,
  listRunsPage,
  runInfo,
  MAX_PAGE_SIZE,
  getRun,
  readEvents,
  subscribe,
  explainStep,
} from './inspect.js';
export type { RunInfo, RunDetail, RunsPage } from './inspect.js';
export type { LoopOptions } from './loop.js';
export { openRunStore } from '../store/runs.js';
export type { RunStore, OpenRunStoreOptions } from '../store/runs.js';
export { translateGoal } from './nl-goal.js';
export type { GoalTranslation } from './nl-goal.js';
export { describeEvent, describePlan, markdownReport, summaryLines } from './report.js';
export { teamFromAgents, planningToolFromAgentTool, planningSignatureOf } from './agents.js';
export type { PlanningSignature } from './agents.js';
export { runTrajectory, missionTrajectories } from './observations.js';
