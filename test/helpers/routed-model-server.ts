/**
 * A chat-completions HTTP server for tests whose replies are chosen per request by the
 * test's own function (e.g. by which agent asks, read from the system message), for
 * runs where several agents call the model in parallel. It records every request. It
 * is a real HTTP server started by the test, not a model.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answer, type RecordedRequest, type Reply } from './openai-compatible-server.js';

export interface RoutedRequest {
  body: Record<string, unknown>;
  /** The system message (the agent's instructions). */
  system: string;
  /** Every message's text, joined: what the model was told. */
  text: string;
}

export interface RoutedServer {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

const contentOf = (m: unknown): string => {
  const c = (m as { content?: unknown }).content;
  return typeof c === 'string' ? c : JSON.stringify(c ?? '');
};

export async function startRoutedModelServer(
  route: (req: RoutedRequest) => Reply,
): Promise<RoutedServer> {
  const requests: RecordedRequest[] = [];
  const open = new Set<ServerResponse>();
  const counts = { cancelled: 0 };
  const server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (d: string) => (raw += d));
    req.on('end', () => {
      const body = JSON.parse(raw || '{}') as Record<string, unknown>;
      requests.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body,
        at: Date.now(),
      });
      const messages = Array.isArray(body.messages) ? (body.messages as unknown[]) : [];
      const system = messages
        .filter((m) => (m as { role?: string }).role === 'system')
        .map(contentOf)
        .join('\n');
      let reply: Reply;
      try {
        reply = route({ body, system, text: messages.map(contentOf).join('\n') });
      } catch (err) {
        reply = { kind: 'status', status: 500, body: { error: { message: String(err) } } };
      }
      answer(reply, body, res, open, counts);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of open) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
