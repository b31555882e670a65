/**
 * The run log: one row per mission run and an append-only list of events per run.
 * Every event carries a schema version (`v`) so stored runs stay readable when event
 * shapes change. Approval decisions have their own table so any process holding the
 * store (the CLI, the HTTP server) can answer a waiting step.
 */
import { retryBusy, storeError } from './errors.js';
import { migrate, openSqlite } from './sqlite.js';
import type { OpenSqliteOptions, SqliteDatabase } from './sqlite.js';

/** Version of the event `data` shapes written by this code. */
export const EVENT_SCHEMA_VERSION = 1;

const MIGRATIONS = [
  `CREATE TABLE runs (
     id TEXT PRIMARY KEY, mission TEXT NOT NULL, mission_dir TEXT, status TEXT NOT NULL,
     seed INTEGER NOT NULL, goal TEXT NOT NULL, options TEXT NOT NULL DEFAULT '{}',
     started_at TEXT NOT NULL, updated_at TEXT NOT NULL, last_seq INTEGER NOT NULL DEFAULT 0)`,
  `CREATE TABLE run_events (
     run_id TEXT NOT NULL REFERENCES runs(id), seq INTEGER NOT NULL, at TEXT NOT NULL, v INTEGER NOT NULL,
     type TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (run_id, seq))`,
  `CREATE TABLE run_approvals (
     run_id TEXT NOT NULL REFERENCES runs(id), step_id TEXT NOT NULL, approved INTEGER NOT NULL,
     by TEXT, reason TEXT, at TEXT NOT NULL, PRIMARY KEY (run_id, step_id))`,
  // Listing runs newest first, a page at a time, reads this index, not the whole table.
  `CREATE INDEX runs_by_start ON runs (started_at, id)`,
];

export interface StoredEvent {
  runId: string;
  seq: number;
  at: string;
  v: number;
  type: string;
  data: Record<string, unknown>;
}

export interface StoredRun {
  id: string;
  mission: string;
  missionDir: string | null;
  status: string;
  seed: number;
  goal: string;
  options: Record<string, unknown>;
  startedAt: string;
  updatedAt: string;
  lastSeq: number;
}

export interface StoredApproval {
  approved: boolean;
  by: string | null;
  reason: string | null;
  at: string;
}

type Listener = (e: StoredEvent) => void;

/** A page of runs, newest first: at most `limit`, started before the run `before` names. */
export interface RunPage {
  limit: number;
  before?: { startedAt: string; id: string };
}

export interface OpenRunStoreOptions extends OpenSqliteOptions {
  /** How long a write waits in total for other processes' locks (default 30 s). */
  lockTimeoutMs?: number;
}

/** The run log over a SQLite database. Create with `openRunStore`. */
export interface RunStore {
  readonly db: SqliteDatabase;
  /**
   * Creates a run; with `first`, writes its first event in the same transaction, so no
   * run is ever stored without it (the event is returned; listeners hear it).
   */
  createRun(
    run: Omit<StoredRun, 'lastSeq' | 'updatedAt'>,
    first?: { type: string; data: Record<string, unknown> },
  ): StoredEvent | undefined;
  /** Appends an event (seq = previous + 1) and returns it; listeners hear it after the write. */
  append(runId: string, type: string, data: Record<string, unknown>): StoredEvent;
  /** Appends several events in one transaction (all or none are written). */
  appendAll(
    runId: string,
    events: readonly { type: string; data: Record<string, unknown> }[],
  ): StoredEvent[];
  setStatus(runId: string, status: string): void;
  getRun(runId: string): StoredRun | undefined;
  /** Runs newest first: all of them, or one page. */
  listRuns(page?: RunPage): StoredRun[];
  /** Steps executed (finished or failed) and re-plans recorded in a run's log. */
  counts(runId: string): { steps: number; replans: number };
  events(runId: string, afterSeq?: number): StoredEvent[];
  subscribe(runId: string, listener: Listener): () => void;
  decide(
    runId: string,
    stepId: string,
    d: { approved: boolean; by?: string; reason?: string },
  ): void;
  decision(runId: string, stepId: string): StoredApproval | undefined;
  close(): void;
}

