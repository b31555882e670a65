/**
 * The run log over Postgres: the same tables as the SQLite one (migrations.ts), the team's
 * `RunLog` port over a bounded pool. Appends lock the run's row (FOR UPDATE) so seqs stay
 * dense under many writers; leases are conditional UPDATEs timed by the server's clock so
 * that exactly one of racing claimers wins; `claimNext` skips rows other workers are
 * claiming (FOR UPDATE SKIP LOCKED). Live events cross processes by LISTEN/NOTIFY (live.ts).
 */
import { LeaseLostError } from '../../team/log/port.js';
import type { LoggedEvent, RunLease, RunLog } from '../../team/log/port.js';
import { RUN_LOG_MIGRATIONS } from '../migrations.js';
import { CHANNEL, liveHub, noticeOf } from './live.js';
import { migratePg, openPg } from './pool.js';
import type { PgDb, PgOptions } from './pool.js';
import { pgSteps } from './steps.js';
import { runValues, toEvent, toRun } from '../run-rows.js';
import type { EventRow, RunRow } from '../run-rows.js';

const noRun = (runId: string): Error => new Error(`run store: no run '${runId}'`);

/**
 * Opens the run log on the Postgres server at `url` (migrating it once, under a lock).
 * Failures are one STORE_PG_ user error (bad URL, unreachable, login refused, ...).
 */
export async function openPostgresRunLog(url: string, options: PgOptions = {}): Promise<RunLog> {
  const db = await openPg(url, options);
  try {
    await migratePg(db, RUN_LOG_MIGRATIONS);
  } catch (err) {
    await db.close();
    throw err;
  }
  const readRange = async (runId: string, after: number, upTo: number) =>
    (
      await db.query<EventRow>(
        'SELECT * FROM run_events WHERE run_id = $1 AND seq > $2 AND seq <= $3 ORDER BY seq',
        [runId, after, upTo],
      )
    ).map(toEvent);
  const live = liveHub(db, readRange);
  return {
    ...pgRuns(db, live.local),
    ...pgEvents(db, live.local),
    subscribe: live.subscribe,
    ...pgLeases(db),
    ...pgApprovals(db),
    ...pgSteps(db),
    async close() {
      await live.close();
      await db.close();
    },
  };
}

function pgRuns(
  db: PgDb,
  tell: (runId: string, events: readonly LoggedEvent[]) => Promise<void>,
): Pick<RunLog, 'createRun' | 'getRun' | 'listRuns' | 'setStatus'> {
  return {
    async createRun(run, first) {
      const at = new Date().toISOString();
      // One statement: the run and its first event are stored together or not at all.
      const rows = await db.write(CREATE_RUN, [
        ...runValues(run),
        first === undefined ? 0 : 1,
        at,
        first?.v ?? null,
        first?.type ?? null,
        first === undefined ? null : JSON.stringify(first.data),
        CHANNEL,
        noticeOf(run.id, 1, 1),
      ]);
      if (first === undefined || rows.length === 0) return undefined;
      const e: LoggedEvent = { runId: run.id, seq: 1, at, ...first };
      await tell(run.id, [e]);
      return e;
    },
    async getRun(runId) {
      const [r] = await db.query<RunRow>('SELECT * FROM runs WHERE id = $1', [runId]);
      return r === undefined ? undefined : toRun(r);
    },
    async listRuns(page) {
      const order = 'ORDER BY started_at DESC, id DESC';
      const rows =
        page === undefined
          ? await db.query<RunRow>(`SELECT * FROM runs ${order}`)
          : page.before === undefined
            ? await db.query<RunRow>(`SELECT * FROM runs ${order} LIMIT $1`, [page.limit])
            : await db.query<RunRow>(
                `SELECT * FROM runs WHERE (started_at, id) < ($1, $2) ${order} LIMIT $3`,
                [page.before.startedAt, page.before.id, page.limit],
              );
      return rows.map(toRun);
    },
    async setStatus(runId, status) {
      await db.query('UPDATE runs SET status = $2, updated_at = $3 WHERE id = $1', [
        runId,
        status,
        new Date().toISOString(),
      ]);
    },
  };
}

