/**
 * One turn of the run loop: call the model, check how its answer ended, then finish the
 * run, run the tools it asked for, hand over, or pause on calls that wait for approval.
 *
 *   model -> (refused? filtered? cut?) -> final | tools -> (pending? pause) -> next turn
 */
import type {
  AssistantMessage,
  FinishReason,
  Message,
  Model,
  ModelRequest,
  ModelResponse,
  ToolMessage,
  Usage,
} from '../models/types.js';
import { addUsage } from '../models/types.js';
import { ModelBehaviorError, ModelRefusalError, ModelTruncatedError } from '../models/errors.js';
import {
  abortError,
  GuardrailTripwireError,
  MaxTurnsExceededError,
  NoModelError,
} from './errors.js';
import type { PreparedAgent } from './prepare.js';
import { AGENT_RUN_STATE_VERSION, type AgentRunState } from './run-state.js';
import { executeToolCalls, formatIssues, type ToolOutcome } from './tool-calls.js';
import { modelCallSpan } from './trace.js';
import type {
  Agent,
  ApprovalDecision,
  GuardrailVerdict,
  InterruptedRun,
  PendingApproval,
  RunEvent,
  RunOptions,
  RunResult,
} from './types.js';

export const DEFAULT_MAX_TURNS = 10;

/** Told to the model when its answer was cut and `onLength` is `'continue'`. */
export const CONTINUE_PROMPT =
  'Your answer was cut off at the token limit. Continue exactly where it stopped, without repeating anything.';

/** What stays the same for a whole run. */
export interface RunContext {
  options: RunOptions;
  signal: AbortSignal;
  emit: (e: RunEvent) => void;
  streaming: boolean;
  events: RunEvent[];
  /** The agent as the model sees it, with its tool sources opened (once per run). */
  prepare(agent: Agent<unknown>): Promise<PreparedAgent>;
}

/** What changes from turn to turn. `messages[0]` is the active agent's system message. */
export interface Progress {
  current: PreparedAgent;
  messages: Message[];
  /** Index of this run's first message in `messages`. */
  firstNew: number;
  usage: Usage;
  turns: number;
  /** Earlier parts of an answer cut at the token limit. */
  carry: string;
  lastModel: Model | undefined;
}

export type Ended = RunResult<unknown> | InterruptedRun;

/** Runs one turn; returns the run's end, or `undefined` to go on. */
export async function turn(p: Progress, ctx: RunContext): Promise<Ended | undefined> {
  const { options, signal, emit } = ctx;
  const maxTurns = options.maxTurns ?? DEFAULT_MAX_TURNS;
  if (p.turns >= maxTurns) throw new MaxTurnsExceededError(maxTurns);
  if (signal.aborted) throw abortError(signal);
  p.turns++;
  const agent = p.current.agent;
  emit({ type: 'agent-start', agent: agent.name, turn: p.turns });
  // An agent without a model uses the run's, else the one the conversation was on.
  const model = agent.model ?? options.model ?? p.lastModel;
  if (!model) throw new NoModelError(agent.name);
  p.lastModel = model;
  p.messages[0] = p.current.system;
  const request: ModelRequest = { messages: p.messages, signal };
  if (p.current.specs) request.tools = p.current.specs;
  if (p.current.output) request.output = p.current.output;
  if (agent.modelSettings) request.settings = agent.modelSettings;

  const response = await callModel(model, request, ctx.streaming, agent.name, emit);
  addUsage(p.usage, response.usage);
  const assistant = checkAnswer(model, agent, response, options, emit);
  const text = response.text ?? '';
  if (response.toolCalls.length === 0) {
    if (response.finishReason === 'length' && options.onLength === 'continue') {
      p.carry += text;
      await record(p, ctx, [assistant, { role: 'user', content: CONTINUE_PROMPT }]);
      return undefined;
    }
    return finish(p, ctx, assistant, p.carry + text, response.finishReason);
  }
  const calls = response.toolCalls.filter((c) => !p.current.handoffs.has(c.name));
  const outcomes = calls.length
    ? await executeToolCalls(agent, p.current.tools, calls, { options, signal }, emit)
    : [];
  return afterTools(p, ctx, assistant, [], outcomes);
}

