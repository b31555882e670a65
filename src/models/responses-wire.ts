/**
 * Our messages and requests <-> the Responses API JSON (`POST /v1/responses`): the
 * conversation as input items (messages, `function_call`, `function_call_output`), tools,
 * structured output as `text.format`, reasoning; and the response's output items back
 * (message text or refusal, function calls, reasoning summaries and text).
 */
import { ModelError } from './errors.js';
import type {
  FinishReason,
  Message,
  ModelRequest,
  ModelResponse,
  ToolCall,
  Usage,
} from './types.js';

type Item = Record<string, unknown>;

/** The conversation as input items; the first system message becomes `instructions`. */
export function toInputItems(messages: readonly Message[]): {
  instructions?: string;
  input: Item[];
} {
  const input: Item[] = [];
  let instructions: string | undefined;
  messages.forEach((m, i) => {
    switch (m.role) {
      case 'system':
        if (i === 0) instructions = m.content || undefined;
        else if (m.content) input.push({ role: 'system', content: m.content });
        return;
      case 'user':
        input.push({ role: 'user', content: m.content });
        return;
      case 'assistant':
        if (m.content) input.push({ role: 'assistant', content: m.content });
        for (const c of m.toolCalls ?? [])
          input.push({
            type: 'function_call',
            call_id: c.id,
            name: c.name,
            arguments: c.arguments,
          });
        return;
      case 'tool':
        input.push({ type: 'function_call_output', call_id: m.toolCallId, output: m.content });
        return;
    }
  });
  return instructions === undefined ? { input } : { instructions, input };
}

export function toResponsesRequest(
  model: string,
  request: ModelRequest,
  stream: boolean,
): Record<string, unknown> {
  const body: Record<string, unknown> = { model, ...toInputItems(request.messages) };
  // Atelier keeps the conversation itself: nothing is stored upstream.
  body.store = false;
  if (request.tools?.length) {
    body.tools = request.tools.map((t) => ({
      type: 'function',
      name: t.name,
      description: t.description,
      parameters: t.parameters,
      strict: false,
    }));
  }
  const s = request.settings;
  if (s) {
    if (s.temperature !== undefined) body.temperature = s.temperature;
    if (s.topP !== undefined) body.top_p = s.topP;
    if (s.maxTokens !== undefined) body.max_output_tokens = s.maxTokens;
    if (s.toolChoice !== undefined && request.tools?.length)
      body.tool_choice =
        typeof s.toolChoice === 'string'
          ? s.toolChoice
          : { type: 'function', name: s.toolChoice.name };
    if (s.parallelToolCalls !== undefined && request.tools?.length)
      body.parallel_tool_calls = s.parallelToolCalls;
    if (s.reasoning) body.reasoning = { ...s.reasoning };
  }
  if (request.output) {
    body.text = {
      format: {
        type: 'json_schema',
        name: request.output.name,
        schema: request.output.schema,
        strict: request.output.strict,
      },
    };
  }
  if (stream) body.stream = true;
  return body;
}

interface WireResponse {
  status?: string;
  incomplete_details?: { reason?: string } | null;
  error?: { code?: string; message?: string } | null;
  output?: Item[];
  usage?: { input_tokens?: number; output_tokens?: number; total_tokens?: number };
}

function usageOf(u: WireResponse['usage']): Usage | undefined {
  if (!u) return undefined;
  const inputTokens = u.input_tokens ?? 0;
  const outputTokens = u.output_tokens ?? 0;
  return { inputTokens, outputTokens, totalTokens: u.total_tokens ?? inputTokens + outputTokens };
}

const texts = (parts: unknown, type: string, field = 'text'): string[] =>
  Array.isArray(parts)
    ? parts.flatMap((p: Item) =>
        p.type === type && typeof p[field] === 'string' ? [p[field] as string] : [],
      )
    : [];

/** A whole response (non-streamed, or the one a stream's last event carries). */
export function fromResponsesJson(json: unknown, endpoint: string, items?: Item[]): ModelResponse {
  const r = json as WireResponse;
  if (r.status === 'failed' || (r.error && r.error.message)) {
    throw new ModelError(
      `${endpoint} reported a failed response: ${r.error?.message ?? 'no reason given'}`,
      { endpoint, ...(r.error?.code === 'rate_limit_exceeded' ? { status: 429 } : {}) },
    );
  }
  const output = r.output?.length ? r.output : items;
  if (!Array.isArray(output)) {
    throw new ModelError(`${endpoint} answered without output items`, {
      endpoint,
      hint: 'check OPENAI_BASE_URL points at a server with the Responses API, or set ATELIER_MODEL_API=chat',
    });
  }
  let text: string | null = null;
  const refusal: string[] = [];
  const reasoning: string[] = [];
  const toolCalls: ToolCall[] = [];
  for (const item of output) {
    if (item.type === 'message') {
      const said = texts(item.content, 'output_text');
      if (said.length) text = (text ?? '') + said.join('');
      refusal.push(...texts(item.content, 'refusal', 'refusal'));
    } else if (item.type === 'function_call') {
      toolCalls.push({
        id: String(item.call_id ?? item.id ?? ''),
        name: String(item.name ?? ''),
        arguments: typeof item.arguments === 'string' ? item.arguments : '',
      });
    } else if (item.type === 'reasoning') {
      // Reasoning text when the server shows it, else its summary.
      const shown = texts(item.content, 'reasoning_text');
      reasoning.push(...(shown.length ? shown : texts(item.summary, 'summary_text')));
    }
  }
  const response: ModelResponse = {
    text,
    toolCalls,
    finishReason: finishOf(r, toolCalls.length > 0),
  };
  if (refusal.length) response.refusal = refusal.join('');
  if (reasoning.length) response.reasoning = reasoning.join('\n\n');
  const usage = usageOf(r.usage);
  if (usage) response.usage = usage;
  return response;
}

function finishOf(r: WireResponse, calledTools: boolean): FinishReason {
  if (r.status === 'incomplete') {
    const why = r.incomplete_details?.reason;
    return why === 'max_output_tokens'
      ? 'length'
      : why === 'content_filter'
        ? 'content_filter'
        : 'other';
  }
  if (r.status !== undefined && r.status !== 'completed') return 'other';
  return calledTools ? 'tool_calls' : 'stop';
}
