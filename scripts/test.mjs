// Runs every *.test.ts under test/ and src/ with Node's test runner (through tsx).
// Files are listed explicitly: Node 20's --test does not expand globs itself.
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const roots = process.argv.length > 2 ? process.argv.slice(2) : ['test', 'src'];
const files = roots
  .flatMap((root) =>
    root.endsWith('.ts')
      ? [root]
      : readdirSync(root, { recursive: true }).map((f) => `${root}/${f}`),
  )
  .filter((f) => f.endsWith('.test.ts'))
  .sort();
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
// Two test files at a time: most of a test's time is waiting (servers, child processes,
// Chromium), and Node's default on a 2-core machine is one. ATELIER_TEST_CONCURRENCY overrides.
const concurrency = process.env.ATELIER_TEST_CONCURRENCY ?? '2';
const args = ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, ...files];
const result = spawnSync(process.execPath, args, {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
