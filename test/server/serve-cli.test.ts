import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { startServeProcess } from './helpers.js';
import type { ServeProcess } from './helpers.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Starts `atelier serve` on a free port with this database. */
function serve(db: string, env: Record<string, string> = {}): Promise<ServeProcess> {
  return startServeProcess(['--db', db], env);
}

describe('atelier serve', () => {
  it('prints a generated token once with a sign-in link, stores it beside the db, and reuses it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atelier-serve-'));
    const db = join(dir, 'atelier.db');
    const first = await serve(db);
    const token = readFileSync(join(dir, 'token'), 'utf8').trim();
    try {
      assert.match(first.out, /token \(generated, shown once/);
      assert.ok(first.out.includes(token), 'the new token is printed');
      assert.match(first.out, /missions: .*paris-office/);
      assert.match(first.out, /\/v1 models: .*team:paris-office/);
      const ok = await fetch(`${first.url}/api/missions`, {
        headers: { authorization: `Bearer ${token}` },
      });
      assert.equal(ok.status, 200);
      assert.equal((await fetch(`${first.url}/api/missions`)).status, 401);
    } finally {
      assert.equal(await first.stop(), 0);
    }
    const second = await serve(db);
    try {
      assert.ok(!second.out.includes(token), 'a stored token is not printed again');
      assert.match(second.out, /token: from .*token/);
      const ok = await fetch(`${second.url}/api/runs`, {
        headers: { authorization: `Bearer ${token}` },
      });
      assert.equal(ok.status, 200);
    } finally {
      await second.stop();
    }
  });

  it('takes the token from ATELIER_TOKEN', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atelier-serve-'));
    const s = await serve(join(dir, 'atelier.db'), { ATELIER_TOKEN: 'from-env-token' });
    try {
      assert.match(s.out, /token: from ATELIER_TOKEN/);
      assert.ok(!s.out.includes('from-env-token'));
      const ok = await fetch(`${s.url}/api/openapi.json`, {
        headers: { authorization: 'Bearer from-env-token' },
      });
      assert.equal(ok.status, 200);
    } finally {
      await s.stop();
    }
  });
});

describe('atelier serve refuses to start, in one line and before any token exists', () => {
  /** Runs `atelier serve` to its exit. */
  function serveFails(args: string[], dir: string): Promise<{ code: number | null; out: string }> {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--db', join(dir, 'atelier.db'), ...args],
      {
        env: { ...process.env, ATELIER_TOKEN: '', ATELIER_MODEL: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    return new Promise((resolve) =>
      child.on('exit', (code) => {
        clearTimeout(timer);
        resolve({ code, out });
      }),
    );
  }

  it('on a busy port', async () => {
    const busy = createServer();
    await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
    const port = (busy.address() as AddressInfo).port;
    const dir = mkdtempSync(join(tmpdir(), 'atelier-serve-'));
    try {
      const { code, out } = await serveFails(['--port', String(port)], dir);
      assert.equal(code, 2, out);
      assert.equal(out.trim().split('\n').length, 1, out);
      assert.match(out, new RegExp(`port ${port}.*(in use|busy)`));
      assert.doesNotMatch(out, /\n\s+at /, 'no stack trace');
      assert.deepEqual(readdirSync(dir), [], 'no token, no database');
    } finally {
      busy.close();
    }
  });

  it('on a --host that does not resolve', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atelier-serve-'));
    const { code, out } = await serveFails(['--host', 'no-such-host.invalid', '--port', '0'], dir);
    assert.equal(code, 2, out);
    assert.equal(out.trim().split('\n').length, 1, out);
    assert.match(out, /no-such-host\.invalid/);
    assert.deepEqual(readdirSync(dir), [], 'no token, no database');
  });
});
