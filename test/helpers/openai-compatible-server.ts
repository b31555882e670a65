/**
 * A scripted chat-completions HTTP server for tests, on 127.0.0.1: it answers
 * `POST /v1/chat/completions` with the replies it was given, in order — as one JSON body,
 * or as server-sent events when the request asks for `stream: true` — and records every
 * request. It is a real HTTP server, not a model.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Reply =
  | {
      kind: 'message';
      content: string | null;
      toolCalls?: Array<{ id: string; name: string; arguments: string }>;
      usage?: { prompt_tokens: number; completion_tokens: number };
      /** `finish_reason` to send (default `tool_calls` or `stop`); `null` sends none. */
      finishReason?: string | null;
      /** OpenAI's `refusal` field (message, or `delta.refusal` when streamed). */
      refusal?: string;
      /** Reasoning text, in the field some servers use (DeepSeek, vLLM: `reasoning_content`; OpenRouter, Ollama: `reasoning`). */
      reasoning?: { field: 'reasoning_content' | 'reasoning'; text: string };
      /** Streamed only: end with `data: [DONE]` (default true). */
      done?: boolean;
    }
  | { kind: 'status'; status: number; body: unknown; headers?: Record<string, string> }
  | { kind: 'raw'; status: number; contentType: string; body: string }
  | { kind: 'hang' }
  | { kind: 'stall'; text: string }
  | { kind: 'sse'; events: unknown[] }
  | { kind: 'drip'; tokens: string[]; everyMs: number };

export const reply = {
  text: (content: string, usage = { prompt_tokens: 10, completion_tokens: 5 }): Reply => ({
    kind: 'message',
    content,
    usage,
  }),
  toolCalls: (...calls: Array<{ name: string; args: unknown; id?: string }>): Reply => ({
    kind: 'message',
    content: null,
    toolCalls: calls.map((c, i) => ({
      id: c.id ?? `call_${i + 1}_${c.name}`,
      name: c.name,
      arguments: typeof c.args === 'string' ? c.args : JSON.stringify(c.args),
    })),
    usage: { prompt_tokens: 10, completion_tokens: 5 },
  }),
  status: (status: number, message: string, headers?: Record<string, string>): Reply => ({
    kind: 'status',
    status,
    body: { error: { message, type: 'error' } },
    ...(headers ? { headers } : {}),
  }),
  raw: (status: number, contentType: string, body: string): Reply => ({
    kind: 'raw',
    status,
    contentType,
    body,
  }),
  /** Never answers (until the client gives up or the server closes). */
  hang: (): Reply => ({ kind: 'hang' }),
  /**
   * Sends the status line and headers, then part of the body, then nothing more: for a
   * stream, one event with `text`; otherwise the start of a JSON body.
   */
  stall: (text = 'Partial'): Reply => ({ kind: 'stall', text }),
  /**
   * Streams these tokens one by one, `everyMs` apart (streamed requests only); a client
   * that closes the connection before the last one is counted by `cancelled()`.
   */
  drip: (tokens: string[], everyMs = 50): Reply => ({ kind: 'drip', tokens, everyMs }),
  /** Streams exactly these chunks as `data:` events, then `[DONE]`. */
  sse: (...events: unknown[]): Reply => ({ kind: 'sse', events }),
  /** The model declines: OpenAI's `refusal` field, no content. */
  refusal: (text: string): Reply => ({
    kind: 'message',
    content: null,
    refusal: text,
    usage: { prompt_tokens: 10, completion_tokens: 5 },
  }),
  /** The provider's filter cut the answer: `finish_reason: "content_filter"`. */
  contentFilter: (partial = ''): Reply => ({
    kind: 'message',
    content: partial,
    finishReason: 'content_filter',
    usage: { prompt_tokens: 10, completion_tokens: 5 },
  }),
  /** The answer hit the token limit: `finish_reason: "length"`. */
  length: (partial: string): Reply => ({
    kind: 'message',
    content: partial,
    finishReason: 'length',
    usage: { prompt_tokens: 10, completion_tokens: 5 },
  }),
  /** An answer preceded by reasoning text in a separate field. */
  reasoning: (
    thinking: string,
    answer: string,
    field: 'reasoning_content' | 'reasoning' = 'reasoning_content',
  ): Reply => ({
    kind: 'message',
    content: answer,
    reasoning: { field, text: thinking },
    usage: { prompt_tokens: 10, completion_tokens: 5 },
  }),
  /** A stream that stops cleanly after some text: no `finish_reason`, no `[DONE]`. */
  cut: (partial: string): Reply => ({
    kind: 'message',
    content: partial,
    finishReason: null,
    done: false,
  }),
};

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
  at: number;
}

