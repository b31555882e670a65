import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

// Dependencies point one way (DESIGN.md): cli/server -> team -> agents -> models;
// team -> learn -> planner -> pddl, logic. mcp (the MCP client) gives agents tools: it uses
// agents and models, and agents never import it (they know tool sources only by interface).
// A capability may import only those listed for it
// (type-only imports included: the store implements interfaces the core owns).
// Files directly in src/ (errors, config, version) are shared by all.
const ALLOWED: Record<string, string[]> = {
  pddl: [],
  logic: [],
  planner: ['pddl', 'logic'],
  learn: ['pddl', 'planner', 'logic'],
  models: [],
  agents: ['models'],
  mcp: ['models', 'agents'],
  store: ['models', 'agents'],
  team: ['pddl', 'logic', 'planner', 'learn', 'models', 'agents', 'store', 'mcp'],
  server: ['pddl', 'logic', 'planner', 'learn', 'models', 'agents', 'store', 'team', 'mcp'],
  cli: ['pddl', 'logic', 'planner', 'learn', 'models', 'agents', 'store', 'team', 'server', 'mcp'],
};

const src = join(import.meta.dirname, '..', 'src');
const shared = readdirSync(src)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.replace(/\.ts$/, ''));

/** Capability folders imported by the files of one capability. */
function importsOf(capability: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of readdirSync(join(src, capability), { recursive: true }) as string[]) {
    if (!file.endsWith('.ts')) continue;
    const text = readFileSync(join(src, capability, file), 'utf8');
    for (const m of text.matchAll(/(?:from|import)\s*\(?\s*'((?:\.\.\/)+)([a-z-]+)/g)) {
      const depth = m[1]!.length / 3;
      // Only imports that leave the capability folder and land in src/.
      if (depth !== file.split('/').length) continue;
      const target = m[2]!.replace(/\.js$/, '');
      found.set(target, [...(found.get(target) ?? []), file]);
    }
  }
  return found;
}

for (const [capability, allowed] of Object.entries(ALLOWED)) {
  test(`src/${capability} imports only ${allowed.join(', ') || 'the shared root files'}`, () => {
    const bad = [...importsOf(capability)].filter(
      ([target]) => target !== capability && !allowed.includes(target) && !shared.includes(target),
    );
    assert.deepEqual(
      bad.map(([target, files]) => `${target} (from ${files.join(', ')})`),
      [],
    );
  });
}

test('every capability folder is covered by the layering rules', () => {
  const folders = readdirSync(src, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);
  assert.deepEqual(
    folders.filter((f) => !(f in ALLOWED)),
    [],
  );
});
