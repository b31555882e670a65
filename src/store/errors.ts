/**
 * What goes wrong with a store file, said once and clearly: each SQLite or file-system
 * failure becomes a `UserError` with a STORE_ code that names the file and what to do
 * (docs/errors.md). Busy locks are retried here with back-off before they become one.
 */
import { UserError } from '../errors.js';

/** Exit code of a run stopped by a full disk: a temporary failure (sysexits EX_TEMPFAIL). */
export const EXIT_TEMPFAIL = 75;

/** How long a write waits in total for another process's lock before STORE_LOCKED. */
export const DEFAULT_LOCK_TIMEOUT_MS = 30_000;

const code = (err: unknown): string =>
  typeof err === 'object' && err !== null && typeof (err as { code?: unknown }).code === 'string'
    ? (err as { code: string }).code
    : '';

export { isStoreError } from '../errors.js';

/** SQLite's "another connection holds the lock" (SQLITE_BUSY, SQLITE_BUSY_SNAPSHOT, ...). */
export function isBusy(err: unknown): boolean {
  return /^SQLITE_(BUSY|LOCKED)/.test(code(err));
}

function isFull(err: unknown): boolean {
  return /^SQLITE_FULL/.test(code(err)) || code(err) === 'ENOSPC';
}

function isReadOnly(err: unknown): boolean {
  return /^SQLITE_READONLY/.test(code(err)) || code(err) === 'EROFS' || code(err) === 'EACCES';
}

/** A full disk: the run stops where its log is consistent and can be resumed. */
export function diskFull(path: string, cause?: unknown): UserError {
  return new UserError(`no space left on the device to write '${path}'`, {
    code: 'STORE_DISK_FULL',
    hint: 'free some disk space',
    exitCode: EXIT_TEMPFAIL,
    cause,
  });
}

/**
 * The user error for a failure on the store at `path` (the SQLite error kept as the
 * cause), or `err` itself when it is not about the file (a bug stays a bug).
 */
export function storeError(err: unknown, path: string): unknown {
  if (err instanceof UserError) return err;
  const c = code(err);
  const opts = (code: string, hint: string, exitCode = 2) => ({ code, hint, exitCode, cause: err });
  if (isFull(err)) return diskFull(path, err);
  if (isBusy(err))
    return new UserError(
      `the store '${path}' stayed locked by another process`,
      opts('STORE_LOCKED', 'another atelier process holds a long write: retry when it is done'),
    );
  if (isReadOnly(err))
    return new UserError(
      `cannot write the store '${path}': it is read-only`,
      opts('STORE_READ_ONLY', 'pass --db with a file in a writable folder'),
    );
  if (c === 'SQLITE_NOTADB')
    return new UserError(
      `'${path}' is not an Atelier store (not a SQLite database)`,
      opts(
        'STORE_NOT_A_DATABASE',
        'pass --db with another file name; Atelier never writes over it',
      ),
    );
  if (/^SQLITE_CORRUPT/.test(c))
    return new UserError(
      `the store '${path}' is damaged (${c})`,
      opts('STORE_CORRUPT', 'restore it from a backup, or start a new store with --db'),
    );
  if (/^SQLITE_(CANTOPEN|IOERR)/.test(c) || /^E[A-Z]+$/.test(c))
    return new UserError(
      `cannot open the store '${path}' (${(err as Error).message.startsWith(c) ? '' : `${c}: `}${(err as Error).message})`,
      opts('STORE_CANNOT_OPEN', 'check the path and its permissions, or pass --db FILE'),
    );
  return err;
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Runs `write` (one transaction), retrying with exponential back-off while another process
 * holds the lock; SQLite's own busy timeout waits first, each time. Synchronous, like the
 * SQLite driver: a pause blocks this thread, which holds no lock meanwhile.
 */
export function retryBusy<T>(write: () => T, timeoutMs = DEFAULT_LOCK_TIMEOUT_MS): T {
  const start = Date.now();
  for (let wait = 5; ; wait = Math.min(wait * 2, 500)) {
    try {
      return write();
    } catch (err) {
      if (!isBusy(err) || Date.now() - start + wait > timeoutMs) throw err;
      Atomics.wait(pause, 0, 0, wait + Math.random() * wait);
    }
  }
}
