/**
 * OpenAI-compatible endpoints: GET /v1/models and POST /v1/chat/completions (plain or
 * streamed as `chat.completion.chunk` server-sent events ending with `[DONE]`), so the
 * official openai client, pointed at <server>/v1, chats with Atelier agents and teams.
 */
import { randomUUID } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import type { Message } from '../models/index.js';
import type { ChatTarget } from './chat-targets.js';
import { HttpError } from './errors.js';
import type { Operation } from './openapi.js';
import type { AppOptions } from './types.js';
import { readBody } from './validate.js';

const TextPart = z.object({ type: z.literal('text'), text: z.string() }).loose();
const Content = z.union([z.string(), z.array(TextPart), z.null()]);

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
    stream: z.boolean().optional(),
    stream_options: z
      .object({ include_usage: z.boolean().optional() })
      .loose()
      .nullable()
      .optional(),
  })
  .loose();

const ModelInfo = z.object({
  id: z.string(),
  object: z.literal('model'),
  created: z.number(),
  owned_by: z.string(),
  description: z.string(),
});
const ModelList = z.object({ object: z.literal('list'), data: z.array(ModelInfo) });
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
      finish_reason: z.literal('stop'),
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

function usageOf(
  u: { inputTokens: number; outputTokens: number; totalTokens: number } | undefined,
) {
  return {
    prompt_tokens: u?.inputTokens ?? 0,
    completion_tokens: u?.outputTokens ?? 0,
    total_tokens: u?.totalTokens ?? 0,
  };
}

export function openAiRoutes(app: Hono, options: AppOptions): Operation[] {
  const targets = new Map<string, ChatTarget>();
  for (const t of options.chatTargets ?? []) {
    if (targets.has(t.id)) throw new Error(`createApp: two chat targets are named ${t.id}`);
    targets.set(t.id, t);
  }
  const created = Math.floor(Date.now() / 1000);
  const info = (t: ChatTarget) => ({
    id: t.id,
    object: 'model' as const,
    created,
    owned_by: t.kind === 'team' ? 'atelier-team' : 'atelier-agent',
    description: t.description,
  });
  const find = (id: string): ChatTarget => {
    const t = targets.get(id);
    if (!t) {
      const known = [...targets.keys()];
      throw new HttpError(404, 'model_not_found', `no agent or team named "${id}"`, {
        type: 'invalid_request_error',
        param: 'model',
        hint: known.length ? `available: ${known.join(', ')}` : 'this server serves no agents',
      });
    }
    return t;
  };

  app.get('/v1/models', (c) => c.json({ object: 'list', data: [...targets.values()].map(info) }));
  app.get('/v1/models/:id', (c) => c.json(info(find(c.req.param('id')))));

  app.post('/v1/chat/completions', async (c) => {
    const body = await readBody(c, ChatCompletionRequest);
    const target = find(body.model);
    const messages = toMessages(body);
    const id = `chatcmpl-${randomUUID()}`;
    const now = Math.floor(Date.now() / 1000);
    if (body.stream)
      return streamChat(c, target, messages, {
        id,
        now,
        includeUsage: body.stream_options?.include_usage === true,
      });
    let text = '';
    let usage;
    for await (const chunk of target.chat(messages, c.req.raw.signal)) {
      if (chunk.type === 'done') {
        text = chunk.text;
        usage = chunk.usage;
      }
    }
    return c.json({
      id,
      object: 'chat.completion',
      created: now,
      model: target.id,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: text, refusal: null },
          finish_reason: 'stop',
          logprobs: null,
        },
      ],
      usage: usageOf(usage),
    });
  });

  return [
    {
      method: 'get',
      path: '/v1/models',
      summary: 'The agents and teams this server serves, as OpenAI models',
      tag: 'openai',
      response: ModelList,
    },
    {
      method: 'get',
      path: '/v1/models/:id',
      summary: 'One agent or team',
      tag: 'openai',
      response: ModelInfo,
      errors: [404],
    },
    {
      method: 'post',
      path: '/v1/chat/completions',
      summary:
        'Chat with an agent or team (OpenAI chat completions; `stream: true` for server-sent chunks)',
      tag: 'openai',
      body: ChatCompletionRequest,
      response: ChatCompletion,
      errors: [400, 404, 413],
    },
  ];
}

function streamChat(
  c: Context,
  target: ChatTarget,
  messages: Message[],
  meta: { id: string; now: number; includeUsage: boolean },
): Response {
  const chunk = (
    delta: Record<string, unknown>,
    finish: string | null,
    extra: Record<string, unknown> = {},
  ) =>
    JSON.stringify({
      id: meta.id,
      object: 'chat.completion.chunk',
      created: meta.now,
      model: target.id,
      choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
      ...extra,
    });
  return streamSSE(c, async (stream) => {
    const abort = new AbortController();
    stream.onAbort(() => abort.abort());
    await stream.writeSSE({ data: chunk({ role: 'assistant', content: '' }, null) });
    try {
      for await (const part of target.chat(messages, abort.signal)) {
        if (part.type === 'text')
          await stream.writeSSE({ data: chunk({ content: part.text }, null) });
        else {
          await stream.writeSSE({ data: chunk({}, 'stop') });
          if (meta.includeUsage) {
            await stream.writeSSE({
              data: JSON.stringify({
                id: meta.id,
                object: 'chat.completion.chunk',
                created: meta.now,
                model: target.id,
                choices: [],
                usage: usageOf(part.usage),
              }),
            });
          }
        }
      }
    } catch (err) {
      if (abort.signal.aborted) return;
      // Mid-stream failures cannot change the status any more: send an error chunk, as OpenAI does.
      const message = err instanceof Error ? err.message : String(err);
      console.error(`[atelier serve] chat with ${target.id} failed:`, err);
      await stream.writeSSE({
        data: JSON.stringify({ error: { code: 'chat_failed', message, type: 'server_error' } }),
      });
    }
    await stream.writeSSE({ data: '[DONE]' });
  });
}
