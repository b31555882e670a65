import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRunStore } from '../../src/store/index.js';
import { listRuns, readEvents } from '../../src/team/index.js';
import { atelierAsync, hasStack } from '../helpers/cli.js';

// Several `atelier run` processes on one SQLite file: every write transaction takes the
// write lock up front (BEGIN IMMEDIATE) and waits for it, so none dies of SQLITE_BUSY.
test('four atelier run processes on one store all finish, each run recorded whole', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-concurrent-runs-'));
  try {
    const db = join(dir, 'atelier.db');
    const seeds = [1, 11, 17, 3];
    const results = await Promise.all(
      seeds.map(
        (seed) =>
          atelierAsync([
            'run',
            'examples/paris-office',
            '--approve-all',
            '--no-report',
            '--seed',
            String(seed),
            '--time-scale',
            '0.05',
            '--db',
            db,
          ]).done,
      ),
    );
    results.forEach((r, i) => {
      const what = `seed ${seeds[i]}: exit ${r.status}\n${r.stderr}`;
      assert.ok(r.status === 0 || r.status === 1, what);
      assert.ok(!hasStack(r.stderr), what);
      assert.doesNotMatch(r.stderr, /locked|SQLITE_BUSY/, what);
    });
    const store = openRunStore(db);
    try {
      const runs = await listRuns(store);
      assert.equal(runs.length, seeds.length);
      for (const run of runs) {
        assert.ok(run.status === 'succeeded' || run.status === 'failed', run.status);
        const finished = (await readEvents(store, run.id)).flatMap((e) =>
          e.type === 'run.finished' ? [e.data] : [],
        );
        assert.equal(finished.length, 1, `${run.id} has one run.finished`);
        assert.ok(finished[0]!.steps > 0, `${run.id} ran steps`);
        assert.doesNotMatch(finished[0]!.reason ?? '', /internal error/);
      }
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
