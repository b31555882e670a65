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
