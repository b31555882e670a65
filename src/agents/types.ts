/**
 * The public shapes of agents, tools, runs and their events. Plain data: `agent()` and
 * `tool()` only fill defaults and derive the JSON Schema; the run loop reads these.
 */
import type { z } from 'zod';
import type {
  AssistantMessage,
  FinishReason,
  JsonSchema,
  Message,
  Model,
  ModelSettings,
  Usage,
} from '../models/types.js';
import type { AgentRunState, PendingApproval } from './run-state.js';

export type { PendingApproval };

/** What a tool's `execute` receives besides its validated input. */
export interface ToolContext {
  /** The agent that called the tool. */
  agent: Agent<unknown>;
  /** The id the model gave this call. */
  toolCallId: string;
  /** Aborted when the run is cancelled or the call's time limit (`timeoutMs`) passes. */
  signal: AbortSignal;
  /** The value passed as `run(..., { context })`, untouched. */
  context: unknown;
}

/**
 * A typed function the model may call. `input` validates the arguments before `execute`
 * runs; `parameters` is its JSON Schema as the model sees it. `metadata` is free for
 * other capabilities (the team runtime attaches planning signatures there).
 */
export interface Tool<TInput = unknown, TResult = unknown> {
  readonly name: string;
  readonly description: string;
  readonly input: z.ZodType<TInput>;
  readonly parameters: JsonSchema;
  execute(input: TInput, ctx: ToolContext): TResult | Promise<TResult>;
  /** When present and true for a call, the run asks `RunOptions.approve` first. */
  needsApproval?(input: TInput, ctx: ToolContext): boolean | Promise<boolean>;
  /** Longest a call may run, in ms; then it fails with a timeout error the model reads. */
  readonly timeoutMs?: number;
  readonly metadata?: Record<string, unknown>;
}

/**
 * Tools that come from elsewhere and are known only when a run starts (an MCP server:
 * `mcpServer(...)` in src/mcp). A run opens each source the first time one of its agents
 * needs it, lists its tools once, and closes it when the run ends, however it ends.
 */
export interface ToolSource {
  /** Names the source in errors, e.g. `mcp:filesystem`. */
  readonly name: string;
  open(options: { signal: AbortSignal }): Promise<OpenToolSource>;
}

/** A source opened for one run. */
export interface OpenToolSource {
  readonly tools: readonly Tool[];
  /** Releases what the source holds (stops a server process); must not throw. */
  close(): Promise<void>;
}

/** A guardrail's verdict: pass (nothing / `{ stop: false }`) or stop the run with a reason. */
export type GuardrailVerdict = { stop: false } | { stop: true; reason: string } | undefined | void;

export interface InputGuardrail {
  readonly name: string;
  check(args: {
    input: string;
    agent: Agent<unknown>;
    context: unknown;
  }): GuardrailVerdict | Promise<GuardrailVerdict>;
}

export interface OutputGuardrail {
  readonly name: string;
  check(args: {
    output: unknown;
    text: string;
    agent: Agent<unknown>;
    context: unknown;
  }): GuardrailVerdict | Promise<GuardrailVerdict>;
}

/**
 * An assistant: instructions, an optional model (else the run's), tools, agents it may
 * hand the conversation to (exposed to the model as `transfer_to_<name>` tools), and an
 * optional zod schema its final answer must match.
 */
export interface Agent<TOutput = string> {
  readonly name: string;
  readonly instructions: string | ((ctx: { agent: Agent<unknown>; context: unknown }) => string);
  /** Shown to the model in the `transfer_to_<name>` tool of agents that hand off to this one. */
  readonly handoffDescription: string;
  readonly model: Model | undefined;
  readonly modelSettings: ModelSettings | undefined;
  readonly tools: readonly Tool[];
  /** Tools listed when a run starts (MCP servers); opened lazily, closed when the run ends. */
  readonly toolSources: readonly ToolSource[];
  /**
   * Mutable so that two agents may hand off to each other (`a.handoffs.push(b)`). A run
   * may end on any of them, so each one's output must fit this agent's `TOutput`.
   */
  readonly handoffs: Agent<TOutput>[];
  readonly output: z.ZodType<TOutput> | undefined;
  readonly inputGuardrails: readonly InputGuardrail[];
  readonly outputGuardrails: readonly OutputGuardrail[];
}

/** A request to approve a tool call (see `Tool.needsApproval`). */
export interface ApprovalRequest {
  agent: Agent<unknown>;
  tool: Tool;
  toolCallId: string;
  input: unknown;
}

/** A person's (or a policy's) answer to an approval request. */
export interface ApprovalDecision {
  approved: boolean;
  /** Told to the model when the call is rejected. */
  reason?: string;
}

/**
 * How tool calls that need approval are decided: a function answering each request, or
 * `'interrupt'` to pause the run — `run()` then returns an `InterruptedRun` whose state is
 * resumed later with the decisions.
 */
