/** Running the `atelier` command from tests: synchronously, or as a child followed line by line. */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcessWithoutNullStreams, SpawnOptions } from 'node:child_process';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const ATELIER = join(ROOT, 'bin/atelier');

export interface CliResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Environment of a test run: no model, and nothing inherited that points at a store. */
export function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ATELIER_MODEL: '', ...extra };
  if (extra.ATELIER_DB === undefined) delete env.ATELIER_DB;
  return env;
}

/** Runs `atelier ARGS` to completion. */
export function atelier(
  args: string[],
  options: { cwd?: string; env?: Record<string, string>; uid?: number; gid?: number } = {},
): CliResult {
  const r = spawnSync(ATELIER, args, {
    encoding: 'utf8',
    cwd: options.cwd ?? ROOT,
    env: cliEnv(options.env),
    ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.gid ?? options.uid }),
    timeout: 120_000,
  });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** Runs `atelier ARGS` as a child process; resolves with its output when it exits. */
export function atelierAsync(
  args: string[],
  options: { cwd?: string; env?: Record<string, string>; onLine?: (line: string) => void } = {},
): { child: ChildProcessWithoutNullStreams; done: Promise<CliResult> } {
  const spawnOptions: SpawnOptions = { cwd: options.cwd ?? ROOT, env: cliEnv(options.env) };
  const child = spawn(ATELIER, args, spawnOptions) as ChildProcessWithoutNullStreams;
  let stdout = '';
  let stderr = '';
  let partial = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (d: string) => {
    stdout += d;
    if (options.onLine === undefined) return;
    partial += d;
    const lines = partial.split('\n');
    partial = lines.pop()!;
    for (const l of lines) options.onLine(l);
  });
  child.stderr.on('data', (d: string) => {
    stderr += d;
  });
  const done = new Promise<CliResult>((res) => {
    child.once('close', (status, signal) => res({ status, signal, stdout, stderr }));
  });
  return { child, done };
}

/** True when the output has a JavaScript stack trace in it. */
export function hasStack(text: string): boolean {
  return /^\s+at .*(\(|file:|node:).*:\d+/m.test(text);
}
