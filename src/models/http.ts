/**
 * One POST to an OpenAI-style endpoint (chat completions, responses), with a timeout, cancellation, retries with
 * back-off on 429/5xx (honouring Retry-After), and errors that name the endpoint and
 * what to check.
 */
import { ModelConfigError, ModelError } from './errors.js';
import { sleep } from '../sleep.js';

export interface PostOptions {
  url: string;
  apiKey: string | undefined;
  body: unknown;
  /** The model name, for error messages. */
  model: string;
  timeoutMs: number;
  maxRetries: number;
  /** Longest wait between attempts we accept, from Retry-After or back-off. */
  maxRetryDelayMs: number;
  signal: AbortSignal | undefined;
  headers: Record<string, string> | undefined;
  fetch: typeof fetch;
}

/** Timeouts, conflicts, rate limits, server failures, and the 520-524 a proxy such as Cloudflare sends when the origin fails. */
const RETRYABLE = new Set([408, 409, 429, 500, 502, 503, 504, 520, 521, 522, 523, 524]);

/** A 2xx answer whose body is still to be read (the attempt's timeout still runs). */
export interface Posted {
  response: Response;
  /**
   * What to throw when reading the body fails: the caller's abort reason when their
   * signal cancelled it, else a `ModelError` naming the endpoint (timeout, dropped
   * connection). A `ModelError` passes through unchanged.
   */
  bodyError(err: unknown): unknown;
}

/** Posts JSON and returns the (2xx) response; its body is left to the caller to read. */
export async function postJson(options: PostOptions): Promise<Posted> {
  const payload = JSON.stringify(options.body);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    ...options.headers,
  };
  if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
  for (let attempt = 0; ; attempt++) {
    options.signal?.throwIfAborted();
    const timeout = AbortSignal.timeout(options.timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    let response: Response | undefined;
    let failure: ModelError | undefined;
    try {
      response = await options.fetch(options.url, {
        method: 'POST',
        headers,
        body: payload,
        signal,
      });
    } catch (err) {
      options.signal?.throwIfAborted();
      if (timeout.aborted) {
        failure = new ModelError(
          `no answer from ${options.url} within ${options.timeoutMs / 1000}s`,
          {
            endpoint: options.url,
            hint: 'the server may be overloaded or the model still loading; raise timeoutMs',
            cause: err,
          },
        );
      } else {
        const connection = connectionError(err, options.url);
        if (connection instanceof ModelConfigError) throw connection;
        failure = connection;
      }
    }
    if (response?.ok) return { response, bodyError: (err) => bodyError(err, options, timeout) };
    let delay = backoff(attempt);
    if (response) {
      const detail = await errorDetail(response);
      if (!RETRYABLE.has(response.status)) throw statusError(response.status, detail, options);
      const asked = retryAfterMs(response.headers);
      failure = new ModelError(
        `${options.url} answered ${response.status}${detail ? `: ${detail}` : ''} (after ${attempt + 1} attempt${attempt ? 's' : ''})`,
        {
          endpoint: options.url,
          status: response.status,
          hint:
            response.status === 429
              ? 'rate limited: wait, or lower concurrency'
              : 'the server failed; try again later',
          ...(asked !== undefined ? { retryAfterMs: asked } : {}),
        },
      );
      if (asked !== undefined) {
        if (asked > options.maxRetryDelayMs) throw failure;
        delay = asked;
      }
    }
    if (attempt >= options.maxRetries) throw failure!;
    await sleep(Math.min(delay, options.maxRetryDelayMs), options.signal);
  }
}

function bodyError(err: unknown, options: PostOptions, timeout: AbortSignal): unknown {
  if (options.signal?.aborted) return options.signal.reason;
  if (err instanceof ModelError) return err;
  if (timeout.aborted) {
    return new ModelError(
      `no complete answer from ${options.url} within ${options.timeoutMs / 1000}s (it started answering, then stalled)`,
      {
        endpoint: options.url,
        hint: 'the server may be overloaded or generating a long answer; raise timeoutMs',
        cause: err,
      },
    );
  }
  const cause = (err as { cause?: { message?: string } }).cause;
  return new ModelError(
    `the connection to ${options.url} broke while reading the answer: ${cause?.message ?? (err as Error).message}`,
    {
      endpoint: options.url,
      hint: 'the server may have crashed or restarted; try again',
      cause: err,
    },
  );
}

/** Exponential back-off with jitter: ~0.5s, 1s, 2s, ... capped at 8s. */
function backoff(attempt: number): number {
  return Math.min(8000, 500 * 2 ** attempt) * (0.75 + Math.random() * 0.5);
}