export interface ChatCompletionsServer {
  /** Base URL, ending in /v1 (what OPENAI_BASE_URL would be). */
  url: string;
  requests: RecordedRequest[];
  /** Appends replies to the script. */
  script(...replies: Reply[]): void;
  remaining(): number;
  /** Answers held open (`hang`, `stall`) whose connection the client has not closed yet. */
  held(): number;
  /** `drip` answers whose client closed the connection before the last token. */
  cancelled(): number;
  close(): Promise<void>;
}

export async function startChatCompletionsServer(
  initial: Reply[] = [],
): Promise<ChatCompletionsServer> {
  const queue = [...initial];
  const requests: RecordedRequest[] = [];
  const open = new Set<ServerResponse>();
  const counts = { cancelled: 0 };

  const server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (d: string) => (raw += d));
    req.on('end', () => {
      let body: Record<string, unknown> = {};
      try {
        body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      } catch {
        res
          .writeHead(400, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: { message: 'body is not JSON' } }));
        return;
      }
      requests.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body,
        at: Date.now(),
      });
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        res
          .writeHead(404, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: { message: `no route ${req.method} ${req.url}` } }));
        return;
      }
      const next = queue.shift();
      if (!next) {
        res
          .writeHead(500, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: { message: 'scripted server: no reply left' } }));
        return;
      }
      answer(next, body, res, open, counts);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    script: (...replies) => void queue.push(...replies),
    remaining: () => queue.length,
    held: () => open.size,
    cancelled: () => counts.cancelled,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of open) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function answer(
  r: Reply,
  body: Record<string, unknown>,
  res: ServerResponse,
  open: Set<ServerResponse>,
  counts: { cancelled: number },
): void {
  switch (r.kind) {
    case 'drip':
      drip(r, body, res, counts);
      return;
    case 'hang':
      open.add(res);
      res.on('close', () => open.delete(res));
      return;
    case 'stall':
      open.add(res);
      res.on('close', () => open.delete(res));
      if (body.stream === true) {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        res.write(
          `data: ${JSON.stringify({ choices: [{ index: 0, delta: { role: 'assistant', content: r.text }, finish_reason: null }] })}\n\n`,
        );
      } else {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"id":"chatcmpl-stalled","choices":[');
      }
      return;
    case 'sse':
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.end(`${r.events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join('')}data: [DONE]\n\n`);
      return;
    case 'status':
      res
        .writeHead(r.status, { 'content-type': 'application/json', ...r.headers })
        .end(JSON.stringify(r.body));
      return;
    case 'raw':
      res.writeHead(r.status, { 'content-type': r.contentType }).end(r.body);
      return;
    case 'message':
      if (body.stream === true) streamMessage(r, body, res);
      else
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify(completion(r, body)));
  }
}

function finishOf(r: Extract<Reply, { kind: 'message' }>): string | null {
  if (r.finishReason !== undefined) return r.finishReason;
  return r.toolCalls?.length ? 'tool_calls' : 'stop';
}

function usage(r: Extract<Reply, { kind: 'message' }>): Record<string, number> | undefined {
  return r.usage
    ? { ...r.usage, total_tokens: r.usage.prompt_tokens + r.usage.completion_tokens }
    : undefined;
}

