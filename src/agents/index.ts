/** Agents: typed tools, handoffs, structured output, guardrails and the run loop. */
export { agent, handoffToolName } from './agent.js';
export type { AgentOptions, OutputOf } from './agent.js';
export { tool, toJsonSchema } from './tool.js';
export type { ToolOptions } from './tool.js';
export { run, DEFAULT_MAX_TURNS } from './run.js';
export type { RunInput } from './run.js';
export { CONTINUE_PROMPT } from './turn.js';
export { readRunState, AGENT_RUN_STATE_VERSION } from './run-state.js';
export type { AgentRunState } from './run-state.js';
export { memorySession } from './session.js';
export {
  MaxTurnsExceededError,
  GuardrailTripwireError,
  NoModelError,
  ToolTimeoutError,
} from './errors.js';
export { stringifyResult, formatIssues } from './tool-calls.js';
export type {
  Agent,
  ApprovalDecision,
  ApprovalPolicy,
  ApprovalRequest,
  CallDecision,
  InterruptedRun,
  OpenToolSource,
  PendingApproval,
  ResumeInput,
  ToolSource,
  GuardrailVerdict,
  InputGuardrail,
  OutputGuardrail,
  RunEvent,
  RunOptions,
  RunResult,
  Session,
  StreamedRun,
  Tool,
  ToolContext,
} from './types.js';
export { builtinTools, calculateTool, currentTimeTool, evaluate } from './builtin-tools.js';
export { inSpan, modelCallSpan, toolCallSpan, recordResponse, TRACER_NAME } from './trace.js';