/** `retry-after-ms`, or `retry-after` as seconds or an HTTP date. */
export function retryAfterMs(headers: Headers): number | undefined {
  const ms = headers.get('retry-after-ms');
  if (ms !== null && Number.isFinite(Number(ms))) return Math.max(0, Number(ms));
  const value = headers.get('retry-after');
  if (value === null) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** The server's own words: `{ error: { message } }`, `{ error: "..." }`, or the text. */
async function errorDetail(response: Response): Promise<string> {
  let text = '';
  try {
    text = await response.text();
  } catch {
    return '';
  }
  try {
    const json = JSON.parse(text) as { error?: { message?: unknown } | string; message?: unknown };
    if (typeof json.error === 'string') return json.error;
    if (json.error && typeof json.error.message === 'string') return json.error.message;
    if (typeof json.message === 'string') return json.message;
  } catch {
    // not JSON: fall through to the raw text
  }
  return text.trim().slice(0, 300);
}

function statusError(status: number, detail: string, options: PostOptions): Error {
  const said = detail ? `: ${detail}` : '';
  const endpoint = options.url;
  if (status === 401 || status === 403) {
    return new ModelConfigError(
      `the model endpoint ${endpoint} refused the API key (${status})${said}`,
      {
        code: 'MODEL_AUTH',
        endpoint,
        status,
        hint: options.apiKey
          ? 'check OPENAI_API_KEY (or apiKey in atelier.config.json)'
          : 'no API key was sent: set OPENAI_API_KEY',
      },
    );
  }
  if (status === 404) {
    return new ModelConfigError(
      `the model endpoint ${endpoint} answered 404 for model ${JSON.stringify(options.model)}${said}`,
      {
        code: 'MODEL_NOT_FOUND',
        endpoint,
        status,
        hint: 'check ATELIER_MODEL names a model this server has, and OPENAI_BASE_URL (it usually ends with /v1)',
      },
    );
  }
  // Local servers often lack a feature; say which one the message is about.
  const hint = /tool/i.test(detail)
    ? 'this model may not support tool calling: use one that does, or give the agent no tools'
    : /response_format|json_schema|structured/i.test(detail)
      ? 'this model or server may not support structured output (response_format: json_schema)'
      : undefined;
  return new ModelError(`the model endpoint ${endpoint} rejected the request (${status})${said}`, {
    endpoint,
    status,
    ...(hint ? { hint } : {}),
  });
}

function connectionError(err: unknown, url: string): ModelError | ModelConfigError {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code ?? '';
  if (
    code === 'ECONNREFUSED' ||
    code === 'ENOTFOUND' ||
    code === 'EAI_AGAIN' ||
    code === 'ERR_INVALID_URL' ||
    ((err as Error).name === 'TypeError' && /Invalid URL/i.test((err as Error).message))
  ) {
    const what =
      code === 'ECONNREFUSED'
        ? 'connection refused'
        : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
          ? 'host not found'
          : 'invalid URL';
    return new ModelConfigError(`cannot reach the model endpoint ${url} (${what})`, {
      code: 'MODEL_UNREACHABLE',
      endpoint: url,
      hint: 'is the model server running? check OPENAI_BASE_URL (e.g. http://127.0.0.1:11434/v1 for Ollama)',
      cause: err,
    });
  }
  return new ModelError(`request to ${url} failed: ${cause?.message ?? (err as Error).message}`, {
    endpoint: url,
    cause: err,
  });
}

/** The transport settings both OpenAI-style providers take. */
export interface TransportOptions {
  model: string;
  apiKey?: string;
  timeoutMs?: number;
  maxRetries?: number;
  maxRetryDelayMs?: number;
  headers?: Record<string, string>;
  fetch?: typeof fetch;
}

/** Posts `body` to `url` with the provider's transport settings and their defaults. */
export function postWith(
  options: TransportOptions,
  url: string,
  body: unknown,
  signal: AbortSignal | undefined,
): Promise<Posted> {
  return postJson({
    url,
    apiKey: options.apiKey,
    body,
    model: options.model,
    timeoutMs: options.timeoutMs ?? 600_000,
    maxRetries: options.maxRetries ?? 2,
    maxRetryDelayMs: options.maxRetryDelayMs ?? 60_000,
    signal,
    headers: options.headers,
    fetch: options.fetch ?? fetch,
  });
}

/** The body of a posted request as JSON; a body that is not JSON is a ModelError naming the endpoint. */
export async function readJson(posted: Posted, endpoint: string): Promise<unknown> {
  const text = await posted.response.text().catch((err: unknown) => {
    throw posted.bodyError(err);
  });
  try {
    return JSON.parse(text);
  } catch {
    throw new ModelError(
      `${endpoint} answered with something that is not JSON: ${text.slice(0, 120)}`,
      {
        endpoint,
        hint: 'check OPENAI_BASE_URL points at an OpenAI-compatible API (it usually ends with /v1)',
      },
    );
  }
}
