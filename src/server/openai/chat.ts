/**
 * POST /v1/chat/completions: plain, or streamed as `chat.completion.chunk` events ending
 * with `[DONE]` (`: keep-alive` comments while a team waits). `response_format`
 * json_schema is honoured by agents, `n` other than 1 is refused, `finish_reason` is the
 * model's, an `Idempotency-Key` retry rejoins the first request's answer.
 */
import { randomUUID } from 'node:crypto';
import type { Context, Hono } from 'hono';
import type { SSEStreamingApi } from 'hono/streaming';
import { z } from 'zod';
import type { Message, Usage } from '../../models/index.js';
import type { ChatOptions, ChatTarget } from '../chat-targets.js';
import { HttpError, errorBody } from '../errors.js';
import type { Operation } from '../openapi.js';
import { readBody } from '../validate.js';
import { beginTurn, checkSingleChoice, failureOf, outputFrom } from './common.js';
import type { OpenAiContext } from './common.js';
import { streamTurn, wholeTurn } from './sse.js';
import type { TurnWriter } from './sse.js';
import type { Turn } from './turns.js';

const TextPart = z.object({ type: z.literal('text'), text: z.string() }).loose();
const Content = z.union([z.string(), z.array(TextPart), z.null()]);

const ResponseFormat = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text') }).loose(),
  z.object({ type: z.literal('json_object') }).loose(),
  z
    .object({
      type: z.literal('json_schema'),
      json_schema: z
        .object({
          name: z.string().min(1),
          schema: z.record(z.string(), z.unknown()),
          strict: z.boolean().nullable().optional(),
          description: z.string().optional(),
        })
        .loose(),
    })
    .loose(),
]);

export const ChatCompletionRequest = z
  .object({
    model: z.string().min(1),
    messages: z
      .array(
        z
          .object({
            role: z.enum(['system', 'developer', 'user', 'assistant', 'tool']),
            content: Content.optional(),
          })
          .loose(),
      )
      .min(1, 'at least one message is required'),
    stream: z.boolean().nullable().optional(),
    stream_options: z
      .object({ include_usage: z.boolean().optional() })
      .loose()
      .nullable()
      .optional(),
    n: z.number().int().min(1).nullable().optional().describe('only 1 is supported'),
    response_format: ResponseFormat.optional().describe(
      'json_schema: the agent answers JSON matching the schema',
    ),
  })
  .loose();

const Usage = z.object({
  prompt_tokens: z.number(),
  completion_tokens: z.number(),
  total_tokens: z.number(),
});
const ChatCompletion = z.object({
  id: z.string(),
  object: z.literal('chat.completion'),
  created: z.number(),
  model: z.string(),
  choices: z.array(
    z.object({
      index: z.number(),
      message: z.object({ role: z.literal('assistant'), content: z.string(), refusal: z.null() }),
      finish_reason: z.enum(['stop', 'length', 'content_filter']),
      logprobs: z.null(),
    }),
  ),
  usage: Usage,
});

type ChatRequest = z.infer<typeof ChatCompletionRequest>;

function textOf(content: ChatRequest['messages'][number]['content']): string {
  if (content === undefined || content === null) return '';
  if (typeof content === 'string') return content;
  return content.map((p) => p.text).join('');
}

/** OpenAI messages -> Atelier messages. Client-side tool traffic has no meaning here and is dropped. */
function toMessages(request: ChatRequest): Message[] {
  const out: Message[] = [];
  for (const m of request.messages) {
    const content = textOf(m.content);
    if (m.role === 'system' || m.role === 'developer') out.push({ role: 'system', content });
    else if (m.role === 'user') out.push({ role: 'user', content });
    else if (m.role === 'assistant' && content) out.push({ role: 'assistant', content });
  }
  if (!out.some((m) => m.role === 'user')) {
    throw new HttpError(400, 'invalid_request', 'messages: at least one user message is required', {
      param: 'messages',
    });
  }
  return out;
}

function chatOptions(target: ChatTarget, request: ChatRequest): ChatOptions {
  const format = request.response_format;
  if (!format || format.type === 'text') return {};
  if (format.type === 'json_object')
    return { output: outputFrom(target, 'json_object', { type: 'object' }, 'response_format') };
  const { name, schema } = format.json_schema;
  return { output: outputFrom(target, name, schema, 'response_format.json_schema.schema') };
}

export function usageOf(u: Usage | undefined) {
  return {
    prompt_tokens: u?.inputTokens ?? 0,
    completion_tokens: u?.outputTokens ?? 0,
    total_tokens: u?.totalTokens ?? 0,
  };
}

export function chatRoute(app: Hono, ctx: OpenAiContext): Operation[] {
  app.post('/v1/chat/completions', async (c) => {
    const body = await readBody(c, ChatCompletionRequest);
    const target = ctx.find(body.model);
    checkSingleChoice(body.n);
    const messages = toMessages(body);
    const turn = beginTurn(ctx, c, {
      endpoint: 'chat',
      body,
      target,
      messages,
      options: chatOptions(target, body),
      newId: `chatcmpl-${randomUUID()}`,
    });
    const failure = failureOf(target, 'messages');
    if (body.stream) {
      const includeUsage = body.stream_options?.include_usage === true;
      return streamTurn(
        c,
        turn,
        { keepAliveMs: ctx.keepAliveMs, failure },
        chunkWriter(turn, target, includeUsage),
      );
    }
    await wholeTurn(turn, failure);
    return completion(c, turn, target);
  });
  return [
    {
      method: 'post',
      path: '/v1/chat/completions',
      summary:
        'Chat with an agent or team (OpenAI chat completions; `stream: true` for server-sent chunks)',
      tag: 'openai',
      body: ChatCompletionRequest,
      response: ChatCompletion,
      errors: [400, 404, 409, 413, 429, 502, 504],
    },
  ];
}

function completion(c: Context, turn: Turn, target: ChatTarget): Response {
  const done = turn.done!;
  return c.json({
    id: turn.id,
    object: 'chat.completion',
    created: turn.created,
    model: target.id,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: done.text, refusal: null },
        finish_reason: done.finishReason ?? 'stop',
        logprobs: null,
      },
    ],
    usage: usageOf(done.usage),
  });
}

function chunkWriter(turn: Turn, target: ChatTarget, includeUsage: boolean): TurnWriter {
  const chunk = (
    delta: Record<string, unknown>,
    finish: string | null,
    extra: Record<string, unknown> = {},
  ) =>
    JSON.stringify({
      id: turn.id,
      object: 'chat.completion.chunk',
      created: turn.created,
      model: target.id,
      choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
      ...extra,
    });
  const send = (stream: SSEStreamingApi, data: string): Promise<void> => stream.writeSSE({ data });
  return {
    start: (stream) => send(stream, chunk({ role: 'assistant', content: '' }, null)),
    piece: (stream, text) => send(stream, chunk({ content: text }, null)),
    async end(stream, done) {
      await send(stream, chunk({}, done.finishReason ?? 'stop'));
      if (includeUsage) {
        const usage = { choices: [], usage: usageOf(done.usage) };
        await send(
          stream,
          JSON.stringify({
            id: turn.id,
            object: 'chat.completion.chunk',
            created: turn.created,
            model: target.id,
            ...usage,
          }),
        );
      }
      await send(stream, '[DONE]');
    },
    async fail(stream, error) {
      // Mid-stream failures cannot change the status any more: an error event, as OpenAI sends.
      const body = errorBody(error.code, error.message, error.details, error.status);
      await send(stream, JSON.stringify(body));
      await send(stream, '[DONE]');
    },
  };
}
