import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { loadOrCreateToken } from '../../src/server/index.js';
import { TOKEN, errorOf, testServer } from './helpers.js';
import type { TestServer } from './helpers.js';

describe('HTTP basics: auth, errors, limits', () => {
  let server: TestServer;
  before(async () => {
    server = await testServer({ bodyLimitBytes: 4096 });
  });
  after(() => server.close());

  it('answers 401 with a JSON error when the bearer token is missing', async () => {
    const res = await server.call('/api/openapi.json', { auth: false });
    assert.equal(res.status, 401);
    assert.match(res.headers.get('www-authenticate') ?? '', /Bearer/);
    const err = await errorOf(res);
    assert.equal(err.code, 'unauthorized');
  });

  it('answers 401 when the bearer token is wrong, on /api and on /v1', async () => {
    for (const path of ['/api/openapi.json', '/v1/models']) {
      const res = await server.call(path, {
        auth: false,
        headers: { authorization: `Bearer ${TOKEN}x` },
      });
      assert.equal(res.status, 401, path);
      assert.equal((await errorOf(res)).message, 'invalid bearer token');
    }
  });

  it('accepts the right token', async () => {
    const res = await server.call('/api/openapi.json');
    assert.equal(res.status, 200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    assert.equal(doc.openapi, '3.0.3');
    assert.ok(doc.paths['/api/openapi.json']);
  });

  it('answers unknown routes with 404 and a JSON error', async () => {
    const res = await server.call('/api/no-such-thing');
    assert.equal(res.status, 404);
    const err = await errorOf(res);
    assert.equal(err.code, 'not_found');
    assert.match(err.message, /GET \/api\/no-such-thing/);
  });

  it('refuses a body over the limit with 413, by Content-Length and when streamed', async () => {
    const big = JSON.stringify({ domain: 'x'.repeat(10_000), problem: 'y' });
    const res = await server.call('/api/plan', {
      method: 'POST',
      body: big,
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(res.status, 413);
    assert.equal((await errorOf(res)).code, 'body_too_large');

    const chunks = [new TextEncoder().encode(big)];
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift();
        if (next) controller.enqueue(next);
        else controller.close();
      },
    });
    const streamed = await server.call('/api/plan', {
      method: 'POST',
      body: stream,
      headers: { 'content-type': 'application/json' },
      duplex: 'half',
    } as RequestInit);
    assert.equal(streamed.status, 413);
  });

  it('checks auth before reading the body', async () => {
    const res = await server.call('/api/plan', { auth: false, json: { domain: 'x' } });
    assert.equal(res.status, 401);
  });
});

describe('server token', () => {
  it('is generated once, stored beside the database with owner-only access, then reused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atelier-token-'));
    const db = join(dir, 'data', 'atelier.db');
    const first = loadOrCreateToken(db, {});
    assert.equal(first.source, 'generated');
    assert.equal(first.file, join(dir, 'data', 'token'));
    assert.equal(readFileSync(first.file!, 'utf8').trim(), first.token);
    assert.equal(statSync(first.file!).mode & 0o077, 0);
    const second = loadOrCreateToken(db, {});
    assert.equal(second.source, 'file');
    assert.equal(second.token, first.token);
  });

  it('comes from ATELIER_TOKEN when set', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atelier-token-'));
    const t = loadOrCreateToken(join(dir, 'a.db'), { ATELIER_TOKEN: 'from-env' });
    assert.deepEqual(t, { token: 'from-env', source: 'env' });
  });
});

describe('malformed URL paths', () => {
  let server: TestServer;
  let logged: unknown[][] = [];
  const consoleError = console.error;
  before(async () => {
    const webRoot = mkdtempSync(join(tmpdir(), 'atelier-web-'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>ui</title>');
    server = await testServer({ webRoot });
    console.error = (...args: unknown[]) => void logged.push(args);
  });
  after(async () => {
    console.error = consoleError;
    await server.close();
  });

  it('answers 400 in plain text for a UI path whose %-escape is not UTF-8, and logs nothing', async () => {
    logged = [];
    const ui = await server.call('/', { auth: false });
    assert.equal(ui.status, 200, 'the UI is served');
    for (const path of ['/%E0', '/runs/%E0', '/assets/%E0.js']) {
      const res = await server.call(path, { auth: false });
      assert.equal(res.status, 400, path);
      assert.match(res.headers.get('content-type') ?? '', /^text\/plain/, path);
      assert.match(await res.text(), /malformed URL path/, path);
    }
    assert.deepEqual(logged, []);
  });

  it('answers 400 with a JSON error under /api and /v1, and logs nothing', async () => {
    logged = [];
    for (const path of ['/api/%E0', '/api/runs/%E0/events', '/v1/%E0']) {
      const res = await server.call(path);
      assert.equal(res.status, 400, path);
      const err = await errorOf(res);
      assert.equal(err.code, 'bad_url', path);
      assert.match(err.message, /malformed URL path/);
    }
    assert.deepEqual(logged, []);
  });
});

/** A raw request with a chosen Host header (fetch does not let one set it). */
function rawGet(
  url: string,
  path: string,
  host: string,
): Promise<{
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: u.hostname,
        port: u.port,
        path,
        headers: { host, authorization: `Bearer ${TOKEN}` },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('HTTP hardening: framing and DNS rebinding', () => {
  let server: TestServer;
  let webRoot: string;
  before(async () => {
    webRoot = mkdtempSync(join(tmpdir(), 'atelier-web-'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Atelier</title>');
    server = await testServer({ webRoot });
  });
  after(() => server.close());

  it('forbids framing on API answers, errors and UI pages', async () => {
    for (const [path, auth] of [
      ['/api/missions', true],
      ['/api/missions', false],
      ['/', false],
      ['/runs/abc', false],
    ] as const) {
      const res = await server.call(path, { auth });
      assert.equal(res.headers.get('x-frame-options'), 'DENY', path);
      assert.match(
        res.headers.get('content-security-policy') ?? '',
        /frame-ancestors 'none'/,
        path,
      );
      await res.arrayBuffer();
    }
  });

  it('answers only requests whose Host is an address of this server (DNS rebinding)', async () => {
    const port = new URL(server.url).port;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, 'LOCALHOST']) {
      const res = await rawGet(server.url, '/api/openapi.json', host);
      assert.equal(res.status, 200, host);
    }
    for (const host of [`evil.example:${port}`, 'attacker.test', `127.0.0.2:${port}`]) {
      const api = await rawGet(server.url, '/api/openapi.json', host);
      assert.equal(api.status, 403, host);
      const err = JSON.parse(api.body) as { error: { code: string; message: string } };
      assert.equal(err.error.code, 'host_not_allowed');
      assert.match(err.error.message, /Host/);
      const page = await rawGet(server.url, '/', host);
      assert.equal(page.status, 403, host);
      assert.doesNotMatch(page.body, /<title>Atelier/);
    }
  });
});
