/**
 * One entry point for the run log, whichever the backend: a postgres:// URL opens the
 * Postgres one, anything else names a SQLite file (default: $ATELIER_DB, else
 * .atelier/atelier.db).
 */
import type { RunLog } from '../team/log/port.js';
import { isPostgresUrl } from './postgres/errors.js';
import type { PgOptions } from './postgres/pool.js';
import { openPostgresRunLog } from './postgres/run-log.js';
import { openRunStore } from './runs.js';
import type { OpenRunStoreOptions } from './runs.js';
import { DEFAULT_DB_PATH } from './sqlite.js';

/** The store `--db` names, else $ATELIER_DB, else the default SQLite file. */
export const storeTarget = (db?: string): string => db ?? process.env.ATELIER_DB ?? DEFAULT_DB_PATH;

/**
 * Opens the run log at `db` (a Postgres URL or a SQLite file; see storeTarget). `create:
 * false` (commands that only read) never creates a SQLite file; a Postgres database is
 * always there, its tables are created by whoever opens it first.
 */
export async function openRunLog(
  db?: string,
  options: OpenRunStoreOptions & PgOptions = {},
): Promise<RunLog> {
  const target = storeTarget(db);
  return isPostgresUrl(target)
    ? openPostgresRunLog(target, options)
    : openRunStore(target, options);
}
