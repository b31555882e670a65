/** Agents: typed tools, handoffs, structured output, guardrails and the run loop. */
export { agent, handoffToolName } from './agent.js';
export type { AgentOptions, OutputOf } from './agent.js';
export { tool, toJsonSchema } from './tool.js';
export type { ToolOptions } from './tool.js';
export { run, nextStep, DEFAULT_MAX_TURNS } from './run.js';
export type { NextStep } from './run.js';
export { memorySession } from './session.js';
export { MaxTurnsExceededError, GuardrailTripwireError, NoModelError } from './errors.js';
export type {
  Agent,
  ApprovalRequest,
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