const CREATE_RUN = `
  WITH run AS (
    INSERT INTO runs (id, mission, mission_dir, status, seed, goal, options, started_at, updated_at, last_seq)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9) RETURNING id),
  ev AS (
    INSERT INTO run_events (run_id, seq, at, v, type, data)
    SELECT id, 1, $10, $11, $12, $13 FROM run WHERE $12::text IS NOT NULL)
  SELECT pg_notify($14, $15) FROM run WHERE $12::text IS NOT NULL`;

const APPEND = `
  WITH r AS (
    SELECT id, last_seq FROM runs
    WHERE id = $1 AND ($6::text IS NULL OR (lease_owner = $6 AND lease_token = $7::int))
    FOR UPDATE),
  ins AS (
    INSERT INTO run_events (run_id, seq, at, v, type, data)
    SELECT r.id, r.last_seq + x.n, $2, x.v, x.t, x.d
    FROM r, unnest($3::int[], $4::text[], $5::text[]) WITH ORDINALITY AS x(v, t, d, n)),
  upd AS (
    UPDATE runs SET last_seq = r.last_seq + $8::int, updated_at = $2 FROM r WHERE runs.id = r.id)
  SELECT r.last_seq,
    pg_notify($9, json_build_object('r', r.id, 'f', r.last_seq + 1, 't', r.last_seq + $8::int)::text)
  FROM r`;

function pgEvents(
  db: PgDb,
  tell: (runId: string, events: readonly LoggedEvent[]) => Promise<void>,
): Pick<RunLog, 'append' | 'read' | 'countEvents' | 'products'> {
  return {
    async append(runId, events, options = {}) {
      const data = events.map((e) => JSON.stringify(e.data)); // a value JSON cannot hold fails here
      const at = new Date().toISOString();
      const { lease } = options;
      if (events.length === 0) {
        if ((await db.query('SELECT 1 FROM runs WHERE id = $1', [runId])).length === 0)
          throw noRun(runId);
        return [];
      }
      // One statement, so one round trip and atomic: lock the run's row (a held lease
      // only), add the events after its last seq, move it on, announce them on commit.
      const [row] = await db.write<{ last_seq: number }>(APPEND, [
        runId,
        at,
        events.map((e) => e.v),
        events.map((e) => e.type),
        data,
        lease?.owner ?? null,
        lease?.token ?? null,
        events.length,
        CHANNEL,
      ]);
      if (row === undefined) {
        if (
          lease !== undefined &&
          (await db.query('SELECT 1 FROM runs WHERE id = $1', [runId])).length > 0
        )
          throw new LeaseLostError(lease);
        throw noRun(runId);
      }
      const out = events.map((e, i): LoggedEvent => ({
        runId,
        seq: row.last_seq + i + 1,
        at,
        ...e,
      }));
      await tell(runId, out);
      return out;
    },
    async read(runId, afterSeq = 0) {
      return (
        await db.query<EventRow>(
          'SELECT * FROM run_events WHERE run_id = $1 AND seq > $2 ORDER BY seq',
          [runId, afterSeq],
        )
      ).map(toEvent);
    },
    // Work products are read from the log itself (an index on (run_id, seq) serves it).
    async products(runId) {
      return (
        await db.query<EventRow>(
          "SELECT * FROM run_events WHERE run_id = $1 AND type = 'work.product' ORDER BY seq",
          [runId],
        )
      ).map(toEvent);
    },
    async countEvents(runId, types) {
      const rows = await db.query<{ type: string; n: number }>(
        'SELECT type, COUNT(*)::int AS n FROM run_events WHERE run_id = $1 AND type = ANY($2::text[]) GROUP BY type',
        [runId, [...types]],
      );
      const found = new Map(rows.map((r) => [r.type, r.n]));
      return Object.fromEntries(types.map((t) => [t, found.get(t) ?? 0]));
    },
  };
}