interface RunRow {
  id: string;
  mission: string;
  mission_dir: string | null;
  status: string;
  seed: number;
  goal: string;
  options: string;
  started_at: string;
  updated_at: string;
  last_seq: number;
}

function toRun(r: RunRow): StoredRun {
  return {
    id: r.id,
    mission: r.mission,
    missionDir: r.mission_dir,
    status: r.status,
    seed: r.seed,
    goal: r.goal,
    options: JSON.parse(r.options) as Record<string, unknown>,
    startedAt: r.started_at,
    updatedAt: r.updated_at,
    lastSeq: r.last_seq,
  };
}

/**
 * Opens (creating and migrating, unless `create: false`) the run log in `path` (default:
 * $ATELIER_DB or .atelier/atelier.db). Several processes may share the file: each write is
 * a transaction that takes the write lock first and waits for it (STORE_LOCKED after
 * `lockTimeoutMs`); a failing write throws a STORE_ `UserError` (a full disk: STORE_DISK_FULL).
 */
export function openRunStore(path?: string, options: OpenRunStoreOptions = {}): RunStore {
  const db = openSqlite(path, options);
  try {
    migrate(db, 'runs', MIGRATIONS);
  } catch (err) {
    db.close();
    throw err;
  }
  /** Runs one write (a statement or a transaction), retried while another process holds the lock. */
  const write = <T>(f: () => T): T => {
    try {
      return retryBusy(f, options.lockTimeoutMs);
    } catch (err) {
      throw storeError(err, db.name);
    }
  };
  const listeners = new Map<string, Set<Listener>>();
  const insertRun = db.prepare(
    'INSERT INTO runs (id, mission, mission_dir, status, seed, goal, options, started_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const lastSeq = db.prepare('SELECT last_seq FROM runs WHERE id = ?');
  const insertEvent = db.prepare(
    'INSERT INTO run_events (run_id, seq, at, v, type, data) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const bump = db.prepare('UPDATE runs SET last_seq = ?, updated_at = ? WHERE id = ?');
  const status = db.prepare('UPDATE runs SET status = ?, updated_at = ? WHERE id = ?');
  const getRun = db.prepare('SELECT * FROM runs WHERE id = ?');
  const listRuns = db.prepare('SELECT * FROM runs ORDER BY started_at DESC, id DESC');
  const firstPage = db.prepare('SELECT * FROM runs ORDER BY started_at DESC, id DESC LIMIT ?');
  const nextPage = db.prepare(
    'SELECT * FROM runs WHERE started_at < ? OR (started_at = ? AND id < ?) ORDER BY started_at DESC, id DESC LIMIT ?',
  );
  const counts = db.prepare(
    `SELECT SUM(type IN ('step.finished','step.failed')) AS steps, SUM(type = 'replan') AS replans FROM run_events WHERE run_id = ?`,
  );
  const events = db.prepare('SELECT * FROM run_events WHERE run_id = ? AND seq > ? ORDER BY seq');
  const decide = db.prepare(
    'INSERT OR REPLACE INTO run_approvals (run_id, step_id, approved, by, reason, at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const decision = db.prepare('SELECT * FROM run_approvals WHERE run_id = ? AND step_id = ?');
  const appendRows = db.transaction(
    (runId: string, rows: { type: string; data: string }[], at: string): number => {
      const row = lastSeq.get(runId) as { last_seq: number } | undefined;
      if (row === undefined) throw new Error(`run store: no run '${runId}'`);
      let seq = row.last_seq;
      for (const r of rows) insertEvent.run(runId, ++seq, at, EVENT_SCHEMA_VERSION, r.type, r.data);
      bump.run(seq, at, runId);
      return row.last_seq + 1;
    },
  );
  const createWith = db.transaction(
    (
      run: Omit<StoredRun, 'lastSeq' | 'updatedAt'>,
      events: { type: string; data: Record<string, unknown> }[],
      at: string,
    ): void => {
      insertRun.run(
        run.id,
        run.mission,
        run.missionDir,
        run.status,
        run.seed,
        run.goal,
        JSON.stringify(run.options),
        run.startedAt,
        run.startedAt,
      );
      if (events.length > 0)
        appendRows(
          run.id,
          events.map((e) => ({ type: e.type, data: JSON.stringify(e.data) })),
          at,
        );
    },
  );
  const notify = (e: StoredEvent): void => {
    for (const l of listeners.get(e.runId) ?? []) l(e);
    for (const l of listeners.get('*') ?? []) l(e);
  };
  return {
    db,
    createRun(run, first) {
      const at = new Date().toISOString();
      write(() => createWith.immediate(run, first === undefined ? [] : [first], at));
      if (first === undefined) return undefined;
      const e: StoredEvent = { runId: run.id, seq: 1, at, v: EVENT_SCHEMA_VERSION, ...first };
      notify(e);
      return e;
    },
    append(runId, type, data) {
      const at = new Date().toISOString();
      const seq = write(() =>
        appendRows.immediate(runId, [{ type, data: JSON.stringify(data) }], at),
      );
      const e: StoredEvent = { runId, seq, at, v: EVENT_SCHEMA_VERSION, type, data };
      notify(e);
      return e;
    },
    appendAll(runId, events) {
      const at = new Date().toISOString();
      const rows = events.map((e) => ({ type: e.type, data: JSON.stringify(e.data) }));
      const first = write(() => appendRows.immediate(runId, rows, at));
      const out = events.map((e, i): StoredEvent => ({
        runId,
        seq: first + i,
        at,
        v: EVENT_SCHEMA_VERSION,
        type: e.type,
        data: e.data,
      }));
      out.forEach(notify);
      return out;
    },
    setStatus(runId, s) {
      write(() => status.run(s, new Date().toISOString(), runId));
    },
    getRun(runId) {
      const r = getRun.get(runId) as RunRow | undefined;
      return r === undefined ? undefined : toRun(r);
    },
    listRuns(page) {
      const rows =
        page === undefined
          ? listRuns.all()
          : page.before === undefined
            ? firstPage.all(page.limit)
            : nextPage.all(
                page.before.startedAt,
                page.before.startedAt,
                page.before.id,
                page.limit,
              );
      return (rows as RunRow[]).map(toRun);
    },
    counts(runId) {
      const r = counts.get(runId) as { steps: number | null; replans: number | null };
      return { steps: r.steps ?? 0, replans: r.replans ?? 0 };
    },
    events(runId, afterSeq = 0) {
      return (
        events.all(runId, afterSeq) as {
          run_id: string;
          seq: number;
          at: string;
          v: number;
          type: string;
          data: string;
        }[]
      ).map((r) => ({
        runId: r.run_id,
        seq: r.seq,
        at: r.at,
        v: r.v,
        type: r.type,
        data: JSON.parse(r.data) as Record<string, unknown>,
      }));
    },
    subscribe(runId, listener) {
      const set = listeners.get(runId) ?? new Set<Listener>();
      set.add(listener);
      listeners.set(runId, set);
      return () => {
        set.delete(listener);
      };
    },
    decide(runId, stepId, d) {
      const at = new Date().toISOString();
      write(() =>
        decide.run(runId, stepId, d.approved ? 1 : 0, d.by ?? null, d.reason ?? null, at),
      );
    },
    decision(runId, stepId) {
      const r = decision.get(runId, stepId) as
        { approved: number; by: string | null; reason: string | null; at: string } | undefined;
      return r === undefined
        ? undefined
        : { approved: r.approved === 1, by: r.by, reason: r.reason, at: r.at };
    },
    close() {
      db.close();
    },
  };
}
