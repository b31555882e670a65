/**
 * A scripted Responses API server for tests, on 127.0.0.1: it answers `POST /v1/responses`
 * with the replies it was given, in order — as one JSON body, or as the Responses
 * streaming events (`response.created`, `response.output_text.delta`, ...,
 * `response.completed`) when the request asks for `stream: true` — and records every
 * request. It is a real HTTP server, not a model.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

type Item = Record<string, unknown>;

export type ResponsesReply =
  | {
      kind: 'response';
      output: Item[];
      status?: 'completed' | 'incomplete' | 'failed';
      incompleteReason?: 'max_output_tokens' | 'content_filter';
      error?: { code: string; message: string };
      /** Streamed only: send the terminal event (default true). */
      terminal?: boolean;
    }
  | { kind: 'status'; status: number; message: string };

const message = (content: Item[]): Item => ({
  type: 'message',
  id: 'msg_1',
  role: 'assistant',
  status: 'completed',
  content,
});
const outputText = (text: string): Item => ({ type: 'output_text', text, annotations: [] });

export const responsesReply = {
  text: (text: string): ResponsesReply => ({
    kind: 'response',
    output: [message([outputText(text)])],
  }),
  toolCalls: (...calls: Array<{ name: string; args: unknown; id?: string }>): ResponsesReply => ({
    kind: 'response',
    output: calls.map((c, i) => ({
      type: 'function_call',
      id: `fc_${i + 1}`,
      call_id: c.id ?? `call_${i + 1}_${c.name}`,
      name: c.name,
      arguments: typeof c.args === 'string' ? c.args : JSON.stringify(c.args),
      status: 'completed',
    })),
  }),
  reasoning: (summary: string, text: string): ResponsesReply => ({
    kind: 'response',
    output: [
      { type: 'reasoning', id: 'rs_1', summary: [{ type: 'summary_text', text: summary }] },
      message([outputText(text)]),
    ],
  }),
  refusal: (refusal: string): ResponsesReply => ({
    kind: 'response',
    output: [message([{ type: 'refusal', refusal }])],
  }),
  incomplete: (
    reason: 'max_output_tokens' | 'content_filter',
    partial: string,
  ): ResponsesReply => ({
    kind: 'response',
    status: 'incomplete',
    incompleteReason: reason,
    output: [message([outputText(partial)])],
  }),
  failed: (messageText: string): ResponsesReply => ({
    kind: 'response',
    status: 'failed',
    error: { code: 'server_error', message: messageText },
    output: [],
  }),
  /** Streams the text, then stops without `response.completed`. */
  cut: (partial: string): ResponsesReply => ({
    kind: 'response',
    output: [message([outputText(partial)])],
    terminal: false,
  }),
  status: (status: number, messageText: string): ResponsesReply => ({
    kind: 'status',
    status,
    message: messageText,
  }),
};

export interface RecordedResponsesRequest {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
}

export interface ResponsesServer {
  /** Base URL ending in /v1. */
  url: string;
  requests: RecordedResponsesRequest[];
  script(...replies: ResponsesReply[]): void;
  close(): Promise<void>;
}

export async function startResponsesServer(): Promise<ResponsesServer> {
  const queue: ResponsesReply[] = [];
  const requests: RecordedResponsesRequest[] = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (d: string) => (raw += d));
    req.on('end', () => {
      const body = (raw ? JSON.parse(raw) : {}) as Record<string, unknown>;
      requests.push({ path: req.url ?? '', headers: req.headers, body });
      const next = req.method === 'POST' && req.url === '/v1/responses' ? queue.shift() : undefined;
      if (!next) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({ error: { message: `no scripted reply for ${req.method} ${req.url}` } }),
        );
        return;
      }
      answer(next, body, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    script: (...replies) => void queue.push(...replies),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function responseOf(
  r: Extract<ResponsesReply, { kind: 'response' }>,
  body: Record<string, unknown>,
) {
  return {
    id: 'resp_scripted',
    object: 'response',
    created_at: 0,
    model: body.model,
    status: r.status ?? 'completed',
    incomplete_details: r.incompleteReason ? { reason: r.incompleteReason } : null,
    error: r.error ?? null,
    output: r.output,
    usage: { input_tokens: 10, output_tokens: 5, total_tokens: 15 },
  };
}

function answer(r: ResponsesReply, body: Record<string, unknown>, res: ServerResponse): void {
  if (r.kind === 'status') {
    res.writeHead(r.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { message: r.message, type: 'error' } }));
    return;
  }
  const whole = responseOf(r, body);
  if (body.stream !== true) {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(whole));
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const events: Item[] = [
    { type: 'response.created', response: { ...whole, status: 'in_progress', output: [] } },
  ];
  r.output.forEach((item, output_index) => {
    events.push({
      type: 'response.output_item.added',
      output_index,
      item: { ...item, content: [] },
    });
    for (const event of itemDeltas(item, output_index)) events.push(event);
    events.push({ type: 'response.output_item.done', output_index, item });
  });
  if (r.terminal !== false) {
    const type =
      whole.status === 'incomplete'
        ? 'response.incomplete'
        : whole.status === 'failed'
          ? 'response.failed'
          : 'response.completed';
    events.push({ type, response: whole });
  }
  // One event per write, as a server producing tokens would send them.
  let i = 0;
  const write = (): void => {
    if (i >= events.length) return void res.end();
    const e = events[i++]!;
    res.write(
      `event: ${String(e.type)}\ndata: ${JSON.stringify({ ...e, sequence_number: i })}\n\n`,
      () => setImmediate(write),
    );
  };
  write();
}

/** The delta events of one output item, in small pieces. */
function itemDeltas(item: Item, output_index: number): Item[] {
  const out: Item[] = [];
  const pieces = (text: string, type: string, extra: Item): void => {
    for (let at = 0; at < text.length; at += 4)
      out.push({ type, output_index, item_id: item.id, delta: text.slice(at, at + 4), ...extra });
  };
  if (item.type === 'message')
    (item.content as Item[]).forEach((part, content_index) => {
      if (part.type === 'output_text')
        pieces(String(part.text), 'response.output_text.delta', { content_index });
      else if (part.type === 'refusal')
        pieces(String(part.refusal), 'response.refusal.delta', { content_index });
    });
  else if (item.type === 'function_call')
    pieces(String(item.arguments), 'response.function_call_arguments.delta', {});
  else if (item.type === 'reasoning')
    (item.summary as Item[]).forEach((part, summary_index) =>
      pieces(String(part.text), 'response.reasoning_summary_text.delta', { summary_index }),
    );
  return out;
}
