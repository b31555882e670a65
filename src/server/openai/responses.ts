/**
 * POST /v1/responses (OpenAI's Responses API) for agents and teams: plain, or streamed as
 * the Responses events (response.created, response.output_text.delta, ...,
 * response.completed); `previous_response_id` continues a conversation kept in the store;
 * `text.format` json_schema is honoured by agents. GET /v1/responses/:id reads one back.
 */
import { randomUUID } from 'node:crypto';
import type { Hono } from 'hono';
import type { SSEStreamingApi } from 'hono/streaming';
import { z } from 'zod';
import type { Message } from '../../models/index.js';
import type { ResponseStore } from '../../store/responses.js';
import type { ChatOptions, ChatTarget } from '../chat-targets.js';
import { HttpError, errorBody } from '../errors.js';
import type { Operation } from '../openapi.js';
import { readBody } from '../validate.js';
import { beginTurn, failureOf, outputFrom } from './common.js';
import type { OpenAiContext } from './common.js';
import { responseObject } from './response-object.js';
import type { ResponseRequest } from './response-object.js';
import { streamTurn, wholeTurn } from './sse.js';
import type { TurnWriter } from './sse.js';
import type { Turn } from './turns.js';

const TextPart = z
  .object({ type: z.enum(['input_text', 'output_text', 'text']), text: z.string() })
  .loose();
const OtherPart = z.object({ type: z.string() }).loose();
const MessageItem = z
  .object({
    type: z.literal('message').optional(),
    role: z.enum(['user', 'assistant', 'system', 'developer']),
    content: z.union([z.string(), z.array(z.union([TextPart, OtherPart]))]),
  })
  .loose();
/** Client-side tool calls and their outputs, reasoning items: no meaning here, dropped. */
const OtherItem = z.object({ type: z.string() }).loose();

const Format = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text') }).loose(),
  z.object({ type: z.literal('json_object') }).loose(),
  z
    .object({
      type: z.literal('json_schema'),
      name: z.string().min(1),
      schema: z.record(z.string(), z.unknown()),
      strict: z.boolean().nullable().optional(),
      description: z.string().optional(),
    })
    .loose(),
]);

export const ResponsesRequest = z
  .object({
    model: z.string().min(1),
    input: z.union([z.string(), z.array(z.union([MessageItem, OtherItem]))]),
    instructions: z.string().nullable().optional(),
    previous_response_id: z
      .string()
      .nullable()
      .optional()
      .describe('continue the conversation of this earlier response'),
    stream: z.boolean().nullable().optional(),
    text: z.object({ format: Format.optional() }).loose().nullable().optional(),
    conversation: z.unknown().optional().describe('not supported: use previous_response_id'),
    metadata: z.record(z.string(), z.string()).nullable().optional(),
  })
  .loose();

type Request = z.infer<typeof ResponsesRequest>;

function partsText(content: z.infer<typeof MessageItem>['content'], i: number): string {
  if (typeof content === 'string') return content;
  return content
    .map((p, j) => {
      if ('text' in p && typeof p.text === 'string') return p.text;
      throw new HttpError(
        400,
        'unsupported_content',
        `input[${i}].content[${j}]: only text parts are supported, not ${p.type}`,
        { param: `input[${i}].content[${j}]` },
      );
    })
    .join('');
}

/** The request's own input as messages (instructions first). */
function inputMessages(request: Request): Message[] {
  const out: Message[] = [];
  if (typeof request.input === 'string') return [{ role: 'user', content: request.input }];
  request.input.forEach((item, i) => {
    if (!('role' in item) || (item.type !== undefined && item.type !== 'message')) return;
    const m = MessageItem.parse(item);
    const content = partsText(m.content, i);
    if (m.role === 'system' || m.role === 'developer') out.push({ role: 'system', content });
    else if (m.role === 'user') out.push({ role: 'user', content });
    else if (content) out.push({ role: 'assistant', content });
  });
  return out;
}

function responseOptions(target: ChatTarget, request: Request): ChatOptions {
  const format = request.text?.format;
  if (!format || format.type === 'text') return {};
  if (format.type === 'json_object')
    return { output: outputFrom(target, 'json_object', { type: 'object' }, 'text.format') };
  return { output: outputFrom(target, format.name, format.schema, 'text.format.schema') };
}

/**
 * The conversation a request continues: its instructions, the stored conversation of
 * `previous_response_id`, then its own input.
 */
