/**
 * The run loop: call the model, run the tools it asks for (in parallel), hand the
 * conversation over when it transfers, until a final answer, `maxTurns`, or a pause on
 * tool calls that wait for approval.
 *
 *   guardrails(input) -> loop { turn: model -> tools | handoff | final | pause } -> result
 *
 * Events go to the result's list and, when streaming, to the iterator as they happen.
 * Tool sources (MCP servers) are opened when an agent first needs them and closed when
 * the run ends, however it ends.
 */
import type { Message } from '../models/types.js';
import { emptyUsage } from '../models/types.js';
import { UserError } from '../errors.js';
import { abortError } from './errors.js';
import { prepareAgent, type PreparedAgent } from './prepare.js';
import { readRunState } from './run-state.js';
import { eventChannel } from './channel.js';
import {
  checkVerdict,
  resumeTurn,
  turn,
  type Ended,
  type Progress,
  type RunContext,
} from './turn.js';
import type {
  Agent,
  ApprovalDecision,
  ApprovalPolicy,
  InterruptedRun,
  OpenToolSource,
  ResumeInput,
  RunEvent,
  RunOptions,
  RunResult,
  StreamedRun,
  ToolSource,
} from './types.js';

export { DEFAULT_MAX_TURNS } from './turn.js';

/** What a run starts from: a user message, messages, or an interrupted run's state and decisions. */
export type RunInput = string | readonly Message[] | ResumeInput;

type Decide = Exclude<ApprovalPolicy, 'interrupt'>;

/** Runs an agent and resolves with the final result. */
export function run<TOutput>(
  agent: Agent<TOutput>,
  input: RunInput,
  options?: RunOptions & { stream?: false; approve?: Decide },
): Promise<RunResult<TOutput>>;
/** Runs an agent that may pause on approvals: the result is final or interrupted. */
export function run<TOutput>(
  agent: Agent<TOutput>,
  input: RunInput,
  options: RunOptions & { stream?: false; approve: 'interrupt' },
): Promise<RunResult<TOutput> | InterruptedRun>;
/** Runs an agent and streams its events; `result` settles when it ends. */
export function run<TOutput>(
  agent: Agent<TOutput>,
  input: RunInput,
  options: RunOptions & { stream: true; approve?: Decide },
): StreamedRun<TOutput>;
export function run<TOutput>(
  agent: Agent<TOutput>,
  input: RunInput,
  options: RunOptions & { stream: true; approve: 'interrupt' },
): StreamedRun<TOutput, RunResult<TOutput> | InterruptedRun>;
export function run<TOutput>(
  agent: Agent<TOutput>,
  input: RunInput,
  options: RunOptions & { stream?: boolean },
):
  | Promise<RunResult<TOutput> | InterruptedRun>
  | StreamedRun<TOutput, RunResult<TOutput> | InterruptedRun>;
export function run<TOutput>(
  agent: Agent<TOutput>,
  input: RunInput,
  options: RunOptions & { stream?: boolean } = {},
):
  | Promise<RunResult<TOutput> | InterruptedRun>
  | StreamedRun<TOutput, RunResult<TOutput> | InterruptedRun> {
  type Out = RunResult<TOutput> | InterruptedRun;
  if (!options.stream)
    return runLoop(agent as Agent<unknown>, input, options, undefined) as Promise<Out>;
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
      return r as Out;
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
  input: RunInput,
  options: RunOptions,
  live: ((e: RunEvent) => void) | undefined,
): Promise<Ended> {
  const events: RunEvent[] = [];
  const onEvent = options.onEvent;
  const emit = (e: RunEvent): void => {
    events.push(e);
    live?.(e);
    onEvent?.(e);
  };
  const signal = options.signal ?? new AbortController().signal;
  const sources = new Map<ToolSource, Promise<OpenToolSource>>();
  const prepared = new Map<Agent<unknown>, Promise<PreparedAgent>>();
  const ctx: RunContext = {
    options,
    signal,
    emit,
    streaming: live !== undefined,
    events,
    prepare(a) {
      let p = prepared.get(a);
      if (!p) prepared.set(a, (p = prepareWithSources(a, options.context, sources, signal)));
      return p;
    },
  };
  try {
    const p = isResume(input) ? await resumed(start, input, ctx) : await fresh(start, input, ctx);
    for (;;) {
      const ended = await p.next();
      if (ended) return ended;
    }
  } catch (err) {
    emit({ type: 'error', error: err instanceof Error ? err : new Error(String(err)) });
    throw err;
  } finally {
    await closeSources(sources);
  }
}

