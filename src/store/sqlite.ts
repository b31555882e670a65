/**
 * Opening the embedded SQLite store and applying each module's schema migrations.
 * Modules (sessions, runs, ...) own their tables; this file owns only the file and
 * the migration bookkeeping.
 */
import Database from 'better-sqlite3';
import { accessSync, closeSync, constants, mkdirSync, openSync, statSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { dirname } from 'node:path';
import { UserError } from '../errors.js';
import { retryBusy, storeError } from './errors.js';

export type SqliteDatabase = Database.Database;

/** Default location of the store, relative to the working directory. */
export const DEFAULT_DB_PATH = '.atelier/atelier.db';

export interface OpenSqliteOptions {
  /**
   * Create the file (and its folder) when missing (default true). Commands that only
   * read pass false: a missing store is then a STORE_NOT_FOUND error, nothing is created.
   */
  create?: boolean;
  /** How long SQLite waits for another connection's lock, per attempt (default 5000 ms). */
  busyTimeoutMs?: number;
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw storeError(err, path);
  }
}

/** The nearest folder of `path` that exists. */
function existingAncestor(path: string): string {
  let dir = dirname(path);
  while (statOrUndefined(dir) === undefined && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/** Creates the store file, owner-only (0600), and its folder (0700) when they are missing. */
function createFile(path: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    closeSync(openSync(path, 'wx', 0o600));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return; // another process created it meanwhile
    // A recursive mkdir on a read-only mount says ENOENT: ask the folder that exists.
    const dir = existingAncestor(path);
    let writable = true;
    try {
      accessSync(dir, constants.W_OK);
    } catch {
      writable = false;
    }
    if (!writable || code === 'EACCES' || code === 'EROFS' || code === 'EPERM')
      throw new UserError(`cannot create the store '${path}': '${dir}' is read-only`, {
        code: 'STORE_READ_ONLY',
        hint: 'pass --db with a file in a writable folder',
        cause: err,
      });
    if (code === 'ENOTDIR')
      throw new UserError(`cannot create the store '${path}': a part of its folder is a file`, {
        code: 'STORE_CANNOT_OPEN',
        hint: 'pass --db with a path in a folder',
        cause: err,
      });
    throw storeError(err, path);
  }
}

/**
 * Opens (creating if needed, unless `create: false`) a SQLite file in WAL mode; ':memory:'
 * works too. Every failure is one `UserError` naming the file (STORE_ codes, docs/errors.md).
 */
export function openSqlite(
  path: string = process.env.ATELIER_DB ?? DEFAULT_DB_PATH,
  options: OpenSqliteOptions = {},
): SqliteDatabase {
  if (path !== ':memory:') {
    const stat = statOrUndefined(path);
    if (stat !== undefined && !stat.isFile())
      throw new UserError(
        `'${path}' is ${stat.isDirectory() ? 'a directory' : 'not a regular file'}, not a store`,
        { code: 'STORE_NOT_A_FILE', hint: 'pass --db with a file name, e.g. --db runs.db' },
      );
    if (stat === undefined && options.create === false)
      throw new UserError(`no store at '${path}'`, {
        code: 'STORE_NOT_FOUND',
        hint: 'runs are stored by `atelier run` (try `atelier run examples/paris-office`); or pass --db FILE',
      });
    if (stat === undefined) createFile(path);
  }
  let db: SqliteDatabase | undefined;
  try {
    db = new Database(path, path === ':memory:' ? {} : { fileMustExist: true });
    // The busy timeout first: switching to WAL may wait for another process's lock.
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    const opened = db;
    retryBusy(() => opened.pragma('journal_mode = WAL'));
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    return db;
  } catch (err) {
    db?.close();
    throw storeError(err, path);
  }
}

/**
 * Applies the migrations of one module, in order, each once. `module` namespaces the
 * version numbers so modules migrate independently. Each step takes the write lock first
 * and checks again that it is not done: processes opening a new store at once apply it once.
 */
export function migrate(db: SqliteDatabase, module: string, steps: readonly string[]): void {
  try {
    retryBusy(() =>
      db.exec(
        'CREATE TABLE IF NOT EXISTS schema_migrations (module TEXT NOT NULL, version INTEGER NOT NULL, PRIMARY KEY (module, version))',
      ),
    );
    const done = db.prepare('SELECT 1 FROM schema_migrations WHERE module = ? AND version = ?');
    const record = db.prepare('INSERT INTO schema_migrations (module, version) VALUES (?, ?)');
    steps.forEach((sql, i) => {
      if (done.get(module, i + 1) !== undefined) return;
      const apply = db.transaction(() => {
        if (done.get(module, i + 1) !== undefined) return;
        db.exec(sql);
        record.run(module, i + 1);
      });
      retryBusy(() => apply.immediate());
    });
  } catch (err) {
    throw storeError(err, db.name);
  }
}
