/**
 * Offered steps over SQLite (the `StepQueue` part of the run log port): the run_steps
 * table (migrations.ts, version 7). Every change is one BEGIN IMMEDIATE transaction, which
 * takes the database's write lock first, so two processes never claim the same step; the
 * same rules as the Postgres version (postgres/steps.ts), timed by this machine's clock.
 */
import { LeaseLostError } from '../team/log/port.js';
import type { ClaimedStep, RunLease, StepLease, StepQueue, StepTask } from '../team/log/port.js';
import type { SqliteDatabase } from './sqlite.js';

/** Runs one write transaction, retried while another process holds the lock. */
type Write = <T>(f: () => T) => T;

interface StepRow {
  run_id: string;
  step_id: string;
  key: string;
  attempt: number;
  payload: string;
  status: string;
  lease_owner: string | null;
  lease_token: number;
  lease_until: number | null;
  result: string | null;
  done_by: string | null;
}

/** Runs whose steps are still handed out: not ended. */
const LIVE_RUN = `EXISTS (SELECT 1 FROM runs r WHERE r.id = s.run_id
  AND r.status NOT IN ('succeeded', 'failed'))`;

const stepLease = (r: StepRow, owner: string, token: number, until: number): StepLease => ({
  runId: r.run_id,
  stepId: r.step_id,
  owner,
  token,
  expiresAt: new Date(until).toISOString(),
});

function stepStatements(db: SqliteDatabase) {
  return {
    run: db.prepare('SELECT lease_owner, lease_token FROM runs WHERE id = ?'),
    offer: db.prepare(
      `INSERT INTO run_steps (run_id, step_id, key, attempt, payload, status, offered_at)
       VALUES (?, ?, ?, ?, ?, 'ready', ?) ON CONFLICT (run_id, step_id) DO NOTHING`,
    ),
    next: db.prepare(
      `SELECT * FROM run_steps s WHERE status <> 'done' AND (lease_owner IS NULL OR lease_until < ?)
       AND ${LIVE_RUN} ORDER BY offered_at, run_id, step_id LIMIT ?`,
    ),
    get: db.prepare('SELECT * FROM run_steps WHERE run_id = ? AND step_id = ?'),
    lease: db.prepare(
      `UPDATE run_steps SET status = ?, lease_owner = ?, lease_token = ?, lease_until = ?
       WHERE run_id = ? AND step_id = ?`,
    ),
    record: db.prepare(
      `INSERT INTO run_steps (run_id, step_id, key, attempt, payload, status, offered_at, result, done_by, done_at)
       VALUES (?, ?, ?, ?, ?, 'done', ?, ?, ?, ?)
       ON CONFLICT (run_id, step_id) DO UPDATE SET status = 'done', result = excluded.result,
         done_by = excluded.done_by, done_at = excluded.done_at, lease_owner = NULL, lease_until = NULL
       WHERE run_steps.status <> 'done'`,
    ),
    done: db.prepare(
      `UPDATE run_steps SET status = 'done', result = ?, done_by = ?, done_at = ?,
       lease_owner = NULL, lease_until = NULL WHERE run_id = ? AND step_id = ?`,
    ),
  };
}

export function sqliteSteps(db: SqliteDatabase, write: Write): StepQueue {
  const q = stepStatements(db);
  const held = (r: StepRow | undefined, l: StepLease): r is StepRow =>
    r !== undefined &&
    r.status !== 'done' &&
    r.lease_owner === l.owner &&
    r.lease_token === l.token;
  const mustHold = (lease: RunLease): void => {
    const run = q.run.get(lease.runId) as { lease_owner: string; lease_token: number } | undefined;
    if (run?.lease_owner !== lease.owner || run.lease_token !== lease.token)
      throw new LeaseLostError(lease);
  };
  const offer = db.transaction((lease: RunLease, tasks: readonly StepTask[]) => {
    mustHold(lease);
    const now = Date.now();
    for (const t of tasks)
      q.offer.run(t.runId, t.stepId, t.key, t.attempt, JSON.stringify(t.payload), now);
  });
  const record = db.transaction((lease: RunLease, t: StepTask, result: string): boolean => {
    mustHold(lease);
    const now = Date.now();
    const p = JSON.stringify(t.payload);
    return (
      q.record.run(t.runId, t.stepId, t.key, t.attempt, p, now, result, lease.owner, now).changes >
      0
    );
  });
  const claim = db.transaction((owner: string, ttlMs: number, max: number): ClaimedStep[] => {
    const now = Date.now();
    return (q.next.all(now, max) as StepRow[]).map((r) => {
      const token = r.lease_token + 1;
      q.lease.run('leased', owner, token, now + ttlMs, r.run_id, r.step_id);
      return {
        runId: r.run_id,
        stepId: r.step_id,
        key: r.key,
        attempt: r.attempt,
        payload: JSON.parse(r.payload) as unknown,
        lease: stepLease(r, owner, token, now + ttlMs),
      };
    });
  });
  const renew = db.transaction((l: StepLease, ttlMs: number) => {
    const r = q.get.get(l.runId, l.stepId) as StepRow | undefined;
    if (!held(r, l)) return undefined;
    const until = Date.now() + ttlMs;
    q.lease.run('leased', l.owner, l.token, until, l.runId, l.stepId);
    return stepLease(r, l.owner, l.token, until);
  });
  const complete = db.transaction((l: StepLease, result: string) => {
    if (!held(q.get.get(l.runId, l.stepId) as StepRow | undefined, l)) return false;
    q.done.run(result, l.owner, Date.now(), l.runId, l.stepId);
    return true;
  });
  const release = db.transaction((l: StepLease) => {
    const r = q.get.get(l.runId, l.stepId) as StepRow | undefined;
    if (held(r, l)) q.lease.run('ready', null, r.lease_token, null, l.runId, l.stepId);
  });
  return {
    offerSteps: async (lease, tasks) => write(() => offer.immediate(lease, tasks)),
    claimSteps: async (owner, ttlMs, max) => write(() => claim.immediate(owner, ttlMs, max)),
    renewStep: async (lease, ttlMs) => write(() => renew.immediate(lease, ttlMs)),
    completeStep: async (lease, result) =>
      write(() => complete.immediate(lease, JSON.stringify(result))),
    releaseStep: async (lease) => write(() => release.immediate(lease)),
    recordStep: async (lease, task, result) =>
      write(() => record.immediate(lease, task, JSON.stringify(result))),
    async stepResults(steps) {
      return steps.flatMap((s) => {
        const r = q.get.get(s.runId, s.stepId) as StepRow | undefined;
        return r?.status === 'done'
          ? [
              {
                runId: r.run_id,
                stepId: r.step_id,
                result: JSON.parse(r.result!) as unknown,
                by: r.done_by!,
              },
            ]
          : [];
      });
    },
  };
}
