/**
 * A throwaway Postgres cluster for tests: initdb into a temporary folder, pg_ctl start on
 * 127.0.0.1 and a free port (as the `postgres` user when run as root), stopped by `stop()`
 * or when the process exits. $ATELIER_TEST_PG (a URL) uses that server instead. When the
 * binaries are not found (PATH, then /usr/lib/postgresql/<version>/bin) `startPgCluster`
 * returns the reason, for the test to skip with.
 */
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import pg from 'pg';

export interface PgCluster {
  /** Superuser URL of the cluster's `postgres` database. */
  url: string;
  /** A URL whose tables live in a new, empty schema: a fresh store each call. */
  freshUrl(): Promise<string>;
  stop(): void;
}

/** The folder holding initdb and pg_ctl, or undefined. */
export function findPgBin(): string | undefined {
  const onPath = (process.env.PATH ?? '')
    .split(delimiter)
    .find((d) => d !== '' && existsSync(join(d, 'initdb')) && existsSync(join(d, 'pg_ctl')));
  if (onPath !== undefined) return onPath;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : join(root, versions[0], 'bin');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

function uidOf(user: string): { uid: number; gid: number } | undefined {
  const uid = spawnSync('id', ['-u', user], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', user], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) return undefined;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

let schemas = 0;

function cluster(url: string, stop: () => void): PgCluster {
  return {
    url,
    async freshUrl() {
      const name = `t${process.pid}_${++schemas}_${Date.now() % 100000}`;
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`CREATE SCHEMA ${name}`);
      await c.end();
      const u = new URL(url);
      u.searchParams.set('options', `-c search_path=${name}`);
      return u.toString();
    },
    stop,
  };
}

/** Starts a cluster (or uses $ATELIER_TEST_PG); a string says why there is none. */
export async function startPgCluster(): Promise<PgCluster | string> {
  if (process.env.ATELIER_TEST_PG) return cluster(process.env.ATELIER_TEST_PG, () => undefined);
  const bin = findPgBin();
  if (bin === undefined)
    return 'Postgres binaries (initdb, pg_ctl) not found on PATH nor in /usr/lib/postgresql/*/bin: the Postgres tests are skipped (install the postgresql package, or set ATELIER_TEST_PG=postgres://...)';
  const root = process.getuid?.() === 0;
  const owner = root ? uidOf('postgres') : undefined;
  if (root && owner === undefined) return 'running as root without a postgres user: skipped';
  const base = mkdtempSync(join(tmpdir(), 'atelier-pg-'));
  const data = join(base, 'data');
  if (owner !== undefined) chownSync(base, owner.uid, owner.gid);
  const as = (cmd: string, args: string[]) => {
    const full = join(bin, cmd);
    const r = root
      ? spawnSync('runuser', ['-u', 'postgres', '--', full, ...args], { encoding: 'utf8' })
      : spawnSync(full, args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
  };
  as('initdb', [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=trust',
    '--no-sync',
    '-E',
    'UTF8',
    '--locale=C',
  ]);
  // The superuser logs in without a password; any other role needs one (auth-failure tests).
  const hba = join(data, 'pg_hba.conf');
  writeFileSync(
    hba,
    'local all all trust\nhost all postgres 127.0.0.1/32 trust\nhost all all 127.0.0.1/32 scram-sha-256\n',
  );
  if (owner !== undefined) chownSync(hba, owner.uid, owner.gid);
  const port = await freePort();
  const opts = `-p ${port} -k ${base} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
  as('pg_ctl', ['-D', data, '-o', opts, '-l', join(base, 'log'), '-w', 'start']);
  let stopped = false;
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    try {
      as('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  };
  process.once('exit', stop);
  // A benchmark or test stopped by a signal (a timeout, Ctrl-C) does not run 'exit' handlers:
  // stop the cluster first, then end as the signal would have.
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)
    process.once(signal, () => {
      stop();
      process.exit(code);
    });
  return cluster(`postgres://postgres@127.0.0.1:${port}/postgres`, stop);
}
