/** The store: SQLite file, migrations, and each module's tables (sessions; the team's run log). */
export { openSqlite, migrate, DEFAULT_DB_PATH } from './sqlite.js';
export type { SqliteDatabase } from './sqlite.js';
export { sqliteSessions, SESSION_MESSAGE_FORMAT } from './sessions.js';
export type { SessionInfo, SessionStore } from './sessions.js';
export { databaseOf, openRunStore } from './runs.js';
export type { OpenRunStoreOptions } from './runs.js';
