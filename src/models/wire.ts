/**
 * Our messages and requests <-> the chat-completions JSON on the wire.
 */
import { ModelError } from './errors.js';
import type {
  FinishReason,
  Message,
  ModelRequest,
  ModelResponse,
  ModelStreamEvent,
  ToolCall,
  Usage,
} from './types.js';

interface WireToolCall {
  id?: string;
  type?: string;
  index?: number;
  function?: { name?: string; arguments?: string };
}

export function toWireMessage(m: Message): Record<string, unknown> {
  switch (m.role) {
    case 'system':
    case 'user':
      return { role: m.role, content: m.content };
    case 'assistant':
      return m.toolCalls?.length
        ? {
            role: 'assistant',
            content: m.content,
            tool_calls: m.toolCalls.map((c) => ({
              id: c.id,
              type: 'function',
              function: { name: c.name, arguments: c.arguments },
            })),
          }
        : { role: 'assistant', content: m.content ?? '' };
    case 'tool':
      return { role: 'tool', tool_call_id: m.toolCallId, content: m.content };
  }
}

export function toWireRequest(
  model: string,
  request: ModelRequest,
  stream: boolean,
  streamUsage = true,
): Record<string, unknown> {
  // An agent without instructions has an empty system message: leave it out.
  const messages = request.messages
    .filter((m) => m.role !== 'system' || m.content !== '')
    .map(toWireMessage);
  const body: Record<string, unknown> = { model, messages };
  if (request.tools?.length) {
    body.tools = request.tools.map((t) => ({
      type: 'function',
      function: { name: t.name, description: t.description, parameters: t.parameters },
    }));
  }
  const s = request.settings;
  if (s) {
    if (s.temperature !== undefined) body.temperature = s.temperature;
    if (s.topP !== undefined) body.top_p = s.topP;
    if (s.maxTokens !== undefined) body.max_tokens = s.maxTokens;
    if (s.toolChoice !== undefined && request.tools?.length) {
      body.tool_choice =
        typeof s.toolChoice === 'string'
          ? s.toolChoice
          : { type: 'function', function: { name: s.toolChoice.name } };
    }
    if (s.parallelToolCalls !== undefined && request.tools?.length)
      body.parallel_tool_calls = s.parallelToolCalls;
    if (s.reasoning?.effort) body.reasoning_effort = s.reasoning.effort;
  }
  if (request.output) {
    body.response_format = {
      type: 'json_schema',
      json_schema: {
        name: request.output.name,
        schema: request.output.schema,
        strict: request.output.strict,
      },
    };
  }
  if (stream) {
    body.stream = true;
    if (streamUsage) body.stream_options = { include_usage: true };
  }
  return body;
}

export function finishReason(value: unknown): FinishReason {
  return value === 'stop' ||
    value === 'tool_calls' ||
    value === 'length' ||
    value === 'content_filter'
    ? value
    : 'other';
}

export function usageFrom(value: unknown): Usage | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const u = value as { prompt_tokens?: number; completion_tokens?: number; total_tokens?: number };
  const inputTokens = u.prompt_tokens ?? 0;
  const outputTokens = u.completion_tokens ?? 0;
  return { inputTokens, outputTokens, totalTokens: u.total_tokens ?? inputTokens + outputTokens };
}

let generatedIds = 0;
function callId(id: unknown): string {
  return typeof id === 'string' && id ? id : `call_${Date.now().toString(36)}_${++generatedIds}`;
}

/** A whole (non-streamed) completion. */
export function fromWireResponse(json: unknown, endpoint: string): ModelResponse {
  const choice = (
    json as {
      choices?: Array<{
        message?: WireMessage & { tool_calls?: WireToolCall[] };
        finish_reason?: unknown;
      }>;
    }
  ).choices?.[0];
  if (!choice?.message) {
    const error = (json as { error?: { message?: string } }).error;
    throw new ModelError(
      `${endpoint} answered without a message${error?.message ? `: ${error.message}` : ''}`,
      {
        endpoint,
        hint: 'check OPENAI_BASE_URL points at an OpenAI-compatible chat-completions API',
      },
    );
  }
  const message = choice.message;
  const toolCalls: ToolCall[] = (message.tool_calls ?? []).map((c) => ({
    id: callId(c.id),
    name: c.function?.name ?? '',
    arguments: c.function?.arguments ?? '',
  }));
  const response: ModelResponse = {
    text: typeof message.content === 'string' ? message.content : null,
    toolCalls,
    finishReason: endedWith(choice.finish_reason, toolCalls.length > 0),
  };
  if (typeof message.refusal === 'string' && message.refusal) response.refusal = message.refusal;
  const reasoning = reasoningOf(message);
  if (reasoning) response.reasoning = reasoning;
  const usage = usageFrom((json as { usage?: unknown }).usage);
  if (usage) response.usage = usage;
  return response;
}

/** The message (or delta) fields besides tool calls that servers send. */
interface WireMessage {
  content?: unknown;
  refusal?: unknown;
  /** DeepSeek, vLLM (older), llama.cpp. */
  reasoning_content?: unknown;
  /** OpenRouter, vLLM (newer), Ollama. */
  reasoning?: unknown;
}

