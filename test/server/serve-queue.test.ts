/**
 * The server with zero local workers (`atelier serve --queue`) on Postgres: a run started
 * through the API is only recorded (queued, no event, no lease held by anyone) and stays
 * so while no worker runs; the server runs none of its steps. A worker (another handle,
 * as another process would hold one) then drives it, and the API shows it succeeded.
 * With local workers (`serve --workers 1`) the server runs its API's runs itself, under
 * leases like any worker. Skipped, saying why, without Postgres.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import pg from 'pg';
import { openPostgresRunLog } from '../../src/store/index.js';
import { loadMission, runWorker } from '../../src/team/index.js';
import { startPgCluster } from '../helpers/pg-cluster.js';
import { startServeProcess, testServer } from './helpers.js';

const RELAY = resolve(import.meta.dirname, '../team/fixtures/relay');
const cluster = await startPgCluster();
const skip = typeof cluster === 'string' ? cluster : false;
if (typeof cluster === 'string') console.log(`# ${cluster}`);
else after(() => cluster.stop());

describe('serve with zero local workers (Postgres)', { skip }, () => {
  it('records a run started through the API, holds no lease, runs nothing; a worker runs it', async () => {
    const c = cluster as Exclude<typeof cluster, string>;
    const url = await c.freshUrl();
    const store = await openPostgresRunLog(url);
    const relay = await loadMission(RELAY);
    const server = await testServer({
      runs: { store, missions: [relay], timeScale: 0, queue: true },
    });
    const res = await server.call('/api/runs', { json: { mission: 'relay' } });
    assert.equal(res.status, 201, await res.clone().text());
    const { id } = (await res.json()) as { id: string };
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    const row = async () =>
      (
        await db.query<{ status: string; last_seq: number; lease_owner: string | null }>(
          'SELECT status, last_seq, lease_owner FROM runs WHERE id = $1',
          [id],
        )
      ).rows[0]!;
    // Half a second later still: queued, no event, nobody holds it, no step offered.
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(await row(), { status: 'queued', last_seq: 0, lease_owner: null });
    const steps = await db.query('SELECT 1 FROM run_steps');
    assert.equal(steps.rows.length, 0);

    const worker = await openPostgresRunLog(url);
    const stop = new AbortController();
    const w = runWorker(worker, { owner: 'w', concurrency: 1, steps: 2, signal: stop.signal });
    const start = Date.now();
    while ((await row()).status !== 'succeeded') {
      assert.ok(Date.now() - start < 60_000, `the run is ${(await row()).status}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    stop.abort();
    await w;
    const done = (await db.query<{ done_by: string }>('SELECT done_by FROM run_steps')).rows;
    assert.equal(done.length, 7);
    assert.ok(
      done.every((d) => d.done_by === 'w'),
      'every step was run by the worker',
    );
    const shown = (await (await server.call(`/api/runs/${id}`)).json()) as { status: string };
    assert.equal(shown.status, 'succeeded');
    await db.end();
    await server.close();
    await worker.close();
    await store.close();
  });

  it('serve --workers 1 runs the API runs in its own worker, under leases, and stops cleanly', async () => {
    const c = cluster as Exclude<typeof cluster, string>;
    const url = await c.freshUrl();
    const token = 'serve-workers-token';
    const serve = await startServeProcess(
      ['--db', url, '--workers', '1', '--mission', RELAY, '--time-scale', '0'],
      { ATELIER_TOKEN: token },
    );
    const res = await fetch(`${serve.url}/api/runs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ mission: 'relay' }),
    });
    assert.equal(res.status, 201, await res.clone().text());
    const { id } = (await res.json()) as { id: string };
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    const start = Date.now();
    for (;;) {
      const r = await db.query<{ status: string }>('SELECT status FROM runs WHERE id = $1', [id]);
      if (r.rows[0]!.status === 'succeeded') break;
      assert.ok(Date.now() - start < 60_000, `the run is ${r.rows[0]!.status}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const owners = await db.query<{ done_by: string }>('SELECT DISTINCT done_by FROM run_steps');
    assert.equal(owners.rows.length, 1, 'one worker, the server’s, ran every step');
    await db.end();
    assert.equal(await serve.stop(), 0);
  });
});
