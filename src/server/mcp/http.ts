/**
 * `/mcp` on `atelier serve`: MCP over Streamable HTTP with sessions, using the SDK's
 * web-standard transport (Request in, Response out — what hono hands us). Each client
 * session gets its own MCP server; idle sessions are dropped. A browser page of another
 * origin is refused (DNS rebinding), besides the bearer token the app requires.
 */
import { randomUUID } from 'node:crypto';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { createAtelierMcpServer, type AtelierMcpOptions } from './server.js';
import { mcpRuns } from './runs.js';

/** Sessions unused this long are closed. */
export const MCP_SESSION_IDLE_MS = 30 * 60_000;
/** At most this many sessions are kept; the least recently used goes first. */
export const MCP_MAX_SESSIONS = 1000;

interface Session {
  transport: WebStandardStreamableHTTPServerTransport;
  server: McpServer;
  used: number;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

function rpcError(status: number, code: number, message: string): Response {
  return new Response(JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null }), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

/** A page served from another host (a DNS-rebinding attack sends one) may not drive the server. */
function foreignOrigin(req: Request): boolean {
  const origin = req.headers.get('origin');
  if (!origin) return false;
  try {
    return !LOOPBACK.has(new URL(origin).hostname);
  } catch {
    return true;
  }
}

/** The `/mcp` request handler; `close()` ends every session (the server shuts down). */
export function mcpHttpHandler(options: AtelierMcpOptions & { signal?: AbortSignal }): {
  handle(req: Request): Promise<Response>;
  close(): Promise<void>;
  sessions(): number;
} {
  const runs = options.runs ? mcpRuns(options.runs) : undefined;
  const sessions = new Map<string, Session>();
  const drop = (id: string): void => {
    const s = sessions.get(id);
    sessions.delete(id);
    if (s) void s.server.close().catch(() => undefined);
  };
  const sweep = (now: number): void => {
    for (const [id, s] of sessions) if (now - s.used > MCP_SESSION_IDLE_MS) drop(id);
    while (sessions.size >= MCP_MAX_SESSIONS) drop(sessions.keys().next().value!);
  };
  const close = async (): Promise<void> => {
    await Promise.all([...sessions.values()].map((s) => s.server.close().catch(() => undefined)));
    sessions.clear();
  };
  options.signal?.addEventListener('abort', () => void close(), { once: true });

  const open = async (req: Request): Promise<Response> => {
    sweep(Date.now());
    const server = createAtelierMcpServer(options, runs);
    const transport: WebStandardStreamableHTTPServerTransport =
      new WebStandardStreamableHTTPServerTransport({
        sessionIdGenerator: randomUUID,
        // Our tools send no notifications while they work: a JSON answer is enough and
        // cheaper than an event stream per call.
        enableJsonResponse: true,
        onsessioninitialized: (id) =>
          void sessions.set(id, { transport, server, used: Date.now() }),
        onsessionclosed: (id) => drop(id),
      });
    await server.connect(transport);
    const response = await transport.handleRequest(req);
    // Not an initialize request: no session was made, nothing to keep.
    if (!transport.sessionId) await server.close().catch(() => undefined);
    return response;
  };

  return {
    sessions: () => sessions.size,
    close,
    async handle(req) {
      if (foreignOrigin(req))
        return rpcError(403, -32000, 'Forbidden: requests from another origin are refused');
      const id = req.headers.get('mcp-session-id');
      if (id) {
        const session = sessions.get(id);
        if (!session) return rpcError(404, -32001, 'Session not found: initialize a new session');
        session.used = Date.now();
        // Most recently used last, so the oldest is dropped first.
        sessions.delete(id);
        sessions.set(id, session);
        return session.transport.handleRequest(req);
      }
      if (req.method === 'POST') return open(req);
      return rpcError(400, -32000, 'Bad Request: no mcp-session-id header; initialize first');
    },
  };
}
