/**
 * A Model over any OpenAI-compatible `/chat/completions` endpoint (OpenAI, Mistral,
 * Ollama, vLLM, llama.cpp server, LM Studio), using fetch: tools, parallel tool calls,
 * SSE streaming, structured output, usage, timeouts, cancellation and retries.
 */
import { UserError } from '../errors.js';
import { ModelError } from './errors.js';
import { postWith, readJson, type Posted } from './http.js';
import type { Model, ModelRequest, ModelResponse, ModelStreamEvent } from './types.js';
import { fromWireResponse, sseData, StreamAccumulator, toWireRequest } from './wire.js';

export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

export interface OpenAICompatibleOptions {
  /** The model name the server knows, e.g. `gpt-4o-mini`, `llama3.2`. */
  model: string;
  /** Default `https://api.openai.com/v1`. `/chat/completions` is appended. */
  baseURL?: string;
  apiKey?: string;
  /** Per attempt, including a streamed body (default 600 s). */
  timeoutMs?: number;
  /** Retries on 429, 5xx, timeouts and dropped connections (default 2). */
  maxRetries?: number;
  /** Longest wait between attempts; a longer Retry-After fails at once (default 60 s). */
  maxRetryDelayMs?: number;
  /** Ask for usage in streams (`stream_options.include_usage`, default true); turn off for servers that reject it. */
  streamUsage?: boolean;
  /** Extra HTTP headers (e.g. for a proxy). */
  headers?: Record<string, string>;
  /** Replaces global fetch (tests, proxies). */
  fetch?: typeof fetch;
}

export interface OpenAICompatibleModel extends Model {
  readonly api: 'chat';
  readonly baseURL: string;
  readonly endpoint: string;
}

/** The base URL without trailing slashes, checked; the model name, required. */
export function checkBaseURL(options: { model: string; baseURL?: string }): string {
  if (!options.model)
    throw new UserError('no model name given', {
      code: 'MODEL_NO_NAME',
      hint: 'set ATELIER_MODEL or pass { model }',
    });
  const baseURL = (options.baseURL ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  try {
    new URL(baseURL);
  } catch {
    throw new UserError(`invalid model base URL ${JSON.stringify(baseURL)}`, {
      code: 'MODEL_BAD_BASE_URL',
      hint: 'OPENAI_BASE_URL must be an http(s) URL, e.g. http://127.0.0.1:11434/v1',
    });
  }
  return baseURL;
}

export function createOpenAICompatibleModel(
  options: OpenAICompatibleOptions,
): OpenAICompatibleModel {
  const baseURL = checkBaseURL(options);
  const endpoint = `${baseURL}/chat/completions`;
  const post = (request: ModelRequest, stream: boolean): Promise<Posted> =>
    postWith(
      options,
      endpoint,
      toWireRequest(options.model, request, stream, options.streamUsage ?? true),
      request.signal,
    );

  return {
    name: options.model,
    api: 'chat',
    baseURL,
    endpoint,
    async generate(request): Promise<ModelResponse> {
      const json = await readJson(await post(request, false), endpoint);
      return fromWireResponse(json, endpoint);
    },
    stream: (request) => streamChat(() => post(request, true), request, endpoint),
  };
}

/** A streamed chat completion: text and reasoning deltas, then the whole response. */
async function* streamChat(
  send: () => Promise<Posted>,
  request: ModelRequest,
  endpoint: string,
): AsyncIterable<ModelStreamEvent> {
  const { response, bodyError } = await send();
  if (!response.body) throw new ModelError(`${endpoint} sent an empty stream`, { endpoint });
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('text/event-stream')) {
    // Some servers ignore `stream: true` and answer with one JSON body.
    const text = await response.text().catch((err: unknown) => {
      throw bodyError(err);
    });
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new ModelError(
        `${endpoint} answered with neither an event stream nor JSON: ${text.slice(0, 120)}`,
        { endpoint },
      );
    }
    const whole = fromWireResponse(json, endpoint);
    if (whole.reasoning) yield { type: 'reasoning-delta', text: whole.reasoning };
    if (whole.text) yield { type: 'text-delta', text: whole.text };
    yield { type: 'response', response: whole };
    return;
  }
  const acc = new StreamAccumulator();
  const deltas: ModelStreamEvent[] = [];
  let done = false;
  try {
    for await (const data of sseData(response.body, request.signal)) {
      if (data === '[DONE]') {
        done = true;
        break;
      }
      let chunk: unknown;
      try {
        chunk = JSON.parse(data);
      } catch {
        throw new ModelError(
          `${endpoint} sent a stream event that is not JSON: ${data.slice(0, 120)}`,
          { endpoint },
        );
      }
      acc.add(chunk, endpoint, deltas);
      for (const d of deltas) yield d;
      deltas.length = 0;
    }
  } catch (err) {
    // A read that timed out, was cancelled or lost its connection mid-stream.
    throw bodyError(err);
  }
  // Closed without a finish_reason nor [DONE]: what came may be half an answer.
  if (!done && !acc.finished)
    throw new ModelError(
      `the stream from ${endpoint} ended before the answer was complete (no finish_reason, no [DONE])`,
      { endpoint, hint: 'the server or a proxy closed the connection early; try again' },
    );
  yield { type: 'response', response: acc.response() };
}
