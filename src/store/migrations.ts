/**
 * The run log's schema, for both backends, in one place: a list of versioned migrations,
 * each with its SQLite and its Postgres text. A store applies the ones it has not applied
 * yet, in order, each once, under the database's write lock (SQLite: BEGIN IMMEDIATE;
 * Postgres: an advisory lock), so processes opening a new store at once apply each once.
 * A store at a newer version than this code knows is refused (STORE_SCHEMA_NEWER).
 */
import { UserError } from '../errors.js';

export interface Migration {
  /** 1, 2, 3...: the order they are applied in and the number recorded once applied. */
  version: number;
  /** What it changes, for people reading the list. */
  about: string;
  sqlite: string;
  postgres: string;
}

/** The module name the run log's versions are recorded under (schema_migrations.module). */
export const RUN_LOG_MODULE = 'runs';

export const RUN_LOG_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    about: 'runs: one row per run',
    sqlite: `CREATE TABLE runs (
     id TEXT PRIMARY KEY, mission TEXT NOT NULL, mission_dir TEXT, status TEXT NOT NULL,
     seed INTEGER NOT NULL, goal TEXT NOT NULL, options TEXT NOT NULL DEFAULT '{}',
     started_at TEXT NOT NULL, updated_at TEXT NOT NULL, last_seq INTEGER NOT NULL DEFAULT 0)`,
    postgres: `CREATE TABLE runs (
     id TEXT PRIMARY KEY, mission TEXT NOT NULL, mission_dir TEXT, status TEXT NOT NULL,
     seed BIGINT NOT NULL, goal TEXT NOT NULL, options TEXT NOT NULL DEFAULT '{}',
     started_at TEXT NOT NULL, updated_at TEXT NOT NULL, last_seq INTEGER NOT NULL DEFAULT 0)`,
  },
  {
    version: 2,
    about: 'run_events: the append-only log, seq per run',
    sqlite: `CREATE TABLE run_events (
     run_id TEXT NOT NULL REFERENCES runs(id), seq INTEGER NOT NULL, at TEXT NOT NULL, v INTEGER NOT NULL,
     type TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (run_id, seq))`,
    postgres: `CREATE TABLE run_events (
     run_id TEXT NOT NULL REFERENCES runs(id), seq INTEGER NOT NULL, at TEXT NOT NULL, v INTEGER NOT NULL,
     type TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (run_id, seq))`,
  },
  {
    version: 3,
    about: 'run_approvals: one decision per waiting step',
    sqlite: `CREATE TABLE run_approvals (
     run_id TEXT NOT NULL REFERENCES runs(id), step_id TEXT NOT NULL, approved INTEGER NOT NULL,
     by TEXT, reason TEXT, at TEXT NOT NULL, PRIMARY KEY (run_id, step_id))`,
    postgres: `CREATE TABLE run_approvals (
     run_id TEXT NOT NULL REFERENCES runs(id), step_id TEXT NOT NULL, approved BOOLEAN NOT NULL,
     "by" TEXT, reason TEXT, at TEXT NOT NULL, PRIMARY KEY (run_id, step_id))`,
  },
  {
    version: 4,
    about: 'runs: listing newest first, a page at a time, reads an index',
    sqlite: `CREATE INDEX runs_by_start ON runs (started_at, id)`,
    postgres: `CREATE INDEX runs_by_start ON runs (started_at, id)`,
  },
  {
    version: 5,
    // The token grows with every new holder; lease_until is milliseconds since the epoch.
    about: 'runs: who drives a run (lease owner, token, expiry)',
    sqlite: `ALTER TABLE runs ADD COLUMN lease_owner TEXT;
   ALTER TABLE runs ADD COLUMN lease_token INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE runs ADD COLUMN lease_until INTEGER`,
    postgres: `ALTER TABLE runs ADD COLUMN lease_owner TEXT,
   ADD COLUMN lease_token INTEGER NOT NULL DEFAULT 0, ADD COLUMN lease_until BIGINT`,
  },
  {
    version: 6,
    about: 'runs: finding the runs waiting for a worker (queued, interrupted) reads an index',
    sqlite: `CREATE INDEX runs_by_status ON runs (status, updated_at)`,
    postgres: `CREATE INDEX runs_by_status ON runs (status, updated_at)`,
  },
  {
    version: 7,
    // One row per step offered to workers: its identity (run, step) is the idempotency key
    // given to the tool; the lease (owner, token, expiry in ms) says who runs it now.
    about: 'run_steps: steps offered to any worker, claimed under leases, with their results',
    sqlite: `CREATE TABLE run_steps (
     run_id TEXT NOT NULL REFERENCES runs(id), step_id TEXT NOT NULL, key TEXT NOT NULL,
     attempt INTEGER NOT NULL, payload TEXT NOT NULL, status TEXT NOT NULL, offered_at INTEGER NOT NULL,
     lease_owner TEXT, lease_token INTEGER NOT NULL DEFAULT 0, lease_until INTEGER,
     result TEXT, done_by TEXT, done_at INTEGER, PRIMARY KEY (run_id, step_id));
   CREATE INDEX run_steps_open ON run_steps (offered_at) WHERE status <> 'done'`,
    postgres: `CREATE TABLE run_steps (
     run_id TEXT NOT NULL REFERENCES runs(id), step_id TEXT NOT NULL, key TEXT NOT NULL,
     attempt INTEGER NOT NULL, payload TEXT NOT NULL, status TEXT NOT NULL, offered_at BIGINT NOT NULL,
     lease_owner TEXT, lease_token INTEGER NOT NULL DEFAULT 0, lease_until BIGINT,
     result TEXT, done_by TEXT, done_at BIGINT, PRIMARY KEY (run_id, step_id));
   CREATE INDEX run_steps_open ON run_steps (offered_at) WHERE status <> 'done'`,
  },
];

/** The highest version the code knows. */
export const latestVersion = (migrations: readonly Migration[]): number =>
  Math.max(0, ...migrations.map((m) => m.version));

/** A store written by a newer Atelier: refused rather than misread. */
export function schemaNewer(where: string, found: number, known: number): UserError {
  return new UserError(
    `the store ${where} is at schema version ${found}; this Atelier knows up to ${known}`,
    {
      code: 'STORE_SCHEMA_NEWER',
      hint: 'upgrade Atelier, or pass --db with another store',
    },
  );
}
