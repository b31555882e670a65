import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Starts `atelier serve` on a free port, returns its first lines of output once it listens. */
async function serve(
  db: string,
  env: Record<string, string> = {},
): Promise<{ out: string; url: string; stop(): Promise<number | null> }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', '0', '--db', db],
    {
      env: { ...process.env, ATELIER_TOKEN: '', ATELIER_MODEL: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const deadline = Date.now() + 30_000;
  while (!/OpenAI base URL/.test(out)) {
    if (Date.now() > deadline || child.exitCode !== null)
      throw new Error(`atelier serve did not start:\n${out}`);
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
