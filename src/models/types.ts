/**
 * The Model interface: one request in, one response out (or a stream of deltas ending
 * with the whole response). Messages follow the chat-completions shape, in camelCase,
 * so any OpenAI-compatible server maps onto them one to one.
 */

/** A JSON Schema object, as sent to the model for tool parameters and structured output. */
export type JsonSchema = { [key: string]: unknown };

/** A tool call the model asked for. `arguments` is the raw JSON text the model wrote. */
export interface ToolCall {
  id: string;
  name: string;
  arguments: string;
}

export interface SystemMessage {
  role: 'system';
  content: string;
}
export interface UserMessage {
  role: 'user';
  content: string;
}
export interface AssistantMessage {
  role: 'assistant';
  content: string | null;
  toolCalls?: ToolCall[];
  /** Which agent spoke (kept in sessions; not sent to the model). */
  agent?: string;
  /** The model's reasoning text before this answer (kept in sessions; not sent back). */
  reasoning?: string;
}
export interface ToolMessage {
  role: 'tool';
  toolCallId: string;
  content: string;
}
export type Message = SystemMessage | UserMessage | AssistantMessage | ToolMessage;

/** A function the model may call. */
export interface ToolSpec {
  name: string;
  description: string;
  /** JSON Schema of the arguments (an object schema). */
  parameters: JsonSchema;
}

/** Ask the model for JSON matching a schema (`response_format: json_schema`). */
export interface OutputSpec {
  name: string;
  schema: JsonSchema;
  /** Ask for strict schema adherence (only when the schema allows it). */
  strict: boolean;
}

export interface ModelSettings {
  temperature?: number;
  topP?: number;
  maxTokens?: number;
  /** 'auto' (default), 'required', 'none', or a tool name to force. */
  toolChoice?: 'auto' | 'required' | 'none' | { name: string };
  parallelToolCalls?: boolean;
  /**
   * For reasoning models: how hard to think, and (Responses API) whether to send a
   * summary of the reasoning. Chat completions sends `reasoning_effort`.
   */
  reasoning?: {
    effort?: 'minimal' | 'low' | 'medium' | 'high';
    summary?: 'auto' | 'concise' | 'detailed';
  };
}

export interface ModelRequest {
  /** The conversation, system message first. Valid during the call only: copy it to keep it. */
  messages: readonly Message[];
  tools?: readonly ToolSpec[];
  output?: OutputSpec;
  settings?: ModelSettings;
  signal?: AbortSignal;
}

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
}

export type FinishReason = 'stop' | 'tool_calls' | 'length' | 'content_filter' | 'other';

export interface ModelResponse {
  /** The assistant's text, or null when it only called tools (or refused). */
  text: string | null;
  toolCalls: ToolCall[];
  /**
   * Why the answer ended, as the provider said: `length` means cut at the token limit,
   * `content_filter` that the provider's filter stopped it.
   */
  finishReason: FinishReason;
  /** The model declined to answer, in its words (OpenAI's `refusal`). */
  refusal?: string;
  /** Reasoning text the provider sent apart from the answer (`reasoning_content`, `reasoning`, reasoning summaries). */
  reasoning?: string;
  usage?: Usage;
}

/**
 * What a streaming model yields: answer text and reasoning text as they come, then the
 * whole response once. A stream that ends without its response is an error.
 */
export type ModelStreamEvent =
  | { type: 'text-delta'; text: string }
  | { type: 'reasoning-delta'; text: string }
  | { type: 'response'; response: ModelResponse };

/**
 * A language model. `generate` is required; `stream` is optional — the run loop falls
 * back to `generate` when a model cannot stream.
 */
export interface Model {
  /** Human-readable name, e.g. `gpt-4o-mini` or `scripted`. */
  readonly name: string;
  generate(request: ModelRequest): Promise<ModelResponse>;
  stream?(request: ModelRequest): AsyncIterable<ModelStreamEvent>;
}

export function emptyUsage(): Usage {
  return { inputTokens: 0, outputTokens: 0, totalTokens: 0 };
}

export function addUsage(into: Usage, more: Usage | undefined): void {
  if (!more) return;
  into.inputTokens += more.inputTokens;
  into.outputTokens += more.outputTokens;
  into.totalTokens += more.totalTokens;
}