function conversationOf(body: Request, own: Message[], store: ResponseStore): Message[] {
  if (body.conversation !== undefined && body.conversation !== null)
    throw new HttpError(
      400,
      'unsupported_parameter',
      'conversation: not supported by this server',
      {
        param: 'conversation',
        hint: 'continue a conversation with previous_response_id',
      },
    );
  let earlier: Message[] = [];
  if (body.previous_response_id) {
    const found = store.conversation(body.previous_response_id);
    if (!found)
      throw new HttpError(
        400,
        'previous_response_not_found',
        `Previous response with id '${body.previous_response_id}' not found.`,
        { param: 'previous_response_id' },
      );
    earlier = found;
  }
  const system: Message[] = body.instructions
    ? [{ role: 'system', content: body.instructions }]
    : [];
  const messages = [...system, ...earlier, ...own];
  if (!messages.some((m) => m.role === 'user'))
    throw new HttpError(400, 'invalid_request', 'input: at least one user message is required', {
      param: 'input',
    });
  return messages;
}

export function responsesRoute(app: Hono, ctx: OpenAiContext, store: ResponseStore): Operation[] {
  app.post('/v1/responses', async (c) => {
    const body = await readBody(c, ResponsesRequest);
    const target = ctx.find(body.model);
    const own = inputMessages(body);
    const messages = conversationOf(body, own, store);
    const request: ResponseRequest = body;
    const turn = beginTurn(ctx, c, {
      endpoint: 'responses',
      body,
      target,
      messages,
      options: responseOptions(target, body),
      newId: `resp_${randomUUID().replace(/-/g, '')}`,
      onFinish: (t) => {
        if (t.error !== undefined || !t.done) return;
        store.save({
          id: t.id,
          model: target.id,
          createdAt: t.created,
          previousId: body.previous_response_id ?? null,
          messages: [...own, { role: 'assistant', content: t.done.text }],
          body: responseObject(t, target, request, 'final'),
        });
      },
    });
    const failure = failureOf(target, 'input');
    if (body.stream)
      return streamTurn(
        c,
        turn,
        { keepAliveMs: ctx.keepAliveMs, failure },
        eventWriter(turn, target, request),
      );
    await wholeTurn(turn, failure);
    return c.json(responseObject(turn, target, request, 'final'));
  });

  app.get('/v1/responses/:id', (c) => {
    const found = store.get(c.req.param('id'));
    if (!found)
      throw new HttpError(
        404,
        'response_not_found',
        `No response with id '${c.req.param('id')}' found.`,
        { param: 'id' },
      );
    return c.json(found.body);
  });

  return [
    {
      method: 'post',
      path: '/v1/responses',
      summary:
        'Talk to an agent or team with the OpenAI Responses API (`stream: true` for Responses events; previous_response_id continues a conversation)',
      tag: 'openai',
      body: ResponsesRequest,
      errors: [400, 404, 409, 413, 429, 502, 504],
    },
    {
      method: 'get',
      path: '/v1/responses/:id',
      summary: 'A response given earlier',
      tag: 'openai',
      errors: [404],
    },
  ];
}

/** The Responses stream: created, in_progress, the message item, text deltas, then the end. */
function eventWriter(turn: Turn, target: ChatTarget, request: ResponseRequest): TurnWriter {
  let seq = 0;
  const itemId = `msg_${turn.id.slice('resp_'.length)}`;
  const send = (
    stream: SSEStreamingApi,
    type: string,
    data: Record<string, unknown>,
  ): Promise<void> =>
    stream.writeSSE({
      event: type,
      data: JSON.stringify({ type, sequence_number: seq++, ...data }),
    });
  const at = { item_id: itemId, output_index: 0, content_index: 0 };
  let text = '';
  return {
    async start(stream) {
      const response = responseObject(turn, target, request, 'in_progress');
      await send(stream, 'response.created', { response });
      await send(stream, 'response.in_progress', { response });
      await send(stream, 'response.output_item.added', {
        output_index: 0,
        item: {
          id: itemId,
          type: 'message',
          status: 'in_progress',
          role: 'assistant',
          content: [],
        },
      });
      await send(stream, 'response.content_part.added', {
        ...at,
        part: { type: 'output_text', text: '', annotations: [] },
      });
    },
    async piece(stream, delta) {
      text += delta;
      await send(stream, 'response.output_text.delta', { ...at, delta, logprobs: [] });
    },
    async end(stream) {
      const final = responseObject(turn, target, request, 'final');
      await send(stream, 'response.output_text.done', { ...at, text, logprobs: [] });
      await send(stream, 'response.content_part.done', {
        ...at,
        part: { type: 'output_text', text, annotations: [] },
      });
      const item = (final.output as unknown[])[0];
      await send(stream, 'response.output_item.done', { output_index: 0, item });
      await send(
        stream,
        final.status === 'completed' ? 'response.completed' : 'response.incomplete',
        { response: final },
      );
    },
    async fail(stream, error) {
      // The `error` object makes the openai client throw; code/message/param are the event's own.
      const { error: body } = errorBody(error.code, error.message, error.details, error.status);
      await send(stream, 'error', {
        code: error.code,
        message: error.message,
        param: body.param,
        error: body,
      });
      const failed = responseObject(turn, target, request, 'failed', {
        code: error.code,
        message: error.message,
      });
      await send(stream, 'response.failed', { response: failed });
    },
  };
}
