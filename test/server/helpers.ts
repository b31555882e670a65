/** Starts a real server on 127.0.0.1 (a free port) for a test, and calls it. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
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

export type ErrorFields = {
  message: string;
  type: string;
  param: string | null;
  code: string;
} & Record<string, unknown>;

/**
 * The `{ error: { message, type, param, code } }` body of an error response, checked to
 * have OpenAI's shape (all four keys, of the right types).
 */
export async function errorOf(res: Response): Promise<ErrorFields> {
  const body = (await res.json()) as { error: ErrorFields };
  assertErrorShape(body);
  return body.error;
}

export function assertErrorShape(body: unknown): asserts body is { error: ErrorFields } {
  const e = (body as { error?: Record<string, unknown> }).error;
  assert.ok(e && typeof e === 'object', `no error object in ${JSON.stringify(body)}`);
  assert.equal(typeof e.message, 'string', 'error.message');
  assert.equal(typeof e.type, 'string', 'error.type');
  assert.ok(e.param === null || typeof e.param === 'string', 'error.param is a string or null');
  assert.equal(typeof e.code, 'string', 'error.code');
}

/** One item of a raw event stream: an event (with its name and data) or a comment. */
export type SseItem =
  { kind: 'event'; event: string; data: string } | { kind: 'comment'; text: string };

/**
 * Reads a server-sent event stream item by item (comments included, which clients hide),
 * calling `onItem` for each; stops when it returns true or the stream ends. Returns the
 * whole raw text read.
 */
export async function readSse(
  res: Response,
  onItem: (item: SseItem, all: SseItem[]) => boolean | void | Promise<boolean | void>,
): Promise<string> {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const items: SseItem[] = [];
  let raw = '';
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return raw;
    raw += value;
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let item: SseItem;
      if (block.startsWith(':')) item = { kind: 'comment', text: block.slice(1).trim() };
      else {
        let event = 'message';
        const data: string[] = [];
        for (const line of block.split('\n')) {
          if (line.startsWith('event:')) event = line.slice(6).trim();
          else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
        }
        item = { kind: 'event', event, data: data.join('\n') };
      }
      items.push(item);
      if (await onItem(item, items)) {
        await reader.cancel();
        return raw;
      }
    }
  }
}

export interface ServeProcess {
  /** What it printed until it listened. */
  out: string;
  url: string;
  /** Stops it with SIGTERM; resolves to its exit code. */
  stop(): Promise<number | null>;
}

/**
 * Starts the real `atelier serve` in a child process (from sources) on a free port of
 * 127.0.0.1 and waits until it listens.
 */
export async function startServeProcess(
  args: string[],
  env: Record<string, string> = {},
): Promise<ServeProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', '0', '--host', '127.0.0.1', ...args],
    {
      env: { ...process.env, ATELIER_TOKEN: '', ATELIER_MODEL: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const deadline = Date.now() + 60_000;
  while (!/OpenAI base URL/.test(out)) {
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill('SIGKILL');
      throw new Error(`atelier serve did not start:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const url = /listening on (http:\/\/\S+)/.exec(out)![1]!;
  return {
    out,
    url,
    stop: () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
