/**
 * Teams on missions: a goal, a team of agents with planning tools, facts and rules;
 * the team plans, splits the plan by capability, runs independent steps in parallel,
 * observes, and re-plans. See docs/team.md.
 */
export { planningTool } from './types.js';
export type { Mission, PlanningTool, TeamAgent, ToolContext, ToolOutcome, World } from './types.js';
export { GoalError, MissionError, RunLogError } from './errors.js';

// Missions: loading, defining, checking goals.
export { parseGoal } from './mission/goal.js';
export { loadMission, listExampleMissions, goalOf } from './mission/loader.js';
export { defineMission, missionFromPddl } from './mission/define.js';
export type { MissionSpec } from './mission/define.js';
export { translateGoal } from './mission/nl-goal.js';
export type { GoalTranslation } from './mission/nl-goal.js';
export {
  teamFromAgents,
  planningToolFromAgentTool,
  planningSignatureOf,
} from './mission/agents.js';
export type { PlanningSignature } from './mission/agents.js';

// The run log: events (schemas and types), the port a store implements, reading.
export {
  EVENT_KINDS,
  RUN_EVENT_TYPES,
  PlannedStepSchema,
  RunEventSchema,
  ToolModelSchema,
  WorkProductSchema,
} from './log/events.js';
export type {
  EventData,
  PlannedStep,
  RunEvent,
  RunEventBody,
  RunEventOf,
  RunEventType,
  ToolModel,
  WorkProduct,
} from './log/events.js';
export {
  ApprovalRequestSchema,
  MissionInfoSchema,
  RunDetailSchema,
  RunInfoSchema,
  RunsPageSchema,
  RunStatusSchema,
} from './log/views.js';
export type {
  ApprovalDecision,
  ApprovalRequest,
  MissionInfo,
  RunDetail,
  RunInfo,
  RunsPage,
  RunStatus,
  RunSummary,
} from './log/views.js';
export { LeaseLostError } from './log/port.js';
export type {
  ApprovalRecord,
  LoggedEvent,
  NewEvent,
  NewRun,
  RunLease,
  RunLog,
  RunRecord,
  RunPage,
  StepLease,
  StepQueue,
  StepResult,
  StepTask,
  ClaimedStep,
} from './log/port.js';
/** The run log a run is given (the name from before the port: `openRunStore()` returns one). */
export type { RunLog as RunStore } from './log/port.js';
export { findEvent, parseEvent, readEvents, readProducts, subscribe } from './log/codec.js';
export {
  ASK_TEAMMATE,
  SIMULATED_NOTE,
  StepReportSchema,
  checkReport,
  renderInstruction,
} from './work/index.js';
export type { StepReport, WorkOptions } from './work/index.js';

// Running: the pipeline's pieces usable alone, starting and resuming runs.
export { deorder } from './run/deorder.js';
export type { OrderedStep } from './run/deorder.js';
export { allocate } from './run/allocate.js';
export { startRun, resumeRun, approveStep } from './run/start.js';
export type { StartRunOptions, RunHandle } from './run/start.js';
export { queueRun, driveRun } from './run/drive.js';
export { runWorker } from './run/worker.js';
export type { WorkerOptions } from './run/worker.js';
export type { LoopOptions } from './run/context.js';
// Model usage and budgets (usage.recorded, budget.set, budget.exceeded).
export { recordUsage } from './run/record-usage.js';
export { usageFromEvents, BudgetExceededError } from './run/usage.js';
export type { ModelPrice, ModelPrices, UsageCall, UsageTotals } from './run/usage.js';
export { checkBudget } from './run/budget.js';
export { RunBudgetSchema, USAGE_EVENT_KINDS } from './log/usage-events.js';
export type { RunBudget } from './log/usage-events.js';
export { runUsage, usageLines, formatUsage } from './explain/usage.js';
export type { RunUsage, UsageSum } from './explain/usage.js';

// Inspecting and explaining runs.
export {
  listRuns,
  listRunsPage,
  runInfo,
  MAX_PAGE_SIZE,
  getRun,
  explainStep,
} from './explain/inspect.js';
export { describeEvent, describePlan, markdownReport, summaryLines } from './explain/report.js';

// Learning from runs: their successful steps as trajectories.
export { runTrajectory, missionTrajectories, missionObservations } from './observations.js';
export type { MissionObservations } from './observations.js';
export type { SkippedStep } from './observation-fit.js';
export {
  chooseToolModels,
  fullVocabulary,
  missionModel,
  MissionModelSchema,
  modelSourceText,
  toolModelLines,
  ToolModelViewSchema,
} from './learning/index.js';
export type { MissionModel, ToolModelView } from './learning/index.js';

// Talking to a team: an assistant acting through the planner, the reasoner and the run log.
export {
  isRunRequest,
  notUnderstoodWithoutModel,
  teamAssistant,
  teamInstructions,
} from './chat/assistant.js';
export { teamChatTools } from './chat/tools.js';
export type { TeamChatSettings } from './chat/tools.js';
export { previewPlan } from './chat/preview.js';
export type { PlanPreview } from './chat/preview.js';
export { explainFactOf } from './chat/why.js';
export type { FactExplanation } from './chat/why.js';
