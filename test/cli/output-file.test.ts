/**
 * Output files of the CLI (`plan -o`, `learn -o`): written whole through a rename, but a
 * device or a pipe given as the output (`-o /dev/null`, a FIFO) is written in place, never
 * replaced by a regular file; a directory is one clear error line, exit 2.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { lstatSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { atelier, atelierAsync } from '../helpers/cli.js';

const DOMAIN = 'examples/pddl/blocks/domain.pddl';
const PROBLEM = 'examples/pddl/blocks/problem.pddl';

/**
 * A FIFO in a fresh folder, read by `cat`; `read()` gives what went through once the writer
 * closed it, or undefined when nothing did within 10 s (the reader is then stopped).
 */
function fifo(): { path: string; dir: string; read: () => Promise<string | undefined> } {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-out-'));
  const path = join(dir, 'out.fifo');
  assert.equal(spawnSync('mkfifo', [path]).status, 0, 'mkfifo');
  const cat = spawn('cat', [path], { stdio: ['ignore', 'pipe', 'ignore'] });
  let text = '';
  cat.stdout.setEncoding('utf8').on('data', (d: string) => (text += d));
  const ended = new Promise<boolean>((resolve) => cat.on('exit', () => resolve(true)));
  const read = async (): Promise<string | undefined> => {
    const timer = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 10_000));
    if (await Promise.race([ended, timer])) return text;
    cat.kill();
    return undefined;
  };
  return { path, dir, read };
}

describe('CLI output files', () => {
  it('plan -o FIFO writes the plan into the pipe and leaves the pipe a pipe', async () => {
    const out = fifo();
    try {
      const run = await atelierAsync(['plan', DOMAIN, PROBLEM, '-o', out.path]).done;
      assert.equal(run.status, 0, run.stderr);
      const text = await out.read();
      assert.ok(text !== undefined, 'nothing came through the pipe');
      assert.match(text, /^\(\w[\w-]* [^)]*\)$/m, 'a plan step went through the pipe');
      assert.ok(lstatSync(out.path).isFIFO(), 'still a FIFO, not replaced by a file');
    } finally {
      rmSync(out.dir, { recursive: true, force: true });
    }
  });

  it('plan -o DIRECTORY: one line naming it, exit 2, nothing written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atelier-out-'));
    try {
      const r = atelier(['plan', DOMAIN, PROBLEM, '-o', dir]);
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, /CLI_OUTPUT_UNWRITABLE/);
      assert.match(r.stderr, /it is a directory/);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
      assert.equal(spawnSync('ls', ['-A', dir], { encoding: 'utf8' }).stdout, '');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('plan -o FILE writes the whole plan', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atelier-out-'));
    try {
      const file = join(dir, 'plan.txt');
      const r = atelier(['plan', DOMAIN, PROBLEM, '-o', file]);
      assert.equal(r.status, 0, r.stderr);
      assert.match(readFileSync(file, 'utf8'), /^\(\w[\w-]* [^)]*\)$/m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