function pgApprovals(db: PgDb): Pick<RunLog, 'decide' | 'decision'> {
  return {
    async decide(runId, stepId, d) {
      await db.query(
        `INSERT INTO run_approvals (run_id, step_id, approved, "by", reason, at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (run_id, step_id) DO UPDATE SET approved = $3, "by" = $4, reason = $5, at = $6`,
        [runId, stepId, d.approved, d.by ?? null, d.reason ?? null, new Date().toISOString()],
      );
    },
    async decision(runId, stepId) {
      const [r] = await db.query<{
        approved: boolean;
        by: string | null;
        reason: string | null;
        at: string;
      }>(
        'SELECT approved, "by", reason, at FROM run_approvals WHERE run_id = $1 AND step_id = $2',
        [runId, stepId],
      );
      return r === undefined
        ? undefined
        : { approved: r.approved, by: r.by, reason: r.reason, at: r.at };
    },
  };
}

/** The server's clock, in ms: every process judges expiry by the same clock. */
const NOW = `(SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint AS ms)`;

const leaseOf = (runId: string, owner: string, r: { token: number; until: string }): RunLease => ({
  runId,
  owner,
  token: r.token,
  expiresAt: new Date(Number(r.until)).toISOString(),
});

function pgLeases(
  db: PgDb,
): Pick<RunLog, 'claim' | 'claimNext' | 'renew' | 'release' | 'leaseHolder'> {
  type Held = { token: number; until: string };
  return {
    async claim(runId, owner, ttlMs) {
      const [r] = await db.query<Held>(
        `UPDATE runs SET lease_owner = $2, lease_until = now.ms + $3,
           lease_token = CASE WHEN lease_owner = $2 AND lease_until >= now.ms THEN lease_token ELSE lease_token + 1 END
         FROM ${NOW} now
         WHERE id = $1 AND (lease_owner IS NULL OR lease_until < now.ms OR lease_owner = $2)
         RETURNING lease_token AS token, lease_until AS until`,
        [runId, owner, ttlMs],
      );
      if (r !== undefined) return leaseOf(runId, owner, r);
      if ((await db.query('SELECT 1 FROM runs WHERE id = $1', [runId])).length === 0)
        throw noRun(runId);
      return undefined;
    },
    async claimNext(owner, ttlMs) {
      const [r] = await db.query<Held & { id: string }>(
        `WITH pick AS (
           SELECT id FROM runs, ${NOW} now
           WHERE (status IN ('queued', 'interrupted') AND (lease_owner IS NULL OR lease_until < now.ms))
              OR (status IN ('running', 'waiting-approval') AND lease_owner IS NOT NULL AND lease_until < now.ms)
           ORDER BY updated_at, id LIMIT 1 FOR UPDATE OF runs SKIP LOCKED)
         UPDATE runs SET lease_owner = $1, lease_token = runs.lease_token + 1, lease_until = now.ms + $2
         FROM pick, ${NOW} now WHERE runs.id = pick.id
         RETURNING runs.id AS id, lease_token AS token, lease_until AS until`,
        [owner, ttlMs],
      );
      return r === undefined ? undefined : leaseOf(r.id, owner, r);
    },
    async renew(lease, ttlMs) {
      const [r] = await db.query<Held>(
        `UPDATE runs SET lease_until = now.ms + $4 FROM ${NOW} now
         WHERE id = $1 AND lease_owner = $2 AND lease_token = $3
         RETURNING lease_token AS token, lease_until AS until`,
        [lease.runId, lease.owner, lease.token, ttlMs],
      );
      return r === undefined ? undefined : leaseOf(lease.runId, lease.owner, r);
    },
    async release(lease) {
      await db.query(
        'UPDATE runs SET lease_owner = NULL, lease_until = NULL WHERE id = $1 AND lease_owner = $2 AND lease_token = $3',
        [lease.runId, lease.owner, lease.token],
      );
    },
    async leaseHolder(runId) {
      const rows = await db.query<Held & { owner: string | null }>(
        'SELECT lease_owner AS owner, lease_token AS token, lease_until AS until FROM runs WHERE id = $1',
        [runId],
      );
      const r = rows[0];
      if (r === undefined) throw noRun(runId);
      return r.owner === null
        ? undefined
        : leaseOf(runId, r.owner, { ...r, until: r.until ?? '0' });
    },
  };
}
