import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { Worker } from 'node:worker_threads';
import { openSqlite, sqliteSessions } from '../../src/store/index.js';

// Workers do not inherit the TypeScript loader: each registers tsx, then loads the worker.
const workerFile = new URL('./fixtures/append-worker.ts', import.meta.url).href;
const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(workerFile)}); })`;

function appender(
  file: string,
  name: string,
  count: number,
  ready: SharedArrayBuffer,
  timeout: number | undefined,
): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const w = new Worker(bootstrap, {
      eval: true,
      workerData: { file, session: 'shared', name, count, ready, timeout },
    });
    w.once('message', (m: { failure?: string }) => resolve(m.failure));
    w.once('error', reject);
  });
}

/** Two connections (one per worker thread) append `count` messages each to one session at once. */
async function appendConcurrently(timeout: number | undefined): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-concurrent-'));
  try {
    const file = join(dir, 'atelier.db');
    const setup = openSqlite(file);
    sqliteSessions(setup); // schema first, so the workers only append
    setup.close();
    const count = 1500;
    const ready = new SharedArrayBuffer(4);
    const failures = await Promise.all([
      appender(file, 'A', count, ready, timeout),
      appender(file, 'B', count, ready, timeout),
    ]);
    assert.deepEqual(failures, [undefined, undefined]);
    const db = openSqlite(file);
    const contents = sqliteSessions(db)
      .messages('shared')
      .map((m) => (m.role === 'user' ? m.content : ''));
    const seqs = db
      .prepare<[], { seq: number }>(
        "SELECT seq FROM session_messages WHERE session_id = 'shared' ORDER BY seq",
      )
      .all()
      .map((r) => r.seq);
    db.close();
    assert.equal(contents.length, 2 * count);
    assert.deepEqual(
      seqs,
      Array.from({ length: 2 * count }, (_, i) => i + 1),
      'seq has no gaps or duplicates',
    );
    for (const name of ['A', 'B']) {
      const mine = contents.filter((c) => c.startsWith(`${name} `));
      assert.deepEqual(
        mine,
        Array.from({ length: count }, (_, i) => `${name} ${i}`),
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('two connections appending to one session at once lose nothing and keep each writer in order', () =>
  appendConcurrently(undefined));

test('appends wait for the other writer even on connections opened without a busy timeout', () =>
  appendConcurrently(0));
