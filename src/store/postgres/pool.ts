/**
 * A bounded pool of connections to one Postgres server, the retries a broken connection
 * earns, and the migrations applied once under an advisory lock. Nothing here knows runs.
 */
import pg from 'pg';
import { RUN_LOG_MODULE, latestVersion, schemaNewer } from '../migrations.js';
import type { Migration } from '../migrations.js';
import { checkUrl, isPoolBusy, isTransient, pgError, redact } from './errors.js';

export interface PgOptions {
  /** Most connections this process opens at once (default 8; $ATELIER_PG_POOL). */
  poolSize?: number;
  /** How long a statement keeps trying while the server cannot be reached (default 10 s). */
  retryMs?: number;
  /**
   * Waiting for the server to accept a connection, and each wait for a busy pool's
   * connection (default 10 s; a busy pool is waited for again, up to POOL_BUSY_MS in all).
   */
  connectTimeoutMs?: number;
}

export interface PgDb {
  readonly url: string;
  /** One statement; retried while the connection breaks (statements here are idempotent). */
  query<R extends object>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /**
   * One statement that writes: retried only when no connection could be had (once sent,
   * a broken connection leaves its outcome unknown: STORE_PG_CONNECTION_LOST).
   */
  write<R extends object>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /**
   * `fn` in one transaction (all or none). Retried only when the connection could not be
   * had: once statements ran, a broken connection is STORE_PG_CONNECTION_LOST.
   */
  tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T>;
  /** A connection of its own (LISTEN holds one), outside the pool. */
  client(): pg.Client;
  close(): Promise<void>;
}

const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** How long a statement waits, in all, for a connection while the pool stays busy. */
export const POOL_BUSY_MS = 5 * 60_000;

/**
 * `what`, tried again with back-off (50 ms doubling to 1 s) while `canRetry`, `budgetMs` in
 * all. Waiting for a busy pool is not a failure of the server: it has its own, longer bound
 * (POOL_BUSY_MS), so a process with many runs waits its turn instead of calling the server
 * unreachable.
 */
async function retrying<T>(
  url: string,
  what: () => Promise<T>,
  canRetry: (e: unknown) => boolean,
  budgetMs: number,
): Promise<T> {
  const start = Date.now();
  let busyMs = 0;
  for (let wait = 50; ; wait = Math.min(wait * 2, 1000)) {
    const tried = Date.now();
    try {
      return await what();
    } catch (err) {
      const busy = isPoolBusy(err);
      if (busy) busyMs += Date.now() - tried;
      const late = busy ? busyMs > POOL_BUSY_MS : Date.now() - start - busyMs + wait > budgetMs;
      if (!(busy || canRetry(err)) || late) throw pgError(err, url);
      if (!busy) await pause(wait);
    }
  }
}

/**
 * `fn` on a connection of the pool; retried only while no connection could be had (once
 * statements were sent, a broken connection leaves their outcome unknown).
 */
function onConnection<T>(
  pool: pg.Pool,
  url: string,
  retryMs: number,
  fn: (c: pg.PoolClient) => Promise<T>,
): Promise<T> {
  let connected = false;
  const attempt = async (): Promise<T> => {
    const c = await pool.connect();
    connected = true;
    let broken: Error | undefined;
    try {
      return await fn(c);
    } catch (err) {
      if (isTransient(err)) broken = err as Error;
      throw err;
    } finally {
      c.release(broken);
    }
  };
  return retrying(url, attempt, (err) => !connected && isTransient(err), retryMs);
}

/** Connects to `url` (checking it answers), or throws one STORE_PG_ error. */
export async function openPg(url: string, options: PgOptions = {}): Promise<PgDb> {
  checkUrl(url);
  const max = options.poolSize ?? (Number(process.env.ATELIER_PG_POOL) || 8);
  const retryMs = options.retryMs ?? 10_000;
  const config = {
    connectionString: url,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    application_name: 'atelier',
  };
  const pool = new pg.Pool({ ...config, max, idleTimeoutMillis: 30_000 });
  // An idle connection the server closes must not crash the process; the next use reconnects.
  pool.on('error', () => undefined);
  const db: PgDb = {
    url,
    async query<R extends object>(sql: string, params: readonly unknown[] = []) {
      const run = async () => (await pool.query<R>(sql, [...params])).rows;
      return retrying(url, run, isTransient, retryMs);
    },
    write: <R extends object>(sql: string, params: readonly unknown[] = []) =>
      onConnection(pool, url, retryMs, async (c) => (await c.query<R>(sql, [...params])).rows),
    tx: (fn) =>
      onConnection(pool, url, retryMs, async (c) => {
        await c.query('BEGIN');
        try {
          const out = await fn(c);
          await c.query('COMMIT');
          return out;
        } catch (err) {
          await c.query('ROLLBACK').catch(() => undefined);
          throw err;
        }
      }),
    client: () => new pg.Client(config),
    close: () => pool.end(),
  };
  try {
    // Opening says at once (within a second) when the server is not there.
    await retrying(url, () => pool.query('SELECT 1'), isTransient, Math.min(retryMs, 1000));
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }
  return db;
}

/** Any fixed number: the advisory lock every Atelier process takes to migrate. */
const MIGRATION_LOCK = 0x61_74_65_6c;

/**
 * Applies the migrations `db` has not applied yet, in order, each once, holding an
 * advisory lock so that processes opening a new database at once migrate it once.
 */
export async function migratePg(
  db: PgDb,
  migrations: readonly Migration[],
  module = RUN_LOG_MODULE,
): Promise<void> {
  await db.tx(async (c) => {
    await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await c.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (module TEXT NOT NULL, version INTEGER NOT NULL, PRIMARY KEY (module, version))',
    );
    const done = new Set(
      (
        await c.query<{ version: number }>(
          'SELECT version FROM schema_migrations WHERE module = $1',
          [module],
        )
      ).rows.map((r) => r.version),
    );
    const known = latestVersion(migrations);
    const newest = Math.max(0, ...done);
    if (newest > known) throw schemaNewer(`at ${redact(db.url)}`, newest, known);
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      await c.query(m.postgres);
      await c.query('INSERT INTO schema_migrations (module, version) VALUES ($1, $2)', [
        module,
        m.version,
      ]);
    }
  });
}
