import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRunStore } from '../../src/store/index.js';
import { getRun } from '../../src/team/index.js';
import { ATELIER, ROOT, cliEnv, hasStack } from '../helpers/cli.js';
import type { CliResult } from '../helpers/cli.js';

// A full disk: a small tmpfs where the machine lets the test mount one (root with
// CAP_SYS_ADMIN), otherwise an injected one (test/helpers/disk-full-preload.mjs; set
// ATELIER_TEST_NO_MOUNT=1 to test that way where mounting works).
const base = mkdtempSync(join(tmpdir(), 'atelier-disk-full-'));
const mnt = join(base, 'mnt');
const mounted =
  process.platform === 'linux' &&
  process.env.ATELIER_TEST_NO_MOUNT !== '1' &&
  spawnSync('mkdir', [mnt]).status === 0 &&
  spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', mnt], { stdio: 'ignore' }).status ===
    0;
after(() => {
  if (mounted) spawnSync('umount', [mnt]);
  rmSync(base, { recursive: true, force: true });
});
const preload = join(ROOT, 'test/helpers/disk-full-preload.mjs');

/** Fills the tmpfs until the device is full; returns the filler's path. */
function fill(): string {
  const filler = join(mnt, 'filler');
  const fd = openSync(filler, 'w');
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (err) {
    assert.equal((err as NodeJS.ErrnoException).code, 'ENOSPC');
  } finally {
    closeSync(fd);
  }
  return filler;
}

function run(
  args: string[],
  env: Record<string, string>,
  onLine?: (l: string) => void,
): Promise<CliResult> {
  const child = spawn(process.execPath, ['--import', preload, ATELIER, ...args], {
    cwd: ROOT,
    env: cliEnv(env),
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
    if (onLine) for (const l of d.split('\n')) onLine(l);
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((res) =>
    child.once('close', (status, signal) => res({ status, signal, stdout, stderr })),
  );
}

function assertDiskFull(r: CliResult, file: string): void {
  const what = `exit ${r.status}\n${r.stderr}`;
  assert.equal(r.status, 75, what);
  assert.ok(!hasStack(r.stderr), what);
  assert.match(r.stderr, /^error\[STORE_DISK_FULL\]: no space left on the device to write '/, what);
  assert.ok(r.stderr.includes(file), what);
}

describe(`a full disk (${mounted ? 'a 4 MB tmpfs' : 'injected'})`, () => {
  it('interrupts a run resumably: one line, exit 75, no report; resume finishes it once space is free', async () => {
    const dir = mounted ? mnt : mkdtempSync(join(base, 'injected-'));
    const db = join(dir, 'a.db');
    const report = join(dir, 'report.md');
    let filler: string | undefined;
    const args = ['run', 'examples/paris-office', '--approve-all', '--json', '--time-scale', '0.2'];
    const r = await run(
      [...args, '--db', db, '--report', report],
      mounted ? {} : { ATELIER_TEST_DB_SPARE_PAGES: '14' },
      (line) => {
        if (mounted && filler === undefined && line.includes('"type":"plan.made"')) filler = fill();
      },
    );
    assertDiskFull(r, db);
    const runId = /atelier resume (run-\S+)/.exec(r.stderr)?.[1];
    assert.ok(runId, `the hint names the run to resume: ${r.stderr}`);
    assert.equal(existsSync(report), false, 'no report for an unfinished run');
    assert.deepEqual(
      readdirSync(dir).filter((f) => f.includes('report')),
      [],
    );
    if (filler !== undefined) rmSync(filler);
    const resumed = await run(
      ['resume', runId, '--approve-all', '--time-scale', '0', '--db', db, '--report', report],
      {},
    );
    assert.equal(resumed.status, 0, resumed.stderr + resumed.stdout);
    assert.ok(statSync(report).size > 0);
    const store = openRunStore(db);
    try {
      assert.equal((await getRun(store, runId))?.status, 'succeeded');
    } finally {
      await store.close();
    }
  });

  it('never leaves an empty or half-written report after a successful run', async () => {
    const db = join(base, 'report-test.db');
    const dir = mounted ? mnt : mkdtempSync(join(base, 'injected-'));
    const report = join(dir, 'reports', 'run.md');
    const filler = mounted ? fill() : undefined;
    const r = await run(
      ['run', 'examples/pddl-mission', '--time-scale', '0', '--db', db, '--report', report],
      mounted ? {} : { ATELIER_TEST_ENOSPC_DIR: dir },
    );
    assertDiskFull(r, report);
    assert.equal(existsSync(report), false);
    assert.deepEqual(existsSync(join(dir, 'reports')) ? readdirSync(join(dir, 'reports')) : [], []);
    if (filler !== undefined) rmSync(filler);
  });
});
