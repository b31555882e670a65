/**
 * The run log over SQLite: one row per mission run and an append-only list of events per
 * run. It implements the team's `RunLog` port (src/team/log/port.ts): events are stored as
 * given (kind, schema version `v`, JSON data) and the team parses them. Approval decisions
 * have their own table so any process holding the store (the CLI, the HTTP server) can
 * answer a waiting step. The database handle and the SQL stay in this file.
 */
import { LeaseLostError } from '../team/log/port.js';
import type {
  LoggedEvent,
  NewEvent,
  NewRun,
  RunLease,
  RunLog,
  RunPage,
} from '../team/log/port.js';
import { retryBusy, storeError } from './errors.js';
import { RUN_LOG_MIGRATIONS, RUN_LOG_MODULE } from './migrations.js';
import { productTable } from './products.js';
import type { ProductTable } from './products.js';
import { migrate, openSqlite } from './sqlite.js';
import { sqliteSteps } from './steps.js';
import type { OpenSqliteOptions, SqliteDatabase } from './sqlite.js';
import { runValues, toEvent, toRun } from './run-rows.js';
import type { EventRow, RunRow as BaseRunRow } from './run-rows.js';

type Listener = (e: LoggedEvent) => void;

export interface OpenRunStoreOptions extends OpenSqliteOptions {
  /** How long a write waits in total for other processes' locks (default 30 s). */
  lockTimeoutMs?: number;
}

/** Runs one write (a statement or a transaction), retried while another process holds the lock. */
type Write = <T>(f: () => T) => T;

interface RunRow extends BaseRunRow {
  seed: number;
  lease_owner: string | null;
  lease_token: number;
  lease_until: number | null;
}

/**
 * Opens (creating and migrating, unless `create: false`) the run log in `path` (default:
 * $ATELIER_DB or .atelier/atelier.db). Several processes may share the file: each write is
 * a transaction that takes the write lock first and waits for it (STORE_LOCKED after
 * `lockTimeoutMs`); a failing write throws a STORE_ `UserError` (a full disk: STORE_DISK_FULL).
 */
export function openRunStore(path?: string, options: OpenRunStoreOptions = {}): RunLog {
  const db = openSqlite(path, options);
  try {
    migrate(db, RUN_LOG_MODULE, RUN_LOG_MIGRATIONS);
  } catch (err) {
    db.close();
    throw err;
  }
  const write: Write = (f) => {
    try {
      return retryBusy(f, options.lockTimeoutMs);
    } catch (err) {
      throw storeError(err, db.name);
    }
  };
  const q = statements(db);
  const products = productTable(db);
  const events = sqliteEvents(db, q, write, products);
  const log: RunLog = {
    ...sqliteRuns(db, q, write, events.appendRows, events.notify),
    ...events.log,
    products: products.products,
    ...sqliteLeases(db, q, write),
    ...sqliteApprovals(q, write),
    ...sqliteSteps(db, write),
    async close() {
      db.close();
    },
  };
  databases.set(log, db);
  return log;
}

const databases = new WeakMap<RunLog, SqliteDatabase>();

/**
 * The SQLite database under a run log opened here, for other tables kept beside the runs
 * (the server's responses); undefined for any other run log.
 */
export function databaseOf(log: RunLog): SqliteDatabase | undefined {
  return databases.get(log);
}

type Statements = ReturnType<typeof statements>;