function completion(
  r: Extract<Reply, { kind: 'message' }>,
  body: Record<string, unknown>,
): unknown {
  const toolCalls = r.toolCalls?.map((c) => ({
    id: c.id,
    type: 'function',
    function: { name: c.name, arguments: c.arguments },
  }));
  return {
    id: 'chatcmpl-scripted',
    object: 'chat.completion',
    created: 0,
    model: body.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: r.content,
          ...(r.refusal !== undefined ? { refusal: r.refusal } : {}),
          ...(r.reasoning ? { [r.reasoning.field]: r.reasoning.text } : {}),
          ...(toolCalls ? { tool_calls: toolCalls } : {}),
        },
        finish_reason: finishOf(r),
      },
    ],
    usage: usage(r),
  };
}

/** Streams like OpenAI does: role first, text in small pieces, tool-call arguments in fragments. */
function streamMessage(
  r: Extract<Reply, { kind: 'message' }>,
  body: Record<string, unknown>,
  res: ServerResponse,
): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const chunk = (delta: unknown, finish: string | null = null): string =>
    `data: ${JSON.stringify({ id: 'chatcmpl-scripted', object: 'chat.completion.chunk', created: 0, model: body.model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
  const parts: string[] = [chunk({ role: 'assistant', content: '' })];
  const thinking = r.reasoning?.text ?? '';
  for (let i = 0; i < thinking.length; i += 4)
    parts.push(chunk({ [r.reasoning!.field]: thinking.slice(i, i + 4) }));
  const refusal = r.refusal ?? '';
  for (let i = 0; i < refusal.length; i += 4)
    parts.push(chunk({ refusal: refusal.slice(i, i + 4) }));
  const text = r.content ?? '';
  for (let i = 0; i < text.length; i += 3) parts.push(chunk({ content: text.slice(i, i + 3) }));
  (r.toolCalls ?? []).forEach((c, index) => {
    parts.push(
      chunk({
        tool_calls: [
          { index, id: c.id, type: 'function', function: { name: c.name, arguments: '' } },
        ],
      }),
    );
    for (let i = 0; i < c.arguments.length; i += 5)
      parts.push(
        chunk({ tool_calls: [{ index, function: { arguments: c.arguments.slice(i, i + 5) } }] }),
      );
  });
  const finish = finishOf(r);
  if (finish !== null) parts.push(chunk({}, finish));
  const u = usage(r);
  if (u && (body.stream_options as { include_usage?: boolean } | undefined)?.include_usage) {
    parts.push(
      `data: ${JSON.stringify({ id: 'chatcmpl-scripted', object: 'chat.completion.chunk', created: 0, model: body.model, choices: [], usage: u })}\n\n`,
    );
  }
  if (r.done !== false) parts.push('data: [DONE]\n\n');
  // Written in separate packets so the client must reassemble events across reads.
  let i = 0;
  const write = (): void => {
    if (i >= parts.length) {
      res.end();
      return;
    }
    res.write(parts[i++]!, () => setImmediate(write));
  };
  write();
}

function drip(
  r: Extract<Reply, { kind: 'drip' }>,
  body: Record<string, unknown>,
  res: ServerResponse,
  counts: { cancelled: number },
): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const chunk = (delta: unknown, finish: string | null = null): string =>
    `data: ${JSON.stringify({ id: 'chatcmpl-drip', object: 'chat.completion.chunk', created: 0, model: body.model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
  let i = 0;
  let ended = false;
  res.on('close', () => {
    if (!ended) counts.cancelled++;
    clearTimeout(timer);
  });
  const next = (): void => {
    if (i < r.tokens.length) {
      res.write(chunk({ content: r.tokens[i++] }));
      timer = setTimeout(next, r.everyMs);
      return;
    }
    ended = true;
    res.end(`${chunk({}, 'stop')}data: [DONE]\n\n`);
  };
  res.write(chunk({ role: 'assistant', content: '' }));
  let timer = setTimeout(next, 0);
}
