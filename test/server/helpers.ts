/** Starts a real server on 127.0.0.1 (a free port) for a test, and calls it. */
import { startServer } from '../../src/server/index.js';
import type { RunningServer, ServerOptions } from '../../src/server/index.js';

export const TOKEN = 'test-token-123';

export interface TestServer extends RunningServer {
  /** fetch with the bearer token (unless `auth: false`). */
  call(path: string, init?: RequestInit & { auth?: boolean; json?: unknown }): Promise<Response>;
}

export async function testServer(options: Partial<ServerOptions> = {}): Promise<TestServer> {
  const server = await startServer({
    token: TOKEN,
    port: 0,
    host: '127.0.0.1',
    webRoot: null,
    ...options,
  });
  return {
    ...server,
    call(path, init = {}) {
      const { auth = true, json, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (auth) headers.set('authorization', `Bearer ${TOKEN}`);
      if (json !== undefined) headers.set('content-type', 'application/json');
      return fetch(server.url + path, {
        ...rest,
        headers,
        ...(json !== undefined
          ? { body: JSON.stringify(json), method: rest.method ?? 'POST' }
          : {}),
      });
    },
  };
}

/** The `{ error: { code, message } }` body of an error response. */
export async function errorOf(
  res: Response,
): Promise<{ code: string; message: string } & Record<string, unknown>> {
  const body = (await res.json()) as {
    error: { code: string; message: string } & Record<string, unknown>;
  };
  return body.error;
}
