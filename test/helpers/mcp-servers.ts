/**
 * Real third-party MCP servers for tests (devDependencies, run with this Node, no npx):
 * the reference filesystem, memory and "everything" servers, plus the child processes
 * of this test process, read from /proc, to check that none is left running.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** The entry script of an installed @modelcontextprotocol/server-* package. */
export function serverScript(
  pkg: 'server-filesystem' | 'server-memory' | 'server-everything',
): string {
  const manifest = require.resolve(`@modelcontextprotocol/${pkg}/package.json`);
  return join(dirname(manifest), 'dist', 'index.js');
}

/** stdio configs: `node <script> ...args`. */
export const filesystemServer = (dir: string) => ({
  command: process.execPath,
  args: [serverScript('server-filesystem'), dir],
  name: 'filesystem',
});
export const memoryServer = (file: string) => ({
  command: process.execPath,
  args: [serverScript('server-memory')],
  env: { MEMORY_FILE_PATH: file },
  name: 'memory',
});
export const everythingServer = () => ({
  command: process.execPath,
  args: [serverScript('server-everything'), 'stdio'],
  name: 'everything',
});

/** Pids of the live child processes of `parent` (default: this process). */
export function childPids(parent = process.pid): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid ...: comm may hold spaces, so read after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) === parent && fields[0] !== 'Z') out.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}

/**
 * Live MCP server processes started by this process (children running a
 * @modelcontextprotocol/server-* script); other children, such as tsx's esbuild service,
 * are not counted.
 */
export function mcpChildren(except: readonly (number | undefined)[] = []): number[] {
  return childPids().filter((pid) => {
    if (except.includes(pid)) return false;
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('@modelcontextprotocol/server-');
    } catch {
      return false;
    }
  });
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** The everything server on Streamable HTTP, started by the test; resolves once it listens. */
export async function startEverythingHttp(): Promise<{
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}> {
  const port = await freePort();
  const child = spawn(process.execPath, [serverScript('server-everything'), 'streamableHttp'], {
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let said = '';
    child.stderr!.on('data', (d: Buffer) => {
      said += d.toString();
      if (said.includes('listening')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`everything server exited (${code}): ${said}`)));
  });
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * Live processes (any parent: a CLI's children too) whose command line, environment or
 * working folder mentions `text`, e.g. a test's temporary folder; this process is not counted.
 */
export function processesMentioning(text: string): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const said =
        ['cmdline', 'environ'].some((f) =>
          readFileSync(`/proc/${entry}/${f}`, 'utf8').includes(text),
        ) || readlinkSync(`/proc/${entry}/cwd`).includes(text);
      if (!said) continue;
      if (isAlive(Number(entry))) out.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}
