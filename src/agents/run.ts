/**
 * The run loop: call the model, run the tools it asks for (in parallel), hand the
 * conversation over when it transfers, until a final answer or `maxTurns`.
 *
 *   guardrails(input) -> loop { model -> nextStep } -> guardrails(output) -> final
 *
 * The step after each model response is a tagged union (`NextStep`); events go to the
 * result's list and, when streaming, to the iterator as they happen.
 */
import type {
  AssistantMessage,
  Message,
  Model,
  ModelRequest,
  ModelResponse,
  ToolMessage,
} from '../models/types.js';
import { addUsage, emptyUsage } from '../models/types.js';
import { ModelBehaviorError } from '../models/errors.js';
import {
  abortError,
  GuardrailTripwireError,
  MaxTurnsExceededError,
  NoModelError,
} from './errors.js';
import { prepareAgent, type PreparedAgent } from './prepare.js';
import { executeToolCalls, formatIssues } from './tool-calls.js';
import { eventChannel } from './channel.js';
import type {
  Agent,
  GuardrailVerdict,
  RunEvent,
  RunOptions,
  RunResult,
  StreamedRun,
} from './types.js';

/** What the loop does after a model response. */
export type NextStep =
  | { type: 'run_again'; toolMessages: ToolMessage[] }
  | { type: 'handoff'; to: Agent<unknown>; toolMessages: ToolMessage[] }
  | { type: 'final_output'; output: unknown; text: string };

export const DEFAULT_MAX_TURNS = 10;

/** Runs an agent on a user message (or messages) and resolves with the final result. */
export function run<TOutput>(
  agent: Agent<TOutput>,
  input: string | readonly Message[],
  options?: RunOptions & { stream?: false },
): Promise<RunResult<TOutput>>;
/** Runs an agent and streams its events; `result` settles when it ends. */
export function run<TOutput>(
  agent: Agent<TOutput>,
  input: string | readonly Message[],
  options: RunOptions & { stream: true },
): StreamedRun<TOutput>;
export function run<TOutput>(
  agent: Agent<TOutput>,
  input: string | readonly Message[],
  options: RunOptions & { stream?: boolean },
): Promise<RunResult<TOutput>> | StreamedRun<TOutput>;
export function run<TOutput>(
  agent: Agent<TOutput>,
  input: string | readonly Message[],
  options: RunOptions & { stream?: boolean } = {},
): Promise<RunResult<TOutput>> | StreamedRun<TOutput> {
  if (!options.stream)
    return runLoop(agent as Agent<unknown>, input, options, undefined) as Promise<
      RunResult<TOutput>
    >;
  // Stopping the iteration early cancels the run: the model request and running tools
  // see the abort, and no further model call or tool starts.
  const stop = new AbortController();
  const channel = eventChannel<RunEvent>(() =>
    stop.abort(
      new DOMException('the run was cancelled: its events are no longer read', 'AbortError'),
    ),
  );
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  const result = runLoop(agent as Agent<unknown>, input, { ...options, signal }, channel.push).then(
    (r) => {
      channel.close();
      return r as RunResult<TOutput>;
    },
    (err: unknown) => {
      channel.close();
      throw err;
    },
  );
  // The iterator reports failures as an `error` event; unobserved rejections stay quiet.
  result.catch(() => undefined);
  return { result, [Symbol.asyncIterator]: channel.iterate };
}

async function runLoop(
  start: Agent<unknown>,
  input: string | readonly Message[],
  options: RunOptions,
  live: ((e: RunEvent) => void) | undefined,
): Promise<RunResult<unknown>> {
  const events: RunEvent[] = [];
  const emit = live
    ? (e: RunEvent): void => {
        events.push(e);
        live(e);
      }
    : (e: RunEvent): void => void events.push(e);
  try {
    return await loop(start, input, options, emit, live !== undefined, events);
  } catch (err) {
    emit({ type: 'error', error: err instanceof Error ? err : new Error(String(err)) });
    throw err;
  }
}

