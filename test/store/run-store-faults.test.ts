import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { UserError } from '../../src/errors.js';
import { getRun, listRunsPage, readEvents, resumeRun, startRun } from '../../src/team/index.js';
import { openRunStore } from '../../src/store/index.js';
import type { NewEvent, NewRun, RunStore } from '../../src/team/index.js';

const x: NewEvent = { type: 'x', v: 1, data: {} };
import { dinnerMission, tempStore } from '../team/helpers.js';

const runRow = (id: string): NewRun => ({
  id,
  mission: 'm',
  missionDir: null,
  status: 'running',
  seed: 1,
  goal: '(and)',
  options: {},
  startedAt: new Date().toISOString(),
});

/** The store, except that the `n`-th append (counting from 1) throws a bug's error. */
function failingOnAppend(store: RunStore, n: number): RunStore {
  let count = 0;
  const bump = (): void => {
    if (++count === n) throw new TypeError('a bug in the loop');
  };
  return {
    ...store,
    append: async (...args) => (bump(), store.append(...args)),
  };
}

describe('a run stopped by an internal error', () => {
  it('is interrupted, not failed with 0 steps, and resume finishes it', async () => {
    const { store } = tempStore();
    const mission = dinnerMission();
    const handle = await startRun(mission, {
      store: failingOnAppend(store, 5),
      approve: 'auto',
      timeScale: 0,
    });
    await assert.rejects(handle.done, /a bug in the loop/);
    assert.equal((await getRun(store, handle.id))!.status, 'interrupted');
    assert.equal(
      (await readEvents(store, handle.id)).filter((e) => e.type === 'run.finished').length,
      0,
    );
    const resumed = await resumeRun(store, handle.id, { mission, approve: 'auto', timeScale: 0 });
    const summary = await resumed.done;
    assert.equal(summary.status, 'succeeded');
    assert.equal((await getRun(store, handle.id))!.status, 'succeeded');
  });
});

/** A second process that holds the store's write lock for `ms`; resolves once it holds it. */
function holdWriteLock(db: string, ms: number): Promise<{ released: Promise<void> }> {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(process.argv[1]);
    db.exec('BEGIN IMMEDIATE');
    console.log('locked');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(process.argv[2]));
    db.exec('COMMIT');`;
  const child = spawn(process.execPath, ['-e', script, db, String(ms)], {
    cwd: join(import.meta.dirname, '../..'),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((res) => child.once('exit', () => res()));
  return new Promise((res, rej) => {
    child.stdout.once('data', () => res({ released: exited }));
    child.once('exit', (code) => rej(new Error(`lock holder exited early (${code})`)));
  });
}

describe('another process holding the write lock', () => {
  it('makes a write wait for it, with back-off, then succeed', async () => {
    const { dir, store: setup } = tempStore();
    setup.close();
    const db = join(dir, 'atelier.db');
    const store = openRunStore(db, { busyTimeoutMs: 50, lockTimeoutMs: 20_000 });
    await store.createRun(runRow('a'));
    const { released } = await holdWriteLock(db, 800);
    const t0 = Date.now();
    await store.append('a', [x]);
    assert.ok(Date.now() - t0 >= 300, 'the append waited for the lock');
    assert.equal((await store.read('a')).length, 1);
    await released;
    await store.close();
  });

  it('gives STORE_LOCKED, naming the file, once the wait exceeds its limit', async () => {
    const { dir, store: setup } = tempStore();
    setup.close();
    const db = join(dir, 'atelier.db');
    const store = openRunStore(db, { busyTimeoutMs: 20, lockTimeoutMs: 200 });
    await store.createRun(runRow('a'));
    const { released } = await holdWriteLock(db, 3000);
    await assert.rejects(
      () => store.append('a', [x]),
      (err: unknown) =>
        err instanceof UserError && err.code === 'STORE_LOCKED' && err.message.includes(db),
    );
    await released;
    await store.append('a', [x]);
    await store.close();
  });
});

describe('runs a page at a time', () => {
  it('pages through every run once, newest first, and refuses a forged cursor', async () => {
    const { store } = tempStore();
    const ids: string[] = [];
    for (let i = 0; i < 23; i++) {
      const id = `run-${String(i).padStart(2, '0')}`;
      ids.push(id);
      // Some runs share a start time: the id breaks the tie.
      const startedAt = new Date(Date.UTC(2026, 0, 1, 0, 0, Math.floor(i / 3))).toISOString();
      await store.createRun({ ...runRow(id), startedAt });
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; ; pages++) {
      const page = await listRunsPage(store, {
        limit: 5,
        ...(cursor === undefined ? {} : { cursor }),
      });
      assert.ok(page.runs.length <= 5);
      seen.push(...page.runs.map((r) => r.id));
      if (page.nextCursor === null) break;
      cursor = page.nextCursor;
      assert.ok(pages < 10);
    }
    assert.deepEqual(seen, [...ids].reverse());
    await assert.rejects(
      () => listRunsPage(store, { cursor: 'not-a-cursor' }),
      (err: unknown) => err instanceof UserError && err.code === 'RUN_BAD_CURSOR',
    );
    await store.close();
  });
});
