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
export { parseGoal } from './mission/goal.js';
export { loadMission, listExampleMissions, goalOf } from './mission/loader.js';
export { defineMission, missionFromPddl } from './mission/define.js';
export type { MissionSpec } from './mission/define.js';
export { deorder } from './run/deorder.js';
export type { OrderedStep } from './run/deorder.js';
export { allocate } from './run/allocate.js';
export {
  startRun,
  resumeRun,
  approveStep,
  listRuns,
  getRun,
  readEvents,
  subscribe,
  explainStep,
} from './run/start.js';
export type { StartRunOptions, RunHandle, RunInfo, RunDetail } from './run/start.js';
export type { LoopOptions } from './run/loop.js';
export { openRunStore } from '../store/runs.js';
export type { RunStore } from '../store/runs.js';
export { translateGoal } from './mission/nl-goal.js';
export type { GoalTranslation } from './mission/nl-goal.js';
export { describeEvent, describePlan, markdownReport, summaryLines } from './explain/report.js';
export { teamFromAgents, planningToolFromAgentTool, planningSignatureOf } from './mission/agents.js';
export type { PlanningSignature } from './mission/agents.js';
