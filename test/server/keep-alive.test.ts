/**
 * A response sent before its request's body was read (413 over the body limit, 401 for a
 * bad token) must not leave a keep-alive connection that the server then closes: the
 * "plans in a worker" test failed about once in 15 runs with "fetch failed" because its
 * request went out on the connection of the 413 before it, which @hono/node-server ended
 * 500 ms after that response although it had said `Connection: keep-alive`.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { TOKEN, testServer } from './helpers.js';
import type { TestServer } from './helpers.js';
import { DISCARD_LIMIT } from '../../src/server/unread-body.js';

/** One raw HTTP/1.1 connection, so the test sees which connection carries what. */
class Connection {
  private received = '';
  private closedFlag = false;
  private waiters: Array<() => void> = [];
  readonly socket: Socket;

  constructor(port: number) {
    this.socket = connect(port, '127.0.0.1');
    this.socket.on('data', (d: Buffer) => this.wake((this.received += d.toString('latin1'))));
    this.socket.on('close', () => this.wake((this.closedFlag = true)));
    this.socket.on('error', () => undefined);
  }

  private wake(_: unknown): void {
    for (const w of this.waiters.splice(0)) w();
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  send(method: string, path: string, headers: Record<string, string>, body = ''): void {
    const lines = [`${method} ${path} HTTP/1.1`, 'Host: 127.0.0.1'];
    for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
    this.socket.write(lines.join('\r\n') + '\r\n\r\n' + body);
  }

  /** The next whole response (by its Content-Length), or undefined if the socket closed. */
  async response(): Promise<{ status: number; headers: Map<string, string> } | undefined> {
    for (;;) {
      const end = this.received.indexOf('\r\n\r\n');
      if (end >= 0) {
        const [statusLine, ...lines] = this.received.slice(0, end).split('\r\n');
        const headers = new Map(
          lines.map((l) => [
            l.slice(0, l.indexOf(':')).toLowerCase(),
            l.slice(l.indexOf(':') + 1).trim(),
          ]),
        );
        const length = Number(headers.get('content-length') ?? 0);
        if (this.received.length >= end + 4 + length) {
          this.received = this.received.slice(end + 4 + length);
          return { status: Number(statusLine!.split(' ')[1]), headers };
        }
      }
      if (this.closedFlag) return undefined;
      await new Promise<void>((r) => this.waiters.push(r));
    }
  }

  async closedByServer(): Promise<void> {
    while (!this.closedFlag) await new Promise<void>((r) => this.waiters.push(r));
  }
}

const json = { 'content-type': 'application/json' };
const auth = { authorization: `Bearer ${TOKEN}` };

describe('connections after a response that did not read its body', () => {
  let server: TestServer;
  before(async () => {
    server = await testServer({ bodyLimitBytes: 10_000 });
  });
  after(() => server.close());

  for (const [name, headers, status] of [
    ['413, body over the limit', { ...auth, ...json }, 413],
    ['401, bad token', { authorization: 'Bearer wrong', ...json }, 401],
  ] as const) {
    it(`a ${name}: the connection it kept alive carries the next request`, async () => {
      const conn = new Connection(server.port);
      const body = JSON.stringify({ program: 'd(c1). '.repeat(30_000), query: 'd(X)' });
      conn.send('POST', '/api/reason', { ...headers, 'content-length': String(body.length) }, body);
      const first = await conn.response();
      assert.equal(first?.status, status);
      assert.equal(first.headers.get('connection'), 'keep-alive');
      // Longer than the adapter's 500 ms drain timer, which used to end the connection.
      await sleep(1000);
      assert.equal(conn.closed, false, 'the server kept the connection it said it would');
      conn.send('GET', '/api/health', auth);
      const next = await conn.response();
      assert.equal(next?.status, 200, 'the next request on that connection is answered');
      conn.socket.destroy();
    });
  }

  it('a body too large to read and drop is answered with Connection: close, then closed', async () => {
    const conn = new Connection(server.port);
    const declared = DISCARD_LIMIT + 1;
    conn.send('POST', '/api/reason', { ...auth, ...json, 'content-length': String(declared) }, '{');
    const res = await conn.response();
    assert.equal(res?.status, 413);
    assert.equal(res.headers.get('connection'), 'close');
    await conn.closedByServer();
  });
});