function statements(db: SqliteDatabase) {
  return {
    insertRun: db.prepare(
      'INSERT INTO runs (id, mission, mission_dir, status, seed, goal, options, started_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    insertEvent: db.prepare(
      'INSERT INTO run_events (run_id, seq, at, v, type, data) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    bump: db.prepare('UPDATE runs SET last_seq = ?, updated_at = ? WHERE id = ?'),
    status: db.prepare('UPDATE runs SET status = ?, updated_at = ? WHERE id = ?'),
    getRun: db.prepare('SELECT * FROM runs WHERE id = ?'),
    listRuns: db.prepare('SELECT * FROM runs ORDER BY started_at DESC, id DESC'),
    firstPage: db.prepare('SELECT * FROM runs ORDER BY started_at DESC, id DESC LIMIT ?'),
    nextPage: db.prepare(
      'SELECT * FROM runs WHERE started_at < ? OR (started_at = ? AND id < ?) ORDER BY started_at DESC, id DESC LIMIT ?',
    ),
    waiting: db.prepare(
      `SELECT * FROM runs WHERE (status IN ('queued', 'interrupted') AND (lease_owner IS NULL OR lease_until < ?))
         OR (status IN ('running', 'waiting-approval') AND lease_owner IS NOT NULL AND lease_until < ?)
       ORDER BY updated_at, id LIMIT 1`,
    ),
    events: db.prepare('SELECT * FROM run_events WHERE run_id = ? AND seq > ? ORDER BY seq'),
    countTypes: db.prepare(
      'SELECT type, COUNT(*) AS n FROM run_events WHERE run_id = ? AND type IN (SELECT value FROM json_each(?)) GROUP BY type',
    ),
    decide: db.prepare(
      'INSERT OR REPLACE INTO run_approvals (run_id, step_id, approved, by, reason, at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    decision: db.prepare('SELECT * FROM run_approvals WHERE run_id = ? AND step_id = ?'),
    setLease: db.prepare(
      'UPDATE runs SET lease_owner = ?, lease_token = ?, lease_until = ? WHERE id = ?',
    ),
  };
}

/** Runs: their rows; a run is created with its first event in one transaction. */
function sqliteRuns(
  db: SqliteDatabase,
  q: Statements,
  write: Write,
  appendRows: AppendRows,
  notify: (e: LoggedEvent) => void,
): Pick<RunLog, 'createRun' | 'getRun' | 'listRuns' | 'setStatus'> {
  const createWith = db.transaction((run: NewRun, first: NewEvent[], at: string) => {
    q.insertRun.run(...runValues(run), run.startedAt);
    return first.length === 0 ? [] : appendRows(run.id, first, at);
  });
  return {
    async createRun(run, first) {
      const at = new Date().toISOString();
      const [e] = write(() => createWith.immediate(run, first === undefined ? [] : [first], at));
      if (e !== undefined) notify(e);
      return e;
    },
    async getRun(runId) {
      const r = q.getRun.get(runId) as RunRow | undefined;
      return r === undefined ? undefined : toRun(r);
    },
    async listRuns(page?: RunPage) {
      const rows =
        page === undefined
          ? q.listRuns.all()
          : page.before === undefined
            ? q.firstPage.all(page.limit)
            : q.nextPage.all(
                page.before.startedAt,
                page.before.startedAt,
                page.before.id,
                page.limit,
              );
      return (rows as RunRow[]).map(toRun);
    },
    async setStatus(runId, s) {
      write(() => q.status.run(s, new Date().toISOString(), runId));
    },
  };
}

type AppendRows = (
  runId: string,
  rows: readonly NewEvent[],
  at: string,
  lease?: RunLease,
) => LoggedEvent[];

/** Events: appended in one transaction per call (seq per run), read back, heard live. */
function sqliteEvents(
  db: SqliteDatabase,
  q: Statements,
  write: Write,
  products: ProductTable,
): {
  log: Pick<RunLog, 'append' | 'read' | 'countEvents' | 'subscribe'>;
  appendRows: AppendRows;
  notify: (e: LoggedEvent) => void;
} {
  const listeners = new Map<string, Set<Listener>>();
  const notify = (e: LoggedEvent): void => {
    for (const l of listeners.get(e.runId) ?? []) l(e);
    for (const l of listeners.get('*') ?? []) l(e);
  };
  const appendRows: AppendRows = (runId, rows, at, lease) => {
    const row = q.getRun.get(runId) as RunRow | undefined;
    if (row === undefined) throw new Error(`run store: no run '${runId}'`);
    if (lease !== undefined && !holds(row, lease)) throw new LeaseLostError(lease);
    let seq = row.last_seq;
    const out = rows.map((r): LoggedEvent => {
      q.insertEvent.run(runId, ++seq, at, r.v, r.type, JSON.stringify(r.data));
      products.onAppend(runId, seq, at, r);
      return { runId, seq, at, v: r.v, type: r.type, data: r.data };
    });
    q.bump.run(seq, at, runId);
    return out;
  };
  const appendTx = db.transaction(appendRows);
  const log: Pick<RunLog, 'append' | 'read' | 'countEvents' | 'subscribe'> = {
    async append(runId, events, options = {}) {
      const at = new Date().toISOString();
      const out = write(() => appendTx.immediate(runId, events, at, options.lease));
      out.forEach(notify);
      return out;
    },
    async read(runId, afterSeq = 0) {
      return (q.events.all(runId, afterSeq) as EventRow[]).map(toEvent);
    },
    async countEvents(runId, types) {
      const rows = q.countTypes.all(runId, JSON.stringify(types)) as { type: string; n: number }[];
      const found = new Map(rows.map((r) => [r.type, r.n]));
      return Object.fromEntries(types.map((t) => [t, found.get(t) ?? 0]));
    },
    subscribe(runId, listener) {
      const set = listeners.get(runId) ?? new Set<Listener>();
      set.add(listener);
      listeners.set(runId, set);
      return () => {
        set.delete(listener);
      };
    },
  };
  return { log, appendRows, notify };
}

/** Approval decisions, one per step (a later one replaces it). */
function sqliteApprovals(q: Statements, write: Write): Pick<RunLog, 'decide' | 'decision'> {
  return {
    async decide(runId, stepId, d) {
      const at = new Date().toISOString();
      write(() =>
        q.decide.run(runId, stepId, d.approved ? 1 : 0, d.by ?? null, d.reason ?? null, at),
      );
    },
    async decision(runId, stepId) {
      const r = q.decision.get(runId, stepId) as
        { approved: number; by: string | null; reason: string | null; at: string } | undefined;
      return r === undefined
        ? undefined
        : { approved: r.approved === 1, by: r.by, reason: r.reason, at: r.at };
    },
  };
}

/** A lease is held while its owner and token are the run's (its expiry only lets others take it). */
const holds = (row: RunRow, lease: RunLease): boolean =>
  row.lease_owner === lease.owner && row.lease_token === lease.token;

const leaseOf = (runId: string, owner: string, token: number, until: number): RunLease => ({
  runId,
  owner,
  token,
  expiresAt: new Date(until).toISOString(),
});

/** Claim, renew and release, each one transaction over the run's row. */
function sqliteLeases(
  db: SqliteDatabase,
  q: Statements,
  write: Write,
): Pick<RunLog, 'claim' | 'claimNext' | 'renew' | 'release' | 'leaseHolder'> {
  const row = (runId: string): RunRow => {
    const r = q.getRun.get(runId) as RunRow | undefined;
    if (r === undefined) throw new Error(`run store: no run '${runId}'`);
    return r;
  };
  const claim = db.transaction((runId: string, owner: string, ttlMs: number) => {
    const r = row(runId);
    const now = Date.now();
    const free = r.lease_owner === null || (r.lease_until ?? 0) < now;
    if (!free && r.lease_owner !== owner) return undefined;
    const token = r.lease_owner === owner && !free ? r.lease_token : r.lease_token + 1;
    q.setLease.run(owner, token, now + ttlMs, runId);
    return leaseOf(runId, owner, token, now + ttlMs);
  });
  const claimNext = db.transaction((owner: string, ttlMs: number) => {
    const now = Date.now();
    const r = q.waiting.get(now, now) as RunRow | undefined;
    if (r === undefined) return undefined;
    q.setLease.run(owner, r.lease_token + 1, now + ttlMs, r.id);
    return leaseOf(r.id, owner, r.lease_token + 1, now + ttlMs);
  });
  const renew = db.transaction((lease: RunLease, ttlMs: number) => {
    if (!holds(row(lease.runId), lease)) return undefined;
    const until = Date.now() + ttlMs;
    q.setLease.run(lease.owner, lease.token, until, lease.runId);
    return leaseOf(lease.runId, lease.owner, lease.token, until);
  });
  const release = db.transaction((lease: RunLease) => {
    const r = row(lease.runId);
    if (holds(r, lease)) q.setLease.run(null, r.lease_token, null, lease.runId);
  });
  return {
    claim: async (runId, owner, ttlMs) => write(() => claim.immediate(runId, owner, ttlMs)),
    // IMMEDIATE: the write lock first, so two processes never pick the same run.
    claimNext: async (owner, ttlMs) => write(() => claimNext.immediate(owner, ttlMs)),
    renew: async (lease, ttlMs) => write(() => renew.immediate(lease, ttlMs)),
    release: async (lease) => write(() => release.immediate(lease)),
    async leaseHolder(runId) {
      const r = row(runId);
      return r.lease_owner === null
        ? undefined
        : leaseOf(runId, r.lease_owner, r.lease_token, r.lease_until ?? 0);
    },
  };
}