/**
 * Refusals and filtered answers are errors; a cut answer fails unless `onLength` says
 * otherwise. Emits the reasoning and the message; returns the assistant message.
 */
function checkAnswer(
  model: Model,
  agent: Agent<unknown>,
  response: ModelResponse,
  options: RunOptions,
  emit: (e: RunEvent) => void,
): AssistantMessage {
  if (response.refusal !== undefined)
    throw new ModelRefusalError('refusal', { model: model.name, refusal: response.refusal });
  if (response.finishReason === 'content_filter')
    throw new ModelRefusalError('content_filter', {
      model: model.name,
      ...(response.text ? { partialText: response.text } : {}),
    });
  if (response.reasoning) emit({ type: 'reasoning', agent: agent.name, text: response.reasoning });
  const assistant: AssistantMessage = {
    role: 'assistant',
    content: response.text,
    agent: agent.name,
  };
  if (response.toolCalls.length) assistant.toolCalls = response.toolCalls;
  if (response.reasoning) assistant.reasoning = response.reasoning;
  emit({
    type: 'message',
    agent: agent.name,
    message: assistant,
    ...(response.usage ? { usage: response.usage } : {}),
    finishReason: response.finishReason,
  });
  if (response.finishReason === 'length' && (options.onLength ?? 'fail') === 'fail')
    throw new ModelTruncatedError(response.text ?? '', { agent: agent.name });
  return assistant;
}

/** Pauses on pending calls, else completes the turn (results, handoff) and goes on. */
export async function afterTools(
  p: Progress,
  ctx: RunContext,
  assistant: AssistantMessage,
  earlier: readonly ToolMessage[],
  outcomes: readonly ToolOutcome[],
): Promise<Ended | undefined> {
  const done = [...earlier];
  const pending: PendingApproval[] = [];
  for (const o of outcomes) {
    if (o.kind === 'done') done.push(o.message);
    else pending.push(o.pending);
  }
  if (pending.length) return interrupt(p, ctx, assistant, done, pending);
  const calls = assistant.toolCalls ?? [];
  const handoffCalls = calls.filter((c) => p.current.handoffs.has(c.name));
  const [first, ...rest] = handoffCalls;
  const byId = new Map(done.map((m) => [m.toolCallId, m]));
  if (first)
    byId.set(first.id, {
      role: 'tool',
      toolCallId: first.id,
      content: `Transferred to ${p.current.handoffs.get(first.name)!.name}.`,
    });
  for (const c of rest)
    byId.set(c.id, {
      role: 'tool',
      toolCallId: c.id,
      content: 'Error: only one handoff per turn; this one was ignored.',
    });
  // Tool results keep the order of the calls, as chat-completions servers expect.
  await record(p, ctx, [assistant, ...calls.map((c) => byId.get(c.id)!)]);
  if (first) {
    const to = p.current.handoffs.get(first.name)!;
    ctx.emit({ type: 'handoff', from: p.current.agent.name, to: to.name });
    p.current = await ctx.prepare(to);
  }
  return undefined;
}

/**
 * One turn (the assistant message and its tool results) is stored as a unit, so a
 * session never holds a tool call without its result.
 */
async function record(p: Progress, ctx: RunContext, turnMessages: Message[]): Promise<void> {
  for (const m of turnMessages) p.messages.push(m);
  if (ctx.options.session) await ctx.options.session.append(turnMessages);
}

async function finish(
  p: Progress,
  ctx: RunContext,
  assistant: AssistantMessage,
  text: string,
  finishReason: FinishReason,
): Promise<RunResult<unknown>> {
  const agent = p.current.agent;
  const output = parseOutput(agent, text);
  // Checked before storing, so a stopped answer never enters the session.
  for (const g of [...agent.outputGuardrails, ...(ctx.options.outputGuardrails ?? [])]) {
    const verdict = await g.check({ output, text, agent, context: ctx.options.context });
    checkVerdict('output', g.name, verdict);
  }
  await record(p, ctx, [assistant]);
  ctx.emit({ type: 'final', agent: agent.name, output, text, finishReason });
  return {
    status: 'completed',
    finalOutput: output,
    text,
    lastAgent: agent,
    newMessages: p.messages.slice(p.firstNew),
    history: p.messages.slice(1),
    events: ctx.events,
    usage: p.usage,
    turns: p.turns,
    finishReason,
  };
}

