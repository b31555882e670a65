/**
 * What goes wrong with a Postgres store, said once: each failure of the URL, the network,
 * the server or the connection becomes a `UserError` with a STORE_PG_ code naming the
 * server (never the password) and what to do. A bug stays a bug (returned unchanged).
 */
import { UserError } from '../../errors.js';

const field = (err: unknown, name: string): string => {
  const v = typeof err === 'object' && err !== null ? (err as Record<string, unknown>)[name] : '';
  return typeof v === 'string' ? v : '';
};

/** The URL as shown to people: the password replaced by ***. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password !== '') u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
  }
}

/** Whether `db` names a Postgres server rather than a SQLite file. */
export const isPostgresUrl = (db: string): boolean => /^postgres(ql)?:\/\//i.test(db);

/** The URL, checked: postgres:// or postgresql://, with a host. */
export function checkUrl(url: string): URL {
  let u: URL | undefined;
  try {
    u = new URL(url);
  } catch {
    u = undefined;
  }
  if (u === undefined || !isPostgresUrl(url) || (u.hostname === '' && !u.searchParams.has('host')))
    throw new UserError(`'${redact(url)}' is not a Postgres URL`, {
      code: 'STORE_PG_BAD_URL',
      hint: 'write it as postgres://USER:PASSWORD@HOST:PORT/DATABASE',
    });
  return u;
}

const NETWORK = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
]);
const LOST = new Set(['ECONNRESET', 'EPIPE', '57P01', '57P02', '57P03', '08000', '08003', '08006']);

/**
 * pg-pool's words when every connection of the pool stayed busy for the connect timeout:
 * the server is there, this process is just busy (not an unreachable server).
 */
export function isPoolBusy(err: unknown): boolean {
  return err instanceof Error && /timeout exceeded when trying to connect/i.test(err.message);
}

/** A connection that broke (or could not be made): worth another try after a pause. */
export function isTransient(err: unknown): boolean {
  const c = field(err, 'code');
  const msg = err instanceof Error ? err.message : '';
  return (
    NETWORK.has(c) ||
    LOST.has(c) ||
    /Connection terminated|timeout exceeded when trying to connect|Connection ended/i.test(msg)
  );
}

/** The user error for a failure talking to the server at `url`, or `err` itself. */
export function pgError(err: unknown, url: string): unknown {
  if (err instanceof UserError) return err;
  const c = field(err, 'code');
  const msg = err instanceof Error ? err.message : String(err);
  const where = redact(url);
  const opts = (code: string, hint: string) => ({ code, hint, cause: err });
  if (c === '28P01' || c === '28000' || /password authentication|SASL|no password/i.test(msg))
    return new UserError(
      `Postgres at ${where} refused the login: ${msg}`,
      opts('STORE_PG_AUTH', 'check the user and password in the URL (or PGPASSWORD)'),
    );
  if (c === '3D000')
    return new UserError(
      `Postgres at ${where}: ${msg}`,
      opts('STORE_PG_NO_DATABASE', 'create it first (createdb NAME) or name another in the URL'),
    );
  if (isPoolBusy(err))
    return new UserError(
      `every connection to Postgres at ${where} stayed busy: ${msg}`,
      opts('STORE_PG_BUSY', 'raise the pool size (ATELIER_PG_POOL) or run fewer runs per process'),
    );
  if (NETWORK.has(c) || /Connection terminated due to connection timeout/i.test(msg))
    return new UserError(
      `cannot reach Postgres at ${where} (${c || msg})`,
      opts('STORE_PG_UNREACHABLE', 'check that the server runs and the host and port are right'),
    );
  if (isTransient(err))
    return new UserError(
      `the connection to Postgres at ${where} was lost (${c || msg})`,
      opts('STORE_PG_CONNECTION_LOST', 'the run can be resumed once the server is back'),
    );
  if (/^(42501|53|54)/.test(c))
    return new UserError(
      `Postgres at ${where}: ${msg} (${c})`,
      opts('STORE_PG_SERVER', 'ask the database administrator about this error'),
    );
  return err;
}