/** Reasoning text, from whichever field the server uses. */
function reasoningOf(m: WireMessage): string {
  if (typeof m.reasoning_content === 'string') return m.reasoning_content;
  return typeof m.reasoning === 'string' ? m.reasoning : '';
}

/**
 * The finish reason: what the server said. A response that calls tools ended to call
 * them, unless the server said it was cut (length) or filtered.
 */
function endedWith(value: unknown, calledTools: boolean): FinishReason {
  const said = finishReason(value);
  return calledTools && said !== 'length' && said !== 'content_filter' ? 'tool_calls' : said;
}

/** Accumulates streamed chunks into one response. */
export class StreamAccumulator {
  private text = '';
  private sawText = false;
  private refusal = '';
  private reasoning = '';
  private readonly calls: Array<{ id: string; name: string; arguments: string }> = [];
  /** Wire `index` -> position in `calls` of the call that index currently names. */
  private readonly byIndex = new Map<number, number>();
  private finish: unknown;
  private usage: Usage | undefined;

  /** Whether a chunk carried a `finish_reason`: the answer is complete. */
  get finished(): boolean {
    return this.finish !== undefined;
  }

  /** Folds one chunk in; the text and reasoning it carried go to `out` as deltas. */
  add(chunk: unknown, endpoint: string, out: ModelStreamEvent[]): void {
    const c = chunk as {
      choices?: Array<{
        delta?: WireMessage & { tool_calls?: WireToolCall[] };
        finish_reason?: unknown;
      }>;
      usage?: unknown;
      error?: { message?: string } | string;
    };
    if (c.error) {
      const message = typeof c.error === 'string' ? c.error : c.error.message;
      throw new ModelError(
        `${endpoint} reported an error mid-stream: ${message ?? 'unknown error'}`,
        { endpoint },
      );
    }
    const usage = usageFrom(c.usage);
    if (usage) this.usage = usage;
    const choice = c.choices?.[0];
    if (!choice) return;
    if (choice.finish_reason) this.finish = choice.finish_reason;
    const delta = choice.delta;
    if (!delta) return;
    for (const d of delta.tool_calls ?? []) {
      const at = this.slotFor(d);
      const call = (this.calls[at] ??= { id: '', name: '', arguments: '' });
      if (d.id) call.id = d.id;
      if (d.function?.name) call.name += d.function.name;
      if (d.function?.arguments) call.arguments += d.function.arguments;
    }
    if (typeof delta.refusal === 'string') this.refusal += delta.refusal;
    const reasoning = reasoningOf(delta);
    if (reasoning) {
      this.reasoning += reasoning;
      out.push({ type: 'reasoning-delta', text: reasoning });
    }
    if (typeof delta.content === 'string' && delta.content) {
      this.sawText = true;
      this.text += delta.content;
      out.push({ type: 'text-delta', text: delta.content });
    }
  }

  /**
   * Which call a tool-call fragment belongs to. A fragment with a new id starts a new
   * call even when its `index` is taken: some servers (llama.cpp, vLLM versions) send
   * every parallel call with index 0. A fragment without an id continues the call its
   * index last named (or the last call, when it has no index either).
   */
  private slotFor(d: WireToolCall): number {
    if (d.id) {
      const known = this.calls.findIndex((x) => x.id === d.id);
      if (known >= 0) return known;
    }
    if (d.index === undefined)
      return d.id || this.calls.length === 0 ? this.calls.length : this.calls.length - 1;
    const mapped = this.byIndex.get(d.index);
    if (mapped !== undefined && !(d.id && this.calls[mapped]!.id)) return mapped;
    this.byIndex.set(d.index, this.calls.length);
    return this.calls.length;
  }

  response(): ModelResponse {
    const toolCalls = this.calls.map((c) => ({
      id: callId(c.id),
      name: c.name,
      arguments: c.arguments,
    }));
    const response: ModelResponse = {
      text: this.sawText ? this.text : null,
      toolCalls,
      finishReason: endedWith(this.finish, toolCalls.length > 0),
    };
    if (this.refusal) response.refusal = this.refusal;
    if (this.reasoning) response.reasoning = this.reasoning;
    if (this.usage) response.usage = this.usage;
    return response;
  }
}

/** Splits a server-sent-events byte stream into `data:` payloads. */
export async function* sseData(
  body: ReadableStream<Uint8Array>,
  signal?: AbortSignal,
): AsyncIterable<string> {
  const decoder = new TextDecoder();
  let buffer = '';
  let data: string[] = [];
  const reader = body.getReader();
  try {
    for (;;) {
      signal?.throwIfAborted();
      const { done, value } = await reader.read();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl).replace(/\r$/, '');
        buffer = buffer.slice(nl + 1);
        if (line === '') {
          if (data.length) yield data.join('\n');
          data = [];
        } else if (line.startsWith('data:')) {
          data.push(line.slice(line[5] === ' ' ? 6 : 5));
        }
        // other fields (event:, id:, retry:) and comments (:) are not used by chat completions
      }
      if (done) break;
    }
    if (buffer.startsWith('data:')) data.push(buffer.slice(buffer[5] === ' ' ? 6 : 5));
    if (data.length) yield data.join('\n');
  } finally {
    reader.releaseLock();
    await body.cancel().catch(() => undefined);
  }
}