function interrupt(
  p: Progress,
  ctx: RunContext,
  assistant: AssistantMessage,
  done: ToolMessage[],
  pending: PendingApproval[],
): InterruptedRun {
  const agent = p.current.agent;
  const session = ctx.options.session;
  // A JSON round trip: the state holds plain data only, detached from the live run.
  const state = JSON.parse(
    JSON.stringify({
      kind: 'atelier.agent-run',
      version: AGENT_RUN_STATE_VERSION,
      agent: agent.name,
      messages: p.messages.slice(1),
      newFrom: p.firstNew - 1,
      turn: { assistant, done, pending },
      turns: p.turns,
      usage: p.usage,
      carry: p.carry,
      ...(session ? { sessionId: session.id } : {}),
      pausedAt: new Date().toISOString(),
    } satisfies AgentRunState),
  ) as AgentRunState;
  ctx.emit({ type: 'interrupted', agent: agent.name, pending });
  return {
    status: 'interrupted',
    pending,
    state,
    lastAgent: agent,
    newMessages: p.messages.slice(p.firstNew),
    history: p.messages.slice(1),
    events: ctx.events,
    usage: p.usage,
    turns: p.turns,
  };
}

/** Runs the calls of a paused turn with their decisions, then goes on as after any turn. */
export async function resumeTurn(
  p: Progress,
  ctx: RunContext,
  state: AgentRunState,
  decisions: ReadonlyMap<string, ApprovalDecision>,
): Promise<Ended | undefined> {
  const waiting = new Set(state.turn.pending.map((x) => x.callId));
  const calls = (state.turn.assistant.toolCalls ?? []).filter((c) => waiting.has(c.id));
  const outcomes = await executeToolCalls(
    p.current.agent,
    p.current.tools,
    calls,
    { options: ctx.options, signal: ctx.signal, decisions },
    ctx.emit,
    false,
  );
  return afterTools(p, ctx, state.turn.assistant, state.turn.done, outcomes);
}

function callModel(
  model: Model,
  request: ModelRequest,
  streaming: boolean,
  agentName: string,
  emit: (e: RunEvent) => void,
): Promise<ModelResponse> {
  return modelCallSpan(model.name, request, agentName, () =>
    callModelUntraced(model, request, streaming, agentName, emit),
  );
}

async function callModelUntraced(
  model: Model,
  request: ModelRequest,
  streaming: boolean,
  agentName: string,
  emit: (e: RunEvent) => void,
): Promise<ModelResponse> {
  if (!streaming) return model.generate(request);
  if (!model.stream) {
    const response = await model.generate(request);
    if (response.reasoning)
      emit({ type: 'reasoning-delta', agent: agentName, text: response.reasoning });
    if (response.text) emit({ type: 'text-delta', agent: agentName, text: response.text });
    return response;
  }
  let response: ModelResponse | undefined;
  for await (const event of model.stream(request)) {
    if (event.type === 'response') response = event.response;
    else emit({ type: event.type, agent: agentName, text: event.text });
  }
  if (!response)
    throw new ModelBehaviorError(`model ${model.name} ended its stream without a response`);
  return response;
}

export function parseOutput(agent: Agent<unknown>, text: string): unknown {
  if (!agent.output) return text;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ModelBehaviorError(
      `agent ${agent.name}: the model's final answer is not valid JSON (${(err as Error).message}): ${text.slice(0, 200)}`,
    );
  }
  const parsed = agent.output.safeParse(json);
  if (!parsed.success)
    throw new ModelBehaviorError(
      `agent ${agent.name}: the model's final answer does not match the output schema: ${formatIssues(parsed.error)}`,
    );
  return parsed.data;
}

export function checkVerdict(
  kind: 'input' | 'output',
  name: string,
  verdict: GuardrailVerdict,
): void {
  if (verdict && verdict.stop) throw new GuardrailTripwireError(kind, name, verdict.reason);
}
