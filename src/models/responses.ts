/**
 * A Model over the Responses API (`POST {baseURL}/responses`, OpenAI's newer protocol,
 * also served by vLLM, Ollama and others): input items, function tools, streaming
 * events, structured output (`text.format`), reasoning. Same transport as the
 * chat-completions provider: timeouts, retries, cancellation, errors naming the endpoint.
 */
import { ModelError } from './errors.js';
import { postWith, readJson as readBody, type Posted } from './http.js';
import { checkBaseURL, type OpenAICompatibleOptions } from './openai-compatible.js';
import { fromResponsesJson, toResponsesRequest } from './responses-wire.js';
import type { Model, ModelRequest, ModelResponse, ModelStreamEvent } from './types.js';
import { sseData } from './wire.js';

export type ResponsesOptions = Omit<OpenAICompatibleOptions, 'streamUsage'>;

export interface ResponsesModel extends Model {
  readonly api: 'responses';
  readonly baseURL: string;
  readonly endpoint: string;
}

/** Stream events whose delta is answer text, or reasoning text. */
const TEXT = 'response.output_text.delta';
const REASONING = new Set([
  'response.reasoning_text.delta',
  'response.reasoning_summary_text.delta',
]);
/** The events that end a stream, each carrying the whole response. */
const TERMINAL = new Set(['response.completed', 'response.incomplete', 'response.failed']);

export function createResponsesModel(options: ResponsesOptions): ResponsesModel {
  const baseURL = checkBaseURL(options);
  const endpoint = `${baseURL}/responses`;
  const post = (request: ModelRequest, stream: boolean): Promise<Posted> =>
    postWith(options, endpoint, toResponsesRequest(options.model, request, stream), request.signal);
  const readJson = (posted: Posted): Promise<unknown> => readBody(posted, endpoint);

  return {
    name: options.model,
    api: 'responses',
    baseURL,
    endpoint,
    async generate(request): Promise<ModelResponse> {
      return fromResponsesJson(await readJson(await post(request, false)), endpoint);
    },
    stream: (request) => streamResponses(() => post(request, true), request, endpoint, readJson),
  };
}

function parseEvent(data: string, endpoint: string): Record<string, unknown> {
  try {
    const event = JSON.parse(data) as unknown;
    if (event && typeof event === 'object') return event as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new ModelError(
    `${endpoint} sent a stream event that is not a JSON object: ${data.slice(0, 120)}`,
    {
      endpoint,
    },
  );
}

function streamError(event: Record<string, unknown>, endpoint: string): ModelError {
  const nested = event.error as { message?: string } | undefined;
  const message = typeof event.message === 'string' ? event.message : nested?.message;
  return new ModelError(`${endpoint} reported an error mid-stream: ${message ?? 'unknown error'}`, {
    endpoint,
  });
}

/** A streamed response: text and reasoning deltas, then the response of the terminal event. */
async function* streamResponses(
  send: () => Promise<Posted>,
  request: ModelRequest,
  endpoint: string,
  readJson: (posted: Posted) => Promise<unknown>,
): AsyncIterable<ModelStreamEvent> {
  const posted = await send();
  const { response } = posted;
  if (!response.body) throw new ModelError(`${endpoint} sent an empty stream`, { endpoint });
  if (!(response.headers.get('content-type') ?? '').includes('text/event-stream')) {
    // A server that ignores `stream: true` answers with one JSON body.
    const whole = fromResponsesJson(await readJson(posted), endpoint);
    if (whole.reasoning) yield { type: 'reasoning-delta', text: whole.reasoning };
    if (whole.text) yield { type: 'text-delta', text: whole.text };
    yield { type: 'response', response: whole };
    return;
  }
  const items: Record<string, unknown>[] = [];
  let final: ModelResponse | undefined;
  try {
    for await (const data of sseData(response.body, request.signal)) {
      const event = parseEvent(data, endpoint);
      const type = event.type;
      if (type === TEXT && typeof event.delta === 'string')
        yield { type: 'text-delta', text: event.delta };
      else if (REASONING.has(String(type)) && typeof event.delta === 'string')
        yield { type: 'reasoning-delta', text: event.delta };
      else if (type === 'response.output_item.done' && event.item)
        items.push(event.item as Record<string, unknown>);
      else if (type === 'error') throw streamError(event, endpoint);
      else if (TERMINAL.has(String(type))) {
        final = fromResponsesJson(event.response, endpoint, items);
        break;
      }
    }
  } catch (err) {
    throw posted.bodyError(err);
  }
  if (!final)
    throw new ModelError(
      `the stream from ${endpoint} ended before the answer was complete (no response.completed event)`,
      { endpoint, hint: 'the server or a proxy closed the connection early; try again' },
    );
  yield { type: 'response', response: final };
}
