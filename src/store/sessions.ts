/**
 * Conversations persisted in SQLite, append-only: a later run with the same session id
 * continues where the last one stopped. Implements the agents' `Session` interface.
 */
import type { Session } from '../agents/types.js';
import { readRunState, type AgentRunState } from '../agents/run-state.js';
import type { Message } from '../models/types.js';
import { UserError } from '../errors.js';
import { migrate, type SqliteDatabase } from './sqlite.js';

const MIGRATIONS = [
  `CREATE TABLE sessions (
     id TEXT PRIMARY KEY,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE TABLE session_messages (
     session_id TEXT NOT NULL REFERENCES sessions(id),
     seq INTEGER NOT NULL,
     message TEXT NOT NULL,
     format INTEGER NOT NULL,
     created_at TEXT NOT NULL,
     PRIMARY KEY (session_id, seq)
   );`,
  // The state of a run paused on approvals, one per session (see saveState).
  `CREATE TABLE session_states (
     session_id TEXT PRIMARY KEY,
     state TEXT NOT NULL,
     version INTEGER NOT NULL,
     saved_at TEXT NOT NULL
   );`,
];

/** The version of the stored message shape; rows of a newer format are refused, not misread. */
export const SESSION_MESSAGE_FORMAT = 1;

/** How long an append waits for another connection's write (when the connection set no wait). */
export const APPEND_BUSY_TIMEOUT_MS = 5000;

export interface SessionInfo {
  id: string;
  createdAt: string;
  updatedAt: string;
  messages: number;
}

export interface SessionStore {
  /** The session with this id (created on first append). */
  session(id: string): Session;
  /** All sessions, most recently updated first. */
  list(): SessionInfo[];
  /** The messages of a session, oldest first ([] if unknown). */
  messages(id: string): Message[];
  /** Keeps the state of a run of this session paused on approvals (replacing an earlier one). */
  saveState(id: string, state: AgentRunState): void;
  /** The paused run's state, checked (kind, version, shape), or undefined. */
  loadState(id: string): AgentRunState | undefined;
  /** Forgets the paused run's state (once it was resumed). */
  clearState(id: string): void;
}

/** Sessions in an open SQLite database (see `openSqlite`). */
export function sqliteSessions(db: SqliteDatabase): SessionStore {
  // Several processes may append to one session: wait for the write lock rather than
  // fail at once (openSqlite and better-sqlite3 default to 5 s; keep a longer setting).
  if (Number(db.pragma('busy_timeout', { simple: true })) === 0)
    db.pragma(`busy_timeout = ${APPEND_BUSY_TIMEOUT_MS}`);
  migrate(db, 'sessions', MIGRATIONS);
  const select = db.prepare<[string], { message: string; format: number; seq: number }>(
    'SELECT message, format, seq FROM session_messages WHERE session_id = ? ORDER BY seq',
  );
  const upsert = db.prepare<[string, string, string]>(
    'INSERT INTO sessions (id, created_at, updated_at) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET updated_at = excluded.updated_at',
  );
  const lastSeq = db.prepare<[string], { seq: number | null }>(
    'SELECT MAX(seq) AS seq FROM session_messages WHERE session_id = ?',
  );
  const insert = db.prepare<[string, number, string, number, string]>(
    'INSERT INTO session_messages (session_id, seq, message, format, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const listAll = db.prepare<[], { id: string; created_at: string; updated_at: string; n: number }>(
    'SELECT s.id, s.created_at, s.updated_at, (SELECT COUNT(*) FROM session_messages m WHERE m.session_id = s.id) AS n FROM sessions s ORDER BY s.updated_at DESC, s.id',
  );
  // Run with `.immediate`: the write lock is taken before MAX(seq) is read, so two
  // connections appending to one session cannot pick the same seq.
  const appendAll = db.transaction((id: string, messages: readonly Message[]) => {
    const now = new Date().toISOString();
    upsert.run(id, now, now);
    let seq = lastSeq.get(id)?.seq ?? 0;
    for (const m of messages) insert.run(id, ++seq, JSON.stringify(m), SESSION_MESSAGE_FORMAT, now);
  });
  const messages = (id: string): Message[] =>
    select.all(id).map((r) => {
      if (r.format > SESSION_MESSAGE_FORMAT) {
        throw new UserError(
          `session ${JSON.stringify(id)}: message ${r.seq} was stored in format ${r.format}, newer than this Atelier reads (${SESSION_MESSAGE_FORMAT})`,
          { code: 'STORE_FORMAT_TOO_NEW', hint: 'upgrade Atelier, or use another --session id' },
        );
      }
      return JSON.parse(r.message) as Message;
    });
  const putState = db.prepare<[string, string, number, string]>(
    'INSERT INTO session_states (session_id, state, version, saved_at) VALUES (?, ?, ?, ?) ON CONFLICT(session_id) DO UPDATE SET state = excluded.state, version = excluded.version, saved_at = excluded.saved_at',
  );
  const getState = db.prepare<[string], { state: string }>(
    'SELECT state FROM session_states WHERE session_id = ?',
  );
  const dropState = db.prepare<[string]>('DELETE FROM session_states WHERE session_id = ?');
  return {
    saveState: (id, state) =>
      void putState.run(id, JSON.stringify(state), state.version, new Date().toISOString()),
    loadState: (id) => {
      const row = getState.get(id);
      return row ? readRunState(row.state) : undefined;
    },
    clearState: (id) => void dropState.run(id),
    session: (id) => ({
      id,
      load: () => messages(id),
      append: (more) => {
        if (more.length) appendAll.immediate(id, more);
      },
    }),
    list: () =>
      listAll.all().map((r) => ({
        id: r.id,
        createdAt: r.created_at,
        updatedAt: r.updated_at,
        messages: r.n,
      })),
    messages,
  };
}