async function loop(
  start: Agent<unknown>,
  input: string | readonly Message[],
  options: RunOptions,
  emit: (e: RunEvent) => void,
  streaming: boolean,
  events: RunEvent[],
): Promise<RunResult<unknown>> {
  const signal = options.signal ?? new AbortController().signal;
  const maxTurns = options.maxTurns ?? DEFAULT_MAX_TURNS;
  const inputMessages: Message[] =
    typeof input === 'string' ? [{ role: 'user', content: input }] : input.slice();
  const inputText = inputMessages
    .map((m) => (m.role === 'user' ? m.content : ''))
    .filter(Boolean)
    .join('\n');

  for (const g of [...start.inputGuardrails, ...(options.inputGuardrails ?? [])]) {
    checkVerdict(
      'input',
      g.name,
      await g.check({ input: inputText, agent: start, context: options.context }),
    );
  }
  if (signal.aborted) throw abortError(signal);

  const history = options.session ? await options.session.load() : [];
  // messages[0] is the active agent's system message; the rest is the conversation.
  // Requests read this array directly: no copy per turn.
  const messages: Message[] = [{ role: 'system', content: '' }, ...history, ...inputMessages];
  const firstNew = 1 + history.length;
  if (options.session) await options.session.append(inputMessages);

  const prepared = new Map<Agent<unknown>, PreparedAgent>();
  const prepare = (a: Agent<unknown>): PreparedAgent => {
    let p = prepared.get(a);
    if (!p) prepared.set(a, (p = prepareAgent(a, options.context)));
    return p;
  };
  const usage = emptyUsage();
  let current = prepare(start);
  let turns = 0;
  let lastModel: Model | undefined;

  for (;;) {
    if (turns >= maxTurns) throw new MaxTurnsExceededError(maxTurns);
    if (signal.aborted) throw abortError(signal);
    turns++;
    const agent = current.agent;
    emit({ type: 'agent-start', agent: agent.name, turn: turns });
    // An agent without a model uses the run's, else the one the conversation was on.
    const model = agent.model ?? options.model ?? lastModel;
    if (!model) throw new NoModelError(agent.name);
    lastModel = model;
    messages[0] = current.system;
    const request: ModelRequest = { messages, signal };
    if (current.specs) request.tools = current.specs;
    if (current.output) request.output = current.output;
    if (agent.modelSettings) request.settings = agent.modelSettings;

    const response = await callModel(model, request, streaming, agent.name, emit);
    addUsage(usage, response.usage);
    const assistant: AssistantMessage = {
      role: 'assistant',
      content: response.text,
      agent: agent.name,
    };
    if (response.toolCalls.length) assistant.toolCalls = response.toolCalls;
    emit(
      response.usage
        ? { type: 'message', agent: agent.name, message: assistant, usage: response.usage }
        : { type: 'message', agent: agent.name, message: assistant },
    );

    const step = await nextStep(current, response, options, signal, emit);
    if (step.type === 'final_output') {
      // Checked before storing, so a stopped answer never enters the session.
      for (const g of [...agent.outputGuardrails, ...(options.outputGuardrails ?? [])]) {
        checkVerdict(
          'output',
          g.name,
          await g.check({ output: step.output, text: step.text, agent, context: options.context }),
        );
      }
    }
    // One turn (the assistant message and its tool results) is stored as a unit, so a
    // session never holds a tool call without its result.
    const turnMessages: Message[] =
      step.type === 'final_output' ? [assistant] : [assistant, ...step.toolMessages];
    for (const m of turnMessages) messages.push(m);
    if (options.session) await options.session.append(turnMessages);

    switch (step.type) {
      case 'run_again':
        continue;
      case 'handoff':
        emit({ type: 'handoff', from: agent.name, to: step.to.name });
        current = prepare(step.to);
        continue;
      case 'final_output': {
        emit({ type: 'final', agent: agent.name, output: step.output, text: step.text });
        const newMessages = messages.slice(firstNew);
        return {
          finalOutput: step.output,
          text: step.text,
          lastAgent: agent,
          newMessages,
          history: messages.slice(1),
          events,
          usage,
          turns,
        };
      }
    }
  }
}

async function callModel(
  model: Model,
  request: ModelRequest,
  streaming: boolean,
  agentName: string,
  emit: (e: RunEvent) => void,
): Promise<ModelResponse> {
  if (!streaming) return model.generate(request);
  if (!model.stream) {
    const response = await model.generate(request);
    if (response.text) emit({ type: 'text-delta', agent: agentName, text: response.text });
    return response;
  }
  let response: ModelResponse | undefined;
  for await (const event of model.stream(request)) {
    if (event.type === 'text-delta')
      emit({ type: 'text-delta', agent: agentName, text: event.text });
    else response = event.response;
  }
  if (!response)
    throw new ModelBehaviorError(`model ${model.name} ended its stream without a response`);
  return response;
}

/** Decides the next step for a response, running its tool calls. */
export async function nextStep(
  current: PreparedAgent,
  response: ModelResponse,
  options: RunOptions,
  signal: AbortSignal,
  emit: (e: RunEvent) => void,
): Promise<NextStep> {
  const agent = current.agent;
  if (response.toolCalls.length === 0) {
    const text = response.text ?? '';
    return { type: 'final_output', output: parseOutput(agent, text), text };
  }
  const handoffCalls = response.toolCalls.filter((c) => current.handoffs.has(c.name));
  const toolCalls = handoffCalls.length
    ? response.toolCalls.filter((c) => !current.handoffs.has(c.name))
    : response.toolCalls;
  const toolMessages = toolCalls.length
    ? await executeToolCalls(agent, current.tools, toolCalls, options, signal, emit)
    : [];
  if (!handoffCalls.length) return { type: 'run_again', toolMessages };
  const [first, ...rest] = handoffCalls;
  const to = current.handoffs.get(first!.name)!;
  const handoffMessages: ToolMessage[] = [
    { role: 'tool', toolCallId: first!.id, content: `Transferred to ${to.name}.` },
    ...rest.map((c): ToolMessage => ({
      role: 'tool',
      toolCallId: c.id,
      content: 'Error: only one handoff per turn; this one was ignored.',
    })),
  ];
  // Tool results keep the order of the calls, as chat-completions servers expect.
  const byId = new Map([...toolMessages, ...handoffMessages].map((m) => [m.toolCallId, m]));
  return { type: 'handoff', to, toolMessages: response.toolCalls.map((c) => byId.get(c.id)!) };
}

function parseOutput(agent: Agent<unknown>, text: string): unknown {
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

function checkVerdict(kind: 'input' | 'output', name: string, verdict: GuardrailVerdict): void {
  if (verdict && verdict.stop) throw new GuardrailTripwireError(kind, name, verdict.reason);
}