export type ApprovalPolicy =
  | ((request: ApprovalRequest) => boolean | ApprovalDecision | Promise<boolean | ApprovalDecision>)
  | 'interrupt';

/** A decision for one pending call, given when resuming. */
export interface CallDecision extends ApprovalDecision {
  callId: string;
}

/** Continue an interrupted run: its state (as returned, or read back from storage) and the decisions. */
export interface ResumeInput {
  state: AgentRunState;
  decisions: readonly CallDecision[];
}

/** The events of a run, in order. Streaming yields them live; `run()` returns them all. */
export type RunEvent =
  | { type: 'agent-start'; agent: string; turn: number }
  | { type: 'text-delta'; agent: string; text: string }
  /** Reasoning text as it streams (kept apart from the answer). */
  | { type: 'reasoning-delta'; agent: string; text: string }
  /** A turn's whole reasoning text, when the model sent any (streamed or not). */
  | { type: 'reasoning'; agent: string; text: string }
  | {
      type: 'message';
      agent: string;
      message: AssistantMessage;
      usage?: Usage;
      finishReason: FinishReason;
    }
  | { type: 'tool-call'; agent: string; callId: string; name: string; arguments: string }
  | {
      type: 'tool-result';
      agent: string;
      callId: string;
      name: string;
      output: string;
      isError: boolean;
    }
  | { type: 'handoff'; from: string; to: string }
  | { type: 'final'; agent: string; output: unknown; text: string; finishReason: FinishReason }
  /** The run paused: these calls wait for a decision (`approve: 'interrupt'`). */
  | { type: 'interrupted'; agent: string; pending: PendingApproval[] }
  | { type: 'error'; error: Error };

/** Where a conversation lives between runs. Append-only. */
export interface Session {
  readonly id: string;
  load(): Message[] | Promise<Message[]>;
  append(messages: readonly Message[]): void | Promise<void>;
}

export interface RunOptions {
  /** Continue (and extend) this conversation. */
  session?: Session;
  /** Cancels the run: the model request and running tools see it. */
  signal?: AbortSignal;
  /** Model calls allowed before `MaxTurnsExceededError` (default 10). */
  maxTurns?: number;
  /** Used by agents that have no model of their own (else the model of the agent that handed off). */
  model?: Model;
  /** Passed to tools and guardrails as `context`. */
  context?: unknown;
  /** Extra guardrails for this run, checked after the agent's own. */
  inputGuardrails?: readonly InputGuardrail[];
  outputGuardrails?: readonly OutputGuardrail[];
  /**
   * Decides tool calls that need approval: a function, or `'interrupt'` to pause the run
   * and return its state. Without it those calls are declined and the model is told.
   */
  approve?: ApprovalPolicy;
  /** Time limit of every tool call, in ms, unless the tool sets its own `timeoutMs`. */
  toolTimeoutMs?: number;
  /**
   * An answer cut at the token limit (`finish_reason: length`): `'fail'` (default) rejects
   * with `ModelTruncatedError`; `'return'` ends the run with it (`finishReason: 'length'`);
   * `'continue'` asks the model to go on and joins the parts (each part is a turn).
   */
  onLength?: 'fail' | 'return' | 'continue';
  /**
   * Called with each event as it happens, streamed or not: e.g. to count each model call's
   * usage while the run goes on. Keep it quick; it must not throw.
   */
  onEvent?: (event: RunEvent) => void;
}

export interface RunResult<TOutput = string> {
  status: 'completed';
  /**
   * The final agent's answer: its `output` schema's value, or the text. Typed by the
   * starting agent, whose output type includes those of the agents it hands off to.
   */
  finalOutput: TOutput;
  /** The final answer's raw text. */
  text: string;
  lastAgent: Agent<unknown>;
  /** Messages this run added (user input included). */
  newMessages: Message[];
  /** The whole conversation: session history + new messages. */
  history: Message[];
  events: RunEvent[];
  usage: Usage;
  turns: number;
  /** How the final answer ended: `stop`, or `length` when returned truncated (`onLength: 'return'`). */
  finishReason: FinishReason;
}

/**
 * A run paused on tool calls that need a decision (`approve: 'interrupt'`). `state` is
 * plain JSON, versioned: store it (`sqliteSessions(db).saveState`), and resume later with
 * `run(agent, { state, decisions }, options)`.
 */
export interface InterruptedRun {
  status: 'interrupted';
  pending: PendingApproval[];
  state: AgentRunState;
  lastAgent: Agent<unknown>;
  newMessages: Message[];
  history: Message[];
  events: RunEvent[];
  usage: Usage;
  turns: number;
}

/**
 * A streamed run: iterate it for events; `result` settles when the run ends. Leaving
 * the iteration early (`break`) cancels the run: the model request is aborted, no
 * further tool starts, and `result` rejects with an `AbortError`.
 */
export interface StreamedRun<
  TOutput = string,
  TResult = RunResult<TOutput>,
> extends AsyncIterable<RunEvent> {
  readonly result: Promise<TResult>;
}
