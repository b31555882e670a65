/**
 * What the /v1 endpoints share: the served targets by model id, starting (or rejoining,
 * by Idempotency-Key) a turn, and turning a client's JSON Schema into an output spec.
 */
import type { Context } from 'hono';
import { z } from 'zod';
import type { JsonSchema, Message } from '../../models/index.js';
import type { ChatOptions, ChatOutput, ChatTarget } from '../chat-targets.js';
import { HttpError } from '../errors.js';
import type { AppOptions } from '../types.js';
import { fingerprint, startTurn, turnCache } from './turns.js';
import type { Turn, TurnCache } from './turns.js';
import { turnFailure } from './upstream.js';

/** Default interval of `: keep-alive` comments on every event stream. */
export const DEFAULT_KEEP_ALIVE_MS = 15_000;
/** How long an answer started with an Idempotency-Key is kept for retries after it ended. */
export const DEFAULT_IDEMPOTENCY_TTL_MS = 60 * 60 * 1000;
/** How long such an answer goes on with no client attached, waiting for a retry. */
const IDEMPOTENT_GRACE_MS = 10 * 60 * 1000;

export interface OpenAiContext {
  targets: ReadonlyMap<string, ChatTarget>;
  find(id: string): ChatTarget;
  keepAliveMs: number;
  cache: TurnCache;
  signal: AbortSignal | undefined;
}

export function openAiContext(options: AppOptions): OpenAiContext {
  const targets = new Map<string, ChatTarget>();
  for (const t of options.chatTargets ?? []) {
    if (targets.has(t.id)) throw new Error(`createApp: two chat targets are named ${t.id}`);
    targets.set(t.id, t);
  }
  return {
    targets,
    find(id) {
      const t = targets.get(id);
      if (t) return t;
      const known = [...targets.keys()];
      throw new HttpError(
        404,
        'model_not_found',
        `The model \`${id}\` does not exist: no agent or team of this server is named so`,
        {
          param: 'model',
          hint: known.length ? `available: ${known.join(', ')}` : 'this server serves no agents',
        },
      );
    },
    keepAliveMs: options.sseKeepAliveMs ?? DEFAULT_KEEP_ALIVE_MS,
    cache: turnCache(options.idempotencyTtlMs ?? DEFAULT_IDEMPOTENCY_TTL_MS),
    signal: options.signal,
  };
}

export interface BeginTurn {
  endpoint: string;
  body: unknown;
  target: ChatTarget;
  messages: readonly Message[];
  options: ChatOptions;
  /** The id a new turn gets (a retry gets the first request's turn and id). */
  newId: string;
  onFinish?: (turn: Turn) => void;
}

/**
 * The turn answering this request: the one a request with the same Idempotency-Key
 * started, or a new one. The request follows it until the client goes away.
 */
export function beginTurn(ctx: OpenAiContext, c: Context, begin: BeginTurn): Turn {
  const key = c.req.header('idempotency-key');
  const print = fingerprint(begin.body);
  const cacheKey = `${begin.endpoint} ${key ?? ''}`;
  let turn = key ? ctx.cache.find(cacheKey, print) : undefined;
  if (!turn) {
    turn = startTurn({
      id: begin.newId,
      target: begin.target,
      messages: begin.messages,
      options: begin.options,
      graceMs: key ? IDEMPOTENT_GRACE_MS : 0,
      signal: ctx.signal,
      ...(begin.onFinish ? { onFinish: begin.onFinish } : {}),
    });
    if (key) ctx.cache.remember(cacheKey, print, turn);
  }
  turn.attach(c.req.raw.signal);
  return turn;
}

/** The failure mapper of one request (which field a user mistake is about). */
export function failureOf(target: ChatTarget, param: string): (err: unknown) => HttpError {
  return (err) => turnFailure(err, { target: target.id, kind: target.kind, param });
}

/** A client's JSON Schema as an output spec; 400 on `param` when it is not usable. */
export function outputFrom(
  target: ChatTarget,
  name: string | undefined,
  schema: unknown,
  param: string,
): ChatOutput {
  if (!target.structuredOutput)
    throw new HttpError(
      400,
      'unsupported_output',
      `${target.id} answers in text: it cannot follow a JSON Schema`,
      {
        param,
        hint: 'structured output is for agents (kind "agent" in GET /v1/models)',
      },
    );
  if (!schema || typeof schema !== 'object' || Array.isArray(schema))
    throw new HttpError(400, 'invalid_request', `${param}: a JSON Schema object is required`, {
      param,
    });
  let zod: z.ZodType;
  try {
    zod = z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]);
  } catch (err) {
    throw new HttpError(
      400,
      'invalid_request',
      `${param}: the JSON Schema cannot be used: ${(err as Error).message}`,
      { param },
    );
  }
  return { name: name ?? 'output', jsonSchema: schema as JsonSchema, schema: zod };
}

/** Rejects `n` other than 1: an agent or a team gives one answer per request. */
export function checkSingleChoice(n: number | null | undefined): void {
  if (n === undefined || n === null || n === 1) return;
  throw new HttpError(
    400,
    'invalid_request',
    `n: only 1 is supported (got ${n}): an agent or team gives one answer per request`,
    {
      param: 'n',
      hint: 'send n: 1 (or leave it out) and repeat the request for more answers',
    },
  );
}
