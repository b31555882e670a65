/**
 * The RunLog conformance suite on Postgres, against a throwaway cluster this file starts
 * (test/helpers/pg-cluster.ts) and stops; skipped, saying why, when Postgres is not
 * installed. Then what only a server has: bad URLs, refused logins, an unreachable server,
 * a database at a newer schema version.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { UserError } from '../../src/errors.js';
import { openPostgresRunLog } from '../../src/store/index.js';
import { openPg } from '../../src/store/postgres/pool.js';
import type { RunLog } from '../../src/team/index.js';
import { atelier, hasStack } from '../helpers/cli.js';
import { startPgCluster } from '../helpers/pg-cluster.js';
import { runLogConformance } from './run-log-conformance.js';

const cluster = await startPgCluster();
const skip = typeof cluster === 'string' ? cluster : false;
if (typeof cluster === 'string') console.log(`# ${cluster}`);
else after(() => cluster.stop());

const urls = new WeakMap<RunLog, string>();

if (typeof cluster !== 'string')
  runLogConformance('Postgres', {
    liveAcrossHandles: true,
    async open() {
      const url = await cluster.freshUrl();
      const log = await openPostgresRunLog(url, { poolSize: 4 });
      urls.set(log, url);
      return log;
    },
    async other(log) {
      return openPostgresRunLog(urls.get(log)!, { poolSize: 4 });
    },
    async reopen(log) {
      await log.close();
      return openPostgresRunLog(urls.get(log)!, { poolSize: 4 });
    },
  });

const codeOf = async (p: Promise<unknown>): Promise<string> => {
  try {
    await p;
    return 'opened';
  } catch (err) {
    assert.ok(err instanceof UserError, `a UserError, got ${String(err)}`);
    assert.doesNotMatch(err.message, /secret/, 'the password is never shown');
    return err.code;
  }
};

describe('Postgres store: what goes wrong', { skip }, () => {
  it('a pool whose connections are all busy is waited for, not called unreachable', async () => {
    const c = cluster as Exclude<typeof cluster, string>;
    // One connection, a 200 ms wait for it and 500 ms of retries for an unreachable server:
    // the only connection is held for 1.5 s, so the second statement must wait its turn.
    const db = await openPg(c.url, { poolSize: 1, connectTimeoutMs: 200, retryMs: 500 });
    try {
      const held = db.tx(async (conn) => {
        await conn.query('SELECT pg_sleep(1.5)');
        return 'held';
      });
      await new Promise((r) => setTimeout(r, 100));
      const [rows, tx] = await Promise.all([db.query<{ one: number }>('SELECT 1 AS one'), held]);
      assert.deepEqual(rows, [{ one: 1 }]);
      assert.equal(tx, 'held');
    } finally {
      await db.close();
    }
  });

  it('says which: bad URL, refused login, unknown database, unreachable server', async () => {
    const c = cluster as Exclude<typeof cluster, string>;
    const u = new URL(c.url);
    const admin = new pg.Client({ connectionString: c.url });
    await admin.connect();
    await admin.query("CREATE ROLE atelier_pw LOGIN PASSWORD 'right'");
    await admin.end();
    assert.equal(await codeOf(openPostgresRunLog('postgres://')), 'STORE_PG_BAD_URL');
    assert.equal(
      await codeOf(openPostgresRunLog(`postgres://atelier_pw:secret@${u.host}/postgres`)),
      'STORE_PG_AUTH',
    );
    assert.equal(
      await codeOf(openPostgresRunLog(`postgres://postgres@${u.host}/no_such_db`)),
      'STORE_PG_NO_DATABASE',
    );
    // The CLI says it in one line with its code, exit 2, no stack, no password.
    const cli = atelier(['worker', '--db', `postgres://atelier_pw:secret@${u.host}/postgres`]);
    assert.equal(cli.status, 2, cli.stderr);
    assert.match(
      cli.stderr,
      /^error\[STORE_PG_AUTH\]: Postgres at postgres:\/\/atelier_pw:\*\*\*@/,
    );
    assert.ok(!hasStack(cli.stderr) && !cli.stderr.includes('secret'), cli.stderr);
    // A port nobody listens on: refused at once, retried for retryMs, then one error.
    assert.equal(
      await codeOf(openPostgresRunLog('postgres://x:secret@127.0.0.1:1/db', { retryMs: 200 })),
      'STORE_PG_UNREACHABLE',
    );
  });

  it('refuses a database at a newer schema version, and migrates a new one once when racing', async () => {
    const c = cluster as Exclude<typeof cluster, string>;
    const url = await c.freshUrl();
    const logs = await Promise.all([1, 2, 3].map(() => openPostgresRunLog(url, { poolSize: 2 })));
    await Promise.all(logs.map((l) => l.close()));
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const { rows } = await admin.query<{ n: number }>(
      "SELECT COUNT(*)::int AS n FROM schema_migrations WHERE module = 'runs'",
    );
    assert.ok(rows[0]!.n >= 5, 'every migration recorded');
    await admin.query("INSERT INTO schema_migrations (module, version) VALUES ('runs', 999)");
    await admin.end();
    assert.equal(await codeOf(openPostgresRunLog(url)), 'STORE_SCHEMA_NEWER');
  });
});
