/**
 * Opening the embedded SQLite store and applying each module's schema migrations.
 * Modules (sessions, runs, ...) own their tables; this file owns only the file and
 * the migration bookkeeping.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { schemaNewer } from './migrations.js';
import type { Migration } from './migrations.js';

export type SqliteDatabase = Database.Database;

/** Default location of the store, relative to the working directory. */
export const DEFAULT_DB_PATH = '.atelier/atelier.db';

/** Opens (creating if needed) a SQLite file in WAL mode; ':memory:' works too. */
export function openSqlite(
  path: string = process.env.ATELIER_DB ?? DEFAULT_DB_PATH,
): SqliteDatabase {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}

/**
 * Applies the migrations of one module, in order, each once. `module` namespaces the
 * version numbers so modules migrate independently.
 */
export function migrate(
  db: SqliteDatabase,
  module: string,
  steps: readonly string[] | readonly Migration[],
): void {
  db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (module TEXT NOT NULL, version INTEGER NOT NULL, PRIMARY KEY (module, version))',
  );
  const done = new Set(
    (
      db.prepare('SELECT version FROM schema_migrations WHERE module = ?').all(module) as {
        version: number;
      }[]
    ).map((r) => r.version),
  );
  const record = db.prepare('INSERT INTO schema_migrations (module, version) VALUES (?, ?)');
  const list = steps.map((m, i) =>
    typeof m === 'string' ? { version: i + 1, sql: m } : { version: m.version, sql: m.sqlite },
  );
  const known = Math.max(0, ...list.map((m) => m.version));
  const newest = Math.max(0, ...done);
  if (newest > known) throw schemaNewer(`'${db.name}'`, newest, known);
  for (const m of list) {
    if (done.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      record.run(module, m.version);
    }).immediate();
  }
}
