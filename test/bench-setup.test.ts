import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, hasStack } from './helpers/cli.js';

test('npm run bench:planner without the benchmark suite says so in one line (exit 2)', () => {
  const missing = join(ROOT, 'no-such-suite');
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench/planner.ts')], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ATELIER_BENCH_PDDL: missing },
  });
  assert.equal(r.status, 2, r.stderr);
  assert.ok(!hasStack(r.stderr), r.stderr);
  assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, new RegExp(`no benchmark suite at ${missing}`));
});
