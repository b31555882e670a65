/**
 * Executing the tool calls of one model response: parse, validate, approve, execute —
 * in parallel, each within its time limit. Mistakes (unknown tool, bad JSON, invalid
 * arguments, a throwing or timed-out tool) go back to the model as error text; only
 * cancellation escapes. A call that needs approval under `approve: 'interrupt'` is left
 * pending: the run pauses on it.
 */
import type { z } from 'zod';
import type { ToolCall, ToolMessage } from '../models/types.js';
import { abortError, ToolTimeoutError } from './errors.js';
import { toolCallSpan } from './trace.js';
import type {
  Agent,
  ApprovalDecision,
  PendingApproval,
  RunEvent,
  RunOptions,
  Tool,
  ToolContext,
} from './types.js';

export type ToolOutcome =
  | { kind: 'done'; message: ToolMessage; isError: boolean }
  | { kind: 'pending'; pending: PendingApproval };

/** Formats zod issues as `path: message; ...` (the model reads this). */
export function formatIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}

/** What the model reads back: strings as they are, anything else as JSON. */
export function stringifyResult(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** What a call needs besides the run options: a decision already taken (when resuming). */
export interface CallSettings {
  options: RunOptions;
  signal: AbortSignal;
  decision?: ApprovalDecision;
}

function done(call: ToolCall, content: string, isError: boolean): ToolOutcome {
  return { kind: 'done', message: { role: 'tool', toolCallId: call.id, content }, isError };
}

/** The decision for a call that needs approval, or `undefined` when the run must pause. */
async function decide(
  agent: Agent<unknown>,
  tool: Tool,
  call: ToolCall,
  input: unknown,
  settings: CallSettings,
): Promise<ApprovalDecision | undefined> {
  if (settings.decision) return settings.decision;
  const policy = settings.options.approve;
  if (policy === 'interrupt') return undefined;
  if (!policy) return { approved: false };
  const answer = await policy({ agent, tool, toolCallId: call.id, input });
  return typeof answer === 'boolean' ? { approved: answer } : answer;
}

/** Runs one call; returns its outcome (never throws, except on cancellation). */
export async function executeToolCall(
  agent: Agent<unknown>,
  tools: ReadonlyMap<string, Tool>,
  call: ToolCall,
  settings: CallSettings,
): Promise<ToolOutcome> {
  const { options, signal } = settings;
  const fail = (text: string): ToolOutcome => done(call, `Error: ${text}`, true);
  const tool = tools.get(call.name);
  if (!tool) {
    const names = [...tools.keys()].join(', ') || 'none';
    return fail(`there is no tool named ${JSON.stringify(call.name)} (available: ${names})`);
  }
  let raw: unknown;
  try {
    raw = call.arguments.trim() === '' ? {} : JSON.parse(call.arguments);
  } catch (err) {
    return fail(
      `the arguments of ${tool.name} are not valid JSON (${(err as Error).message}); send a JSON object`,
    );
  }
  const parsed = tool.input.safeParse(raw);
  if (!parsed.success)
    return fail(`invalid arguments for ${tool.name}: ${formatIssues(parsed.error)}`);
  const ctx: ToolContext = { agent, toolCallId: call.id, signal, context: options.context };
  try {
    if (settings.decision || (tool.needsApproval && (await tool.needsApproval(parsed.data, ctx)))) {
      const decision = await decide(agent, tool, call, parsed.data, settings);
      if (!decision) {
        const pending = {
          callId: call.id,
          agent: agent.name,
          tool: tool.name,
          input: parsed.data,
          arguments: call.arguments,
        };
        return { kind: 'pending', pending };
      }
      if (!decision.approved)
        return fail(
          `the call to ${tool.name} was not approved${decision.reason ? `: ${decision.reason}` : ''}`,
        );
    }
    // Cancelled while waiting for approval (or before): the tool does not start.
    if (signal.aborted) throw abortError(signal);
    const result = await toolCallSpan(tool.name, call.id, agent.name, () =>
      withTimeout(tool, parsed.data, ctx, tool.timeoutMs ?? options.toolTimeoutMs),
    );
    return done(call, stringifyResult(result), false);
  } catch (err) {
    if (signal.aborted) throw err;
    if (err instanceof ToolTimeoutError) return fail(err.message);
    return fail(`${tool.name} failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/**
 * Runs `execute` within `ms` (if set): the tool's `ctx.signal` is aborted when the time is
 * up, and the call fails then even if the tool ignores its signal.
 */
async function withTimeout(
  tool: Tool,
  input: unknown,
  ctx: ToolContext,
  ms: number | undefined,
): Promise<unknown> {
  if (ms === undefined || !Number.isFinite(ms)) return tool.execute(input, ctx);
  const limit = new AbortController();
  const error = new ToolTimeoutError(tool.name, ms);
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      // Rejected first: a tool that answers its abort at once still lost the race.
      reject(error);
      limit.abort(error);
    }, ms);
  });
  const signal = AbortSignal.any([ctx.signal, limit.signal]);
  try {
    return await Promise.race([tool.execute(input, { ...ctx, signal }), expired]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Emits `tool-call` for each, runs them all at once, emits `tool-result` as each ends.
 * Returns the outcomes in call order.
 */
export async function executeToolCalls(
  agent: Agent<unknown>,
  tools: ReadonlyMap<string, Tool>,
  calls: readonly ToolCall[],
  settings: Omit<CallSettings, 'decision'> & { decisions?: ReadonlyMap<string, ApprovalDecision> },
  emit: (event: RunEvent) => void,
  announce = true,
): Promise<ToolOutcome[]> {
  if (announce)
    for (const call of calls)
      emit({
        type: 'tool-call',
        agent: agent.name,
        callId: call.id,
        name: call.name,
        arguments: call.arguments,
      });
  const one = async (call: ToolCall): Promise<ToolOutcome> => {
    const decision = settings.decisions?.get(call.id);
    const outcome = await executeToolCall(agent, tools, call, {
      options: settings.options,
      signal: settings.signal,
      ...(decision ? { decision } : {}),
    });
    if (outcome.kind === 'done')
      emit({
        type: 'tool-result',
        agent: agent.name,
        callId: call.id,
        name: call.name,
        output: outcome.message.content,
        isError: outcome.isError,
      });
    return outcome;
  };
  if (calls.length === 1) return [await one(calls[0]!)];
  return Promise.all(calls.map(one));
}
