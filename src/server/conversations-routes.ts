/**
 * Conversations of the web UI's Chat page: list, create, rename, retarget, delete; send a
 * message (the answer is produced on the server and written as it streams), follow an
 * answer's text as server-sent events (resumable with Last-Event-ID), stop it, regenerate.
 */
import { databaseOf } from '../store/runs.js';
import type { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { SSEStreamingApi } from 'hono/streaming';
import { z } from 'zod';
import type { Message } from '../models/index.js';
import { openSqlite } from '../store/sqlite.js';
import { sqliteConversations } from '../store/conversations.js';
import type { Conversation, ConversationStore } from '../store/conversations.js';
import { chatAnswers } from './chat-answers.js';
import type { LiveAnswer } from './chat-answers.js';
import type { ChatTarget } from './chat-targets.js';
import { HttpError } from './errors.js';
import { DEFAULT_KEEP_ALIVE_MS, KEEP_ALIVE_COMMENT } from './openai/index.js';
import type { Operation } from './openapi.js';
import type { AppOptions } from './types.js';
import { readBody } from './validate.js';

/** The longest message a person may send, in characters. */
export const MAX_MESSAGE_CHARS = 100_000;
const DEFAULT_TITLE = 'New conversation';

const Title = z.string().trim().min(1, 'a title cannot be empty').max(200);
const TargetId = z.string().min(1).describe('a chat target id from GET /api/chat-targets');

export const CreateConversation = z.object({ target: TargetId, title: Title.optional() });
export const UpdateConversation = z
  .object({ title: Title.optional(), target: TargetId.optional() })
  .refine((b) => b.title !== undefined || b.target !== undefined, {
    message: 'give a title or a target',
  });
export const SendMessage = z.object({
  content: z
    .string()
    .max(MAX_MESSAGE_CHARS, {
      error: (issue) =>
        `the message is ${String((issue.input as string).length)} characters, over the limit of ${MAX_MESSAGE_CHARS}`,
    })
    .refine((s) => s.trim() !== '', 'the message is empty'),
});

const TargetInfo = z.object({
  id: z.string(),
  kind: z.enum(['agent', 'team']),
  description: z.string(),
});
const ConversationInfo = z.object({
  id: z.string(),
  title: z.string(),
  target: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const MessageSchema = z.object({
  id: z.string(),
  role: z.enum(['user', 'assistant']),
  content: z.string(),
  status: z.enum(['streaming', 'done', 'stopped', 'error', 'interrupted']),
  target: z.string().nullable(),
  runId: z.string().nullable(),
  finish: z.string().nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const ConversationSchema = ConversationInfo.extend({ messages: z.array(MessageSchema) });
const Sent = z.object({ user: MessageSchema.nullable(), assistant: MessageSchema });

function conversationStore(options: AppOptions): ConversationStore {
  if (options.conversations) return options.conversations;
  // Conversations live beside the runs when the run log is a SQLite store.
  const db = options.runs ? databaseOf(options.runs.store) : undefined;
  return sqliteConversations(db ?? openSqlite(':memory:'));
}

/** What the target is given: the conversation so far, without failed or empty answers. */
function historyOf(conversation: Conversation, before: string): Message[] {
  const out: Message[] = [];
  for (const m of conversation.messages) {
    if (m.id === before) break;
    if (m.content.trim() === '') continue;
    out.push({ role: m.role, content: m.content });
  }
  return out;
}

/** What the routes share: the store, the answers under way, the targets, and checks. */
function conversationContext(options: AppOptions) {
  const store = conversationStore(options);
  // Answers that were being written when the last server stopped will not be finished.
  store.interruptStreaming();
  const answers = chatAnswers(store, options.signal);
  const targets = new Map((options.chatTargets ?? []).map((t) => [t.id, t]));
  const available = (): string =>
    targets.size ? `available: ${[...targets.keys()].join(', ')}` : 'this server serves no targets';
  const checkTarget = (id: string): void => {
    if (!targets.has(id))
      throw new HttpError(400, 'target_not_found', `target: no agent or team is named "${id}"`, {
        param: 'target',
        hint: available(),
      });
  };
  const found = (id: string): Conversation => {
    const c = store.get(id);
    if (!c) throw new HttpError(404, 'conversation_not_found', `no conversation with id "${id}"`);
    return c;
  };
  const answer = (conversation: Conversation, assistantId: string): void => {
    const target = targets.get(conversation.target);
    if (!target) throw new Error('checked before');
    answers.start({
      conversationId: conversation.id,
      messageId: assistantId,
      target,
      history: historyOf(conversation, assistantId),
    });
  };
  const targetOf = (conversation: Conversation): ChatTarget => {
    const target = targets.get(conversation.target);
    if (target) return target;
    throw new HttpError(
      409,
      'target_gone',
      `${conversation.target}, the target of this conversation, is no longer served here`,
      { param: 'target', hint: `choose another target (${available()})` },
    );
  };
  const idle = (conversation: Conversation): void => {
    if (answers.activeIn(conversation.id))
      throw new HttpError(409, 'answer_in_progress', 'an answer is still being written', {
        hint: 'wait for it, or stop it first',
      });
  };
  return { store, answers, targets, checkTarget, found, answer, targetOf, idle };
}

type Ctx = ReturnType<typeof conversationContext>;

export function conversationsRoutes(app: Hono, options: AppOptions): Operation[] {
  const ctx = conversationContext(options);
  const { store, answers, targets, checkTarget, found } = ctx;
  app.get('/api/chat-targets', (c) =>
    c.json(
      [...targets.values()].map((t) => ({ id: t.id, kind: t.kind, description: t.description })),
    ),
  );
  app.get('/api/conversations', (c) => c.json(store.list()));
  app.post('/api/conversations', async (c) => {
    const body = await readBody(c, CreateConversation);
    checkTarget(body.target);
    return c.json(store.create({ title: body.title ?? DEFAULT_TITLE, target: body.target }), 201);
  });
  app.get('/api/conversations/:id', (c) => c.json(found(c.req.param('id'))));
  app.patch('/api/conversations/:id', async (c) => {
    const body = await readBody(c, UpdateConversation);
    found(c.req.param('id'));
    if (body.target !== undefined) checkTarget(body.target);
    return c.json(store.update(c.req.param('id'), body));
  });
  app.delete('/api/conversations/:id', (c) => {
    const conversation = found(c.req.param('id'));
    answers.activeIn(conversation.id)?.stop();
    store.delete(conversation.id);
    return c.json({ id: conversation.id, deleted: true });
  });

  messageRoutes(app, ctx, options.sseKeepAliveMs ?? DEFAULT_KEEP_ALIVE_MS);
  return operations();
}

/** Sending, following, stopping and regenerating answers. */
function messageRoutes(app: Hono, ctx: Ctx, keepAliveMs: number): void {
  const { store, answers, found, answer, targetOf, idle } = ctx;
  app.post('/api/conversations/:id/messages', async (c) => {
    const body = await readBody(c, SendMessage);
    const conversation = found(c.req.param('id'));
    const target = targetOf(conversation);
    idle(conversation);
    if (conversation.messages.length === 0 && conversation.title === DEFAULT_TITLE) {
      const words = body.content.trim().replace(/\s+/g, ' ');
      store.update(conversation.id, {
        title: words.length > 60 ? `${words.slice(0, 59)}…` : words,
      });
    }
    const user = store.append(conversation.id, {
      role: 'user',
      content: body.content,
      status: 'done',
    });
    const assistant = store.append(conversation.id, {
      role: 'assistant',
      content: '',
      status: 'streaming',
      target: target.id,
    });
    answer(found(conversation.id), assistant.id);
    return c.json({ user, assistant }, 201);
  });

  app.post('/api/conversations/:id/messages/:message/regenerate', (c) => {
    const conversation = found(c.req.param('id'));
    const id = c.req.param('message');
    const last = conversation.messages[conversation.messages.length - 1];
    if (!last || last.id !== id || last.role !== 'assistant')
      throw new HttpError(409, 'not_last_answer', 'only the last answer can be regenerated', {
        param: 'message',
      });
    targetOf(conversation);
    idle(conversation);
    store.deleteMessage(id);
    const assistant = store.append(conversation.id, {
      role: 'assistant',
      content: '',
      status: 'streaming',
      target: conversation.target,
    });
    answer(found(conversation.id), assistant.id);
    return c.json({ user: null, assistant }, 201);
  });

  app.post('/api/conversations/:id/messages/:message/stop', (c) => {
    found(c.req.param('id'));
    const live = answers.get(c.req.param('message'));
    live?.stop();
    return c.json({ id: c.req.param('message'), stopped: live !== undefined && !live.finished });
  });

  app.get('/api/conversations/:id/messages/:message/events', (c) => {
    const conversation = found(c.req.param('id'));
    const id = c.req.param('message');
    if (!conversation.messages.some((m) => m.id === id))
      throw new HttpError(404, 'message_not_found', `no message with id "${id}" here`);
    const after = Number(c.req.header('last-event-id') ?? '0');
    return streamSSE(c, (stream) =>
      followAnswer(stream, store, answers.get(id), conversation.id, id, after, keepAliveMs),
    );
  });
}

/**
 * Sends the answer's text after `after` pieces as `delta` events (id = pieces seen), the
 * run it started as a `run` event, then `end` with the message as stored.
 */
async function followAnswer(
  stream: SSEStreamingApi,
  store: ConversationStore,
  live: LiveAnswer | undefined,
  conversationId: string,
  messageId: string,
  after: number,
  keepAliveMs: number,
): Promise<void> {
  let closed = false;
  stream.onAbort(() => {
    closed = true;
  });
  let seen = Number.isInteger(after) && after > 0 ? after : 0;
  let runSent = false;
  while (live && !closed) {
    if (live.runId !== null && !runSent) {
      runSent = true;
      await stream.writeSSE({ event: 'run', data: JSON.stringify({ runId: live.runId }) });
    }
    if (live.pieces.length > seen) {
      const text = live.pieces.slice(seen).join('');
      seen = live.pieces.length;
      await stream.writeSSE({ id: String(seen), event: 'delta', data: JSON.stringify({ text }) });
      continue;
    }
    if (live.finished) break;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const quiet = await Promise.race([
      live.changed(seen, runSent).then(() => false),
      new Promise<boolean>((r) => (timer = setTimeout(() => r(true), keepAliveMs))),
    ]);
    clearTimeout(timer);
    if (quiet && !closed) await stream.write(KEEP_ALIVE_COMMENT);
  }
  if (closed) return;
  const message = store.get(conversationId)?.messages.find((m) => m.id === messageId);
  await stream.writeSSE({ event: 'end', data: JSON.stringify(message ?? null) });
}

function operations(): Operation[] {
  const tag = 'chat';
  const base = '/api/conversations';
  return [
    {
      method: 'get',
      path: '/api/chat-targets',
      summary: 'Agents and teams a conversation can talk to',
      tag,
      response: z.array(TargetInfo),
    },
    {
      method: 'get',
      path: base,
      summary: 'Conversations, most recently updated first',
      tag,
      response: z.array(ConversationInfo),
    },
    {
      method: 'post',
      path: base,
      summary: 'Start a conversation with a target',
      tag,
      body: CreateConversation,
      response: ConversationInfo,
      errors: [400],
    },
    {
      method: 'get',
      path: `${base}/:id`,
      summary: 'A conversation and its messages',
      tag,
      response: ConversationSchema,
      errors: [404],
    },
    {
      method: 'patch',
      path: `${base}/:id`,
      summary: 'Rename a conversation or change its target',
      tag,
      body: UpdateConversation,
      response: ConversationInfo,
      errors: [400, 404],
    },
    {
      method: 'delete',
      path: `${base}/:id`,
      summary: 'Delete a conversation (stops its answer)',
      tag,
      errors: [404],
    },
    {
      method: 'post',
      path: `${base}/:id/messages`,
      summary: 'Send a message; the answer is written on the server as it streams',
      tag,
      body: SendMessage,
      response: Sent,
      errors: [400, 404, 409, 413],
    },
    {
      method: 'post',
      path: `${base}/:id/messages/:message/regenerate`,
      summary: 'Answer the last message again',
      tag,
      response: Sent,
      errors: [404, 409],
    },
    {
      method: 'post',
      path: `${base}/:id/messages/:message/stop`,
      summary: 'Stop an answer being written (cancels the model request)',
      tag,
      errors: [404],
    },
    {
      method: 'get',
      path: `${base}/:id/messages/:message/events`,
      summary: 'An answer as it is written: `delta`, `run`, then `end` with the stored message',
      tag,
      response: 'sse',
      errors: [404],
    },
  ];
}
