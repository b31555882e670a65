import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const teamDir = fileURLToPath(new URL('../../src/team/', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory()
      ? sources(join(dir, d.name))
      : d.name.endsWith('.ts')
        ? [join(dir, d.name)]
        : [],
  );
}

describe('team layering', () => {
  it('uses the planner validator only through its public face (index.ts)', () => {
    const offending: string[] = [];
    for (const file of sources(teamDir)) {
      for (const m of readFileSync(file, 'utf8').matchAll(
        /from\s+'([^']*planner\/validator\/[^']*)'/g,
      )) {
        if (!m[1]!.endsWith('/validator/index.js')) offending.push(`${file}: ${m[1]}`);
      }
    }
    assert.deepEqual(offending, []);
  });
});
