/**
 * Offered steps over Postgres (the `StepQueue` part of the run log port): the run_steps
 * table (migrations.ts, version 7). A claim is one `UPDATE … FROM (SELECT … FOR UPDATE
 * SKIP LOCKED)` taking up to N steps, so racing workers never get the same step and never wait on each other;
 * leases are conditional UPDATEs timed by the server's clock, like the runs' leases.
 */
import { LeaseLostError } from '../../team/log/port.js';
import type { StepLease, StepQueue } from '../../team/log/port.js';
import type { PgDb } from './pool.js';

/** The server's clock, in ms: every process judges expiry by the same clock. */
const NOW = `(SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint AS ms)`;

const OFFER = `
  INSERT INTO run_steps (run_id, step_id, key, attempt, payload, status, offered_at)
  SELECT $1, x.s, x.k, x.a, x.p, 'ready', now.ms
  FROM unnest($2::text[], $3::text[], $4::int[], $5::text[]) AS x(s, k, a, p), ${NOW} now
  WHERE EXISTS (SELECT 1 FROM runs WHERE id = $1 AND lease_owner = $6 AND lease_token = $7::int)
  ON CONFLICT (run_id, step_id) DO NOTHING`;

const CLAIM = `
  WITH pick AS (
    SELECT s.run_id, s.step_id FROM run_steps s, ${NOW} now
    WHERE s.status <> 'done' AND (s.lease_owner IS NULL OR s.lease_until < now.ms)
      AND EXISTS (SELECT 1 FROM runs r WHERE r.id = s.run_id AND r.status NOT IN ('succeeded', 'failed'))
    ORDER BY s.offered_at, s.run_id, s.step_id LIMIT $3 FOR UPDATE OF s SKIP LOCKED)
  UPDATE run_steps t SET status = 'leased', lease_owner = $1, lease_token = t.lease_token + 1,
    lease_until = now.ms + $2
  FROM pick, ${NOW} now WHERE t.run_id = pick.run_id AND t.step_id = pick.step_id
  RETURNING t.run_id, t.step_id, t.key, t.attempt, t.payload, t.lease_token, t.lease_until`;

const HELD = `run_id = $1 AND step_id = $2 AND lease_owner = $3 AND lease_token = $4 AND status <> 'done'`;

const leaseOf = (l: Omit<StepLease, 'expiresAt'>, until: string): StepLease => ({
  ...l,
  expiresAt: new Date(Number(until)).toISOString(),
});

/** Offered steps over Postgres: offers and results here, leases in `pgStepLeases`. */
export function pgSteps(db: PgDb): StepQueue {
  return {
    ...pgStepLeases(db),
    async offerSteps(lease, tasks) {
      if (tasks.length === 0) return;
      const rows = await db.query<{ n: number }>(
        `WITH ins AS (${OFFER} RETURNING 1) SELECT COUNT(*)::int AS n FROM ins`,
        [
          lease.runId,
          tasks.map((t) => t.stepId),
          tasks.map((t) => t.key),
          tasks.map((t) => t.attempt),
          tasks.map((t) => JSON.stringify(t.payload)),
          lease.owner,
          lease.token,
        ],
      );
      // Fewer rows than tasks: offered before (kept), or the lease is not held (refused).
      if (rows[0]!.n === tasks.length) return;
      const held = await db.query(
        'SELECT 1 FROM runs WHERE id = $1 AND lease_owner = $2 AND lease_token = $3',
        [lease.runId, lease.owner, lease.token],
      );
      if (held.length === 0) throw new LeaseLostError(lease);
    },
    async recordStep(lease, t, result) {
      const rows = await db.query<{ held: boolean; n: number }>(
        `WITH held AS (SELECT 1 FROM runs WHERE id = $1 AND lease_owner = $7 AND lease_token = $8::int),
         ins AS (
           INSERT INTO run_steps (run_id, step_id, key, attempt, payload, status, offered_at, result, done_by, done_at)
           SELECT $1, $2, $3, $4, $5, 'done', now.ms, $6, $7, now.ms FROM ${NOW} now WHERE EXISTS (SELECT 1 FROM held)
           ON CONFLICT (run_id, step_id) DO UPDATE SET status = 'done', result = EXCLUDED.result,
             done_by = EXCLUDED.done_by, done_at = EXCLUDED.done_at, lease_owner = NULL, lease_until = NULL
           WHERE run_steps.status <> 'done'
           RETURNING 1)
         SELECT EXISTS (SELECT 1 FROM held) AS held, (SELECT COUNT(*)::int FROM ins) AS n`,
        [
          t.runId,
          t.stepId,
          t.key,
          t.attempt,
          JSON.stringify(t.payload),
          JSON.stringify(result),
          lease.owner,
          lease.token,
        ],
      );
      if (!rows[0]!.held) throw new LeaseLostError(lease);
      return rows[0]!.n > 0;
    },
    async stepResults(steps) {
      if (steps.length === 0) return [];
      const rows = await db.query<{
        run_id: string;
        step_id: string;
        result: string;
        done_by: string;
      }>(
        `SELECT s.run_id, s.step_id, s.result, s.done_by FROM run_steps s
         JOIN unnest($1::text[], $2::text[]) AS x(r, st) ON s.run_id = x.r AND s.step_id = x.st
         WHERE s.status = 'done'`,
        [steps.map((s) => s.runId), steps.map((s) => s.stepId)],
      );
      return rows.map((r) => ({
        runId: r.run_id,
        stepId: r.step_id,
        result: JSON.parse(r.result) as unknown,
        by: r.done_by,
      }));
    },
  };
}

function pgStepLeases(
  db: PgDb,
): Pick<StepQueue, 'claimSteps' | 'renewStep' | 'completeStep' | 'releaseStep'> {
  return {
    async claimSteps(owner, ttlMs, max) {
      const rows = await db.query<{
        run_id: string;
        step_id: string;
        key: string;
        attempt: number;
        payload: string;
        lease_token: number;
        lease_until: string;
      }>(CLAIM, [owner, ttlMs, max]);
      return rows.map((r) => ({
        runId: r.run_id,
        stepId: r.step_id,
        key: r.key,
        attempt: r.attempt,
        payload: JSON.parse(r.payload) as unknown,
        lease: leaseOf(
          { runId: r.run_id, stepId: r.step_id, owner, token: r.lease_token },
          r.lease_until,
        ),
      }));
    },
    async renewStep(l, ttlMs) {
      const [r] = await db.query<{ until: string }>(
        `UPDATE run_steps SET lease_until = now.ms + $5 FROM ${NOW} now WHERE ${HELD}
         RETURNING lease_until AS until`,
        [l.runId, l.stepId, l.owner, l.token, ttlMs],
      );
      return r === undefined ? undefined : leaseOf(l, r.until);
    },
    async completeStep(l, result) {
      const rows = await db.query(
        `UPDATE run_steps SET status = 'done', result = $5, done_by = $3, done_at = now.ms,
           lease_owner = NULL, lease_until = NULL FROM ${NOW} now WHERE ${HELD} RETURNING 1`,
        [l.runId, l.stepId, l.owner, l.token, JSON.stringify(result)],
      );
      return rows.length > 0;
    },
    async releaseStep(l) {
      await db.query(
        `UPDATE run_steps SET status = 'ready', lease_owner = NULL, lease_until = NULL WHERE ${HELD}`,
        [l.runId, l.stepId, l.owner, l.token],
      );
    },
  };
}
