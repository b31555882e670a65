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
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', ...files], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
