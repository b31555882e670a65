import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

// Dependencies point one way (DESIGN.md): cli/server -> team -> agents -> models;
// team -> learn -> planner -> pddl, logic; store -> team, agents (it implements the ports
// they own). mcp (the MCP client) gives agents tools: it uses agents and models, and agents
// never import it (they know tool sources only by interface). A capability may import only
// those listed for it (type-only imports included).
// Files directly in src/ (errors, config, version) are shared by all.
const ALLOWED: Record<string, string[]> = {
  pddl: [],
  logic: [],
  planner: ['pddl', 'logic'],
  learn: ['pddl', 'planner', 'logic'],
  models: [],
  agents: ['models'],
  mcp: ['models', 'agents'],
  // The store implements ports the core owns: the agents' sessions, the team's run log.
  store: ['models', 'agents', 'team'],
  team: ['pddl', 'logic', 'planner', 'learn', 'models', 'agents', 'mcp'],
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

/** Every relative import of every file under src/ (type-only and re-exports included). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of readdirSync(src, { recursive: true }) as string[]) {
    if (!file.endsWith('.ts') || file.endsWith('.test.ts')) continue;
    const text = readFileSync(join(src, file), 'utf8');
    const targets = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) =>
      relative(src, resolve(dirname(join(src, file)), m[1]!.replace(/\.js$/, '.ts'))),
    );
    graph.set(file, targets);
  }
  return graph;
}

/** The import cycles of a graph, each as the files around it (one per strongly connected group). */
function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (f: string): void => {
    state.set(f, 'open');
    path.push(f);
    for (const t of graph.get(f) ?? []) {
      if (!graph.has(t)) continue;
      if (state.get(t) === 'open') found.push([...path.slice(path.indexOf(t)), t]);
      else if (state.get(t) === undefined) visit(t);
    }
    path.pop();
    state.set(f, 'done');
  };
  for (const f of [...graph.keys()].sort()) if (state.get(f) === undefined) visit(f);
  return found;
}

test('no import cycles between the files of src/', () => {
  assert.deepEqual(
    cycles(importGraph()).map((c) => c.join(' -> ')),
    [],
  );
});

test('the cycle check finds a cycle (a -> b -> c -> a) and ignores a diamond', () => {
  const g = new Map([
    ['a', ['b', 'd']],
    ['b', ['c']],
    ['c', ['a']],
    ['d', ['e']],
    ['e', []],
    ['f', ['d', 'e']],
  ]);
  assert.deepEqual(cycles(g), [['a', 'b', 'c', 'a']]);
});
