/** Errors that end a run, each saying why. */
import { UserError } from '../errors.js';

/** The run used all its turns without a final answer. */
export class MaxTurnsExceededError extends Error {
  readonly maxTurns: number;
  constructor(maxTurns: number) {
    super(`the run reached maxTurns (${maxTurns}) without a final answer`);
    this.name = 'MaxTurnsExceededError';
    this.maxTurns = maxTurns;
  }
}

/** A guardrail stopped the run. */
export class GuardrailTripwireError extends Error {
  readonly guardrail: string;
  readonly kind: 'input' | 'output';
  readonly reason: string;
  constructor(kind: 'input' | 'output', guardrail: string, reason: string) {
    super(`${kind} guardrail ${guardrail} stopped the run: ${reason}`);
    this.name = 'GuardrailTripwireError';
    this.guardrail = guardrail;
    this.kind = kind;
    this.reason = reason;
  }
}

/** No model on the agent nor in the run options. */
export class NoModelError extends UserError {
  constructor(agentName: string) {
    super(`agent ${agentName} has no model and the run was given none`, {
      code: 'AGENT_NO_MODEL',
      hint: 'pass agent({ model }) or run(agent, input, { model }); from the environment: modelFromEnv()',
    });
    this.name = 'NoModelError';
  }
}

/** The error a cancelled run rejects with: the signal's reason, or an AbortError. */
export function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return reason;
  return new DOMException(
    typeof reason === 'string' ? reason : 'the run was cancelled',
    'AbortError',
  );
}

/** A tool call ran past its time limit (`tool({ timeoutMs })` or `RunOptions.toolTimeoutMs`). */
export class ToolTimeoutError extends Error {
  readonly tool: string;
  readonly timeoutMs: number;
  constructor(tool: string, timeoutMs: number) {
    super(
      `${tool} timed out after ${timeoutMs} ms (its time limit); it was cancelled and did not return a result`,
    );
    this.name = 'ToolTimeoutError';
    this.tool = tool;
    this.timeoutMs = timeoutMs;
  }
}
