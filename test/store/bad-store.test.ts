import { after, describe, it } from 'node:test';
import { spawnSync } from 'node:child_process';
import assert from 'node:assert/strict';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ATELIER, atelier, hasStack } from '../helpers/cli.js';
import type { CliResult } from '../helpers/cli.js';

/** One clear error line naming the file (then an optional hint line), exit 2, no stack. */
function assertOneLine(r: CliResult, code: string, file: string): void {
  const what = `exit ${r.status}\n${r.stderr}`;
  assert.equal(r.status, 2, what);
  assert.ok(!hasStack(r.stderr), what);
  const lines = r.stderr.trimEnd().split('\n');
  assert.ok(lines.length <= 2, what);
  assert.match(lines[0]!, new RegExp(`^error\\[${code}\\]: `), what);
  assert.ok(lines[0]!.includes(file), `names ${file}: ${what}`);
  if (lines[1] !== undefined) assert.match(lines[1], /^ {2}hint: /, what);
}

const dir = mkdtempSync(join(tmpdir(), 'atelier-bad-store-'));
chmodSync(dir, 0o755);
const notADb = join(dir, 'notes.txt');
writeFileSync(notADb, 'these are my notes, not a database\n'.repeat(50));

describe('a store that cannot be opened or written', () => {
  for (const command of ['run', 'runs'] as const) {
    const args = (db: string): string[] =>
      command === 'run'
        ? ['run', 'examples/pddl-mission', '--no-report', '--time-scale', '0', '--db', db]
        : ['runs', '--db', db];
    it(`${command} --db / says it is a directory`, () => {
      assertOneLine(atelier(args('/')), 'STORE_NOT_A_FILE', "'/'");
    });
    it(`${command} --db /dev/null says it is not a regular file`, () => {
      assertOneLine(atelier(args('/dev/null')), 'STORE_NOT_A_FILE', '/dev/null');
    });
    it(`${command} on a file that is not a database leaves it untouched`, () => {
      const before = statSync(notADb);
      assertOneLine(atelier(args(notADb)), 'STORE_NOT_A_DATABASE', notADb);
      assert.equal(statSync(notADb).size, before.size);
      assert.deepEqual(
        readdirSync(dir).filter((f) => f.startsWith('notes.txt')),
        ['notes.txt'],
      );
    });
  }

  // A read-only folder: root writes anywhere, so as root the command runs as nobody (when
  // nobody may run the checkout), else in a read-only tmpfs (when the tests may mount one).
  const readOnly = ((): { dir: string; as: { uid?: number; gid?: number } } | string => {
    const ro = join(dir, 'read-only');
    mkdirSync(ro, { mode: 0o555 });
    chmodSync(ro, 0o555);
    if (process.getuid?.() !== 0) return { dir: ro, as: {} };
    const nobody = { uid: 65534, gid: 65534 };
    const probe = spawnSync(
      process.execPath,
      ['-e', `require('fs').accessSync(${JSON.stringify(ATELIER)}, 5)`],
      nobody,
    );
    if (probe.status === 0) return { dir: ro, as: nobody };
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=1m', 'tmpfs', ro], {
      stdio: 'ignore',
    });
    if (mounted.status === 0) return { dir: ro, as: {} };
    return 'root, nobody cannot run the checkout and no tmpfs can be mounted: no read-only folder';
  })();
  after(() => {
    if (typeof readOnly !== 'string' && process.getuid?.() === 0)
      spawnSync('umount', [readOnly.dir], { stdio: 'ignore' });
  });

  it(
    'run in a read-only directory says so and creates nothing',
    { skip: typeof readOnly === 'string' ? readOnly : false },
    () => {
      if (typeof readOnly === 'string') return;
      const db = join(readOnly.dir, 'sub', 'atelier.db');
      const r = atelier(
        ['run', 'examples/pddl-mission', '--no-report', '--time-scale', '0', '--db', db],
        { ...readOnly.as, env: { HOME: dir } },
      );
      assertOneLine(r, 'STORE_READ_ONLY', join(readOnly.dir, 'sub'));
      assert.deepEqual(readdirSync(readOnly.dir), []);
    },
  );
});

describe('atelier serve with a bad --db', () => {
  it('says so in one line and stores no token', () => {
    const folder = mkdtempSync(join(tmpdir(), 'atelier-serve-db-'));
    const db = join(folder, 'notes.txt');
    writeFileSync(db, 'not a database\n');
    const r = atelier(['serve', '--port', '0', '--db', db]);
    assertOneLine(r, 'STORE_NOT_A_DATABASE', db);
    assert.deepEqual(readdirSync(folder), ['notes.txt']);
    assertOneLine(atelier(['serve', '--port', '0', '--db', '/']), 'STORE_NOT_A_FILE', "'/'");
  });
});

describe('read-only commands never create a store', () => {
  it('atelier runs on a missing store names it and creates nothing', () => {
    const db = join(dir, 'nonexistent', 'dir', 'x.db');
    assertOneLine(atelier(['runs', '--db', db]), 'STORE_NOT_FOUND', db);
    assert.equal(existsSync(join(dir, 'nonexistent')), false);
  });
  it('atelier show on a missing store names it and creates nothing', () => {
    const db = join(dir, 'missing.db');
    assertOneLine(atelier(['show', 'run-x', '--db', db]), 'STORE_NOT_FOUND', db);
    assert.equal(existsSync(db), false);
  });
  it('the default store is not created by atelier runs either', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'atelier-no-store-'));
    assertOneLine(atelier(['runs'], { cwd }), 'STORE_NOT_FOUND', '.atelier/atelier.db');
    assert.deepEqual(readdirSync(cwd), []);
  });
});

describe('a new store', () => {
  it('is created readable and writable by its owner only (0600)', () => {
    const db = join(dir, 'private', 'atelier.db');
    const r = atelier([
      'run',
      'examples/pddl-mission',
      '--no-report',
      '--time-scale',
      '0',
      '--db',
      db,
    ]);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(statSync(db).mode & 0o777, 0o600);
  });
});