/** The agent with its tool sources opened (each source once per run, shared by agents). */
async function prepareWithSources(
  agent: Agent<unknown>,
  context: unknown,
  sources: Map<ToolSource, Promise<OpenToolSource>>,
  signal: AbortSignal,
): Promise<PreparedAgent> {
  if (agent.toolSources.length === 0) return prepareAgent(agent, context);
  const opened = await Promise.all(
    agent.toolSources.map((s) => {
      let o = sources.get(s);
      if (!o) sources.set(s, (o = s.open({ signal })));
      return o;
    }),
  );
  return prepareAgent(
    agent,
    context,
    opened.flatMap((o) => o.tools),
  );
}

async function closeSources(sources: Map<ToolSource, Promise<OpenToolSource>>): Promise<void> {
  await Promise.all(
    [...sources.values()].map((o) => o.then((s) => s.close()).catch(() => undefined)),
  );
}

function isResume(input: RunInput): input is ResumeInput {
  return typeof input === 'object' && !Array.isArray(input) && 'state' in input;
}

interface Steps {
  next(): Promise<Ended | undefined>;
}

async function fresh(
  start: Agent<unknown>,
  input: string | readonly Message[],
  ctx: RunContext,
): Promise<Steps> {
  const { options, signal } = ctx;
  const inputMessages: Message[] =
    typeof input === 'string' ? [{ role: 'user', content: input }] : input.slice();
  const inputText = inputMessages
    .map((m) => (m.role === 'user' ? m.content : ''))
    .filter(Boolean)
    .join('\n');
  for (const g of [...start.inputGuardrails, ...(options.inputGuardrails ?? [])]) {
    const verdict = await g.check({ input: inputText, agent: start, context: options.context });
    checkVerdict('input', g.name, verdict);
  }
  if (signal.aborted) throw abortError(signal);

  const history = options.session ? await options.session.load() : [];
  // Requests read this array directly: no copy per turn.
  const messages: Message[] = [{ role: 'system', content: '' }, ...history, ...inputMessages];
  if (options.session) await options.session.append(inputMessages);
  const p: Progress = {
    current: await ctx.prepare(start),
    messages,
    firstNew: 1 + history.length,
    usage: emptyUsage(),
    turns: 0,
    carry: '',
    lastModel: undefined,
  };
  return { next: () => turn(p, ctx) };
}

/** Continues an interrupted run: its waiting calls run (or are declined) first. */
async function resumed(start: Agent<unknown>, input: ResumeInput, ctx: RunContext): Promise<Steps> {
  const state = readRunState(input.state);
  const agent = findAgent(start, state.agent);
  const decisions = new Map<string, ApprovalDecision>();
  const waiting = new Set(state.turn.pending.map((x) => x.callId));
  for (const d of input.decisions) {
    if (!waiting.has(d.callId))
      throw new UserError(`resume: call ${d.callId} is not waiting for a decision`, {
        code: 'AGENT_RESUME_UNKNOWN_CALL',
        hint: `waiting: ${[...waiting].join(', ')}`,
      });
    decisions.set(d.callId, { approved: d.approved, ...(d.reason ? { reason: d.reason } : {}) });
  }
  const missing = [...waiting].filter((id) => !decisions.has(id));
  if (missing.length)
    throw new UserError(
      `resume: no decision for call${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`,
      {
        code: 'AGENT_RESUME_MISSING_DECISION',
        hint: 'pass { callId, approved, reason? } for every pending call',
      },
    );
  const p: Progress = {
    current: await ctx.prepare(agent),
    messages: [{ role: 'system', content: '' }, ...state.messages],
    firstNew: 1 + state.newFrom,
    usage: { ...state.usage },
    turns: state.turns,
    carry: state.carry,
    lastModel: undefined,
  };
  let first = true;
  return {
    next: () => {
      if (!first) return turn(p, ctx);
      first = false;
      return resumeTurn(p, ctx, state, decisions);
    },
  };
}

/** The agent named in a state: the starting agent or one reachable through handoffs. */
function findAgent(start: Agent<unknown>, name: string): Agent<unknown> {
  const seen = new Set<Agent<unknown>>();
  const queue = [start];
  for (let a = queue.shift(); a; a = queue.shift()) {
    if (a.name === name) return a;
    seen.add(a);
    for (const h of a.handoffs) if (!seen.has(h)) queue.push(h);
  }
  throw new UserError(
    `resume: the state waits on agent ${name}, which ${start.name} cannot reach`,
    {
      code: 'AGENT_RESUME_UNKNOWN_AGENT',
      hint: 'resume with the agent that was run (or one that hands off to it)',
    },
  );
}
