/**
 * Executing the tool calls of one model response: parse, validate, approve, execute —
 * in parallel. Mistakes (unknown tool, bad JSON, invalid arguments, a throwing tool) go
 * back to the model as error text; only cancellation escapes.
 */
import type { z } from 'zod';
import type { ToolCall, ToolMessage } from '../models/types.js';
import { abortError } from './errors.js';
import type { Agent, RunEvent, RunOptions, Tool, ToolContext } from './types.js';

export interface ToolOutcome {
  message: ToolMessage;
  isError: boolean;
}

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

/** Runs one call; returns the tool message (never throws, except on cancellation). */
export async function executeToolCall(
  agent: Agent<unknown>,
  tool: Tool | undefined,
  call: ToolCall,
  options: RunOptions,
  signal: AbortSignal,
): Promise<ToolOutcome> {
  const fail = (text: string): ToolOutcome => ({
    message: { role: 'tool', toolCallId: call.id, content: `Error: ${text}` },
    isError: true,
  });
  if (!tool) {
    const names = agent.tools.map((t) => t.name).join(', ') || 'none';
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
    if (tool.needsApproval && (await tool.needsApproval(parsed.data, ctx))) {
      const ok = options.approve
        ? await options.approve({ agent, tool, toolCallId: call.id, input: parsed.data })
        : false;
      if (!ok) return fail(`the call to ${tool.name} was not approved`);
    }
    // Cancelled while waiting for approval (or before): the tool does not start.
    if (signal.aborted) throw abortError(signal);
    const result = await tool.execute(parsed.data, ctx);
    return {
      message: { role: 'tool', toolCallId: call.id, content: stringifyResult(result) },
      isError: false,
    };
  } catch (err) {
    if (signal.aborted) throw err;
    return fail(`${tool.name} failed: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** Emits `tool-call` for each, runs them all at once, emits `tool-result` as each ends. */
export async function executeToolCalls(
  agent: Agent<unknown>,
  tools: ReadonlyMap<string, Tool>,
  calls: readonly ToolCall[],
  options: RunOptions,
  signal: AbortSignal,
  emit: (event: RunEvent) => void,
): Promise<ToolMessage[]> {
  for (const call of calls)
    emit({
      type: 'tool-call',
      agent: agent.name,
      callId: call.id,
      name: call.name,
      arguments: call.arguments,
    });
  const one = async (call: ToolCall): Promise<ToolMessage> => {
    const outcome = await executeToolCall(agent, tools.get(call.name), call, options, signal);
    emit({
      type: 'tool-result',
      agent: agent.name,
      callId: call.id,
      name: call.name,
      output: outcome.message.content,
      isError: outcome.isError,
    });
    return outcome.message;
  };
  if (calls.length === 1) return [await one(calls[0]!)];
  return Promise.all(calls.map(one));
}
