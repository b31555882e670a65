/**
 * Running a command in a pseudo-terminal, as a person at a terminal would: util-linux's
 * `script` allocates the pty, so Ctrl-C (\x03) typed into it is a SIGINT to the command.
 */
import { spawn, spawnSync } from 'node:child_process';

/** Whether `script` (util-linux) is there to allocate a pty. */
export const HAS_SCRIPT =
  process.platform === 'linux' && spawnSync('script', ['--version']).status === 0;

const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

export interface PtySession {
  /** Everything the command printed so far (the terminal's echo included). */
  output(): string;
  /** Types `text` into the terminal. */
  type(text: string): void;
  /** Resolves once the output matches `pattern` (rejects after `ms`). */
  waitFor(pattern: RegExp, ms?: number): Promise<void>;
  /** The command's exit code (script -e passes it on); killed, and rejects, after `ms`. */
  exit(ms?: number): Promise<number | null>;
}

export function inPty(args: string[], cwd: string, env: NodeJS.ProcessEnv): PtySession {
  const child = spawn('script', ['-qfec', args.map(quote).join(' '), '/dev/null'], {
    cwd,
    env: { ...env, TERM: 'dumb' },
  });
  let out = '';
  const closed = new Promise<number | null>((res) => child.once('close', (code) => res(code)));
  const waiters: { pattern: RegExp; res: () => void }[] = [];
  const check = (): void => {
    for (const w of [...waiters])
      if (w.pattern.test(out)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.res();
      }
  };
  for (const s of [child.stdout, child.stderr])
    s.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      check();
    });
  return {
    output: () => out,
    type: (text) => child.stdin.write(text),
    waitFor: (pattern, ms = 60_000) =>
      new Promise((res, rej) => {
        const t = setTimeout(() => rej(new Error(`no ${pattern} within ${ms} ms:\n${out}`)), ms);
        waiters.push({ pattern, res: () => (clearTimeout(t), res()) });
        check();
      }),
    exit: (ms = 60_000) =>
      new Promise((res, rej) => {
        const t = setTimeout(() => {
          child.kill('SIGKILL');
          rej(new Error(`still running after ${ms} ms:\n${out}`));
        }, ms);
        closed.then((code) => (clearTimeout(t), res(code)));
      }),
  };
}
