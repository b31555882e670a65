/**
 * Loading a mission's simulated world (`world:` in mission.yaml): a TypeScript or
 * JavaScript module in the mission folder that exports `createWorld(seed)`. Whatever goes
 * wrong (a missing or misplaced file, a module that does not compile, throws while loading
 * or in createWorld) is one MissionError naming mission.yaml and the world file, located
 * where it can be; the content of files outside the mission is never read.
 */
import { realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MissionError } from '../errors.js';
import type { World } from '../types.js';

const MODULE = /\.(ts|mts|cts|js|mjs|cjs)$/;

/**
 * Imports a mission's module. A world is usually TypeScript, which the compiled CLI cannot
 * load by itself, so .ts files go through tsx's scoped import (nothing registered globally).
 */
async function importModule(path: string): Promise<unknown> {
  if (!/\.[cm]?tsx?$/.test(path)) return import(pathToFileURL(path).href);
  const { tsImport } = await import('tsx/esm/api');
  return tsImport(pathToFileURL(path).href, import.meta.url);
}

const messageOf = (err: unknown): string =>
  (err instanceof Error ? err.message : String(err)).split('\n')[0]!.slice(0, 300);

/** A compile error's position and message in `path` (tsx/esbuild: `path:line:col: ERROR: ...`). */
function compileError(err: unknown, path: string): string | undefined {
  const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`${escaped}:(\\d+):(\\d+): ERROR: (.+)`).exec(
    err instanceof Error ? err.message : String(err),
  );
  return m === null ? undefined : `:${m[1]}:${m[2]}: ${m[3]!.trim()}`;
}

/**
 * Checks and imports the world module `field` (relative to the mission folder `dir`) named
 * in `file` at `at`; returns createWorld, whose own failures become MissionErrors too.
 */
export async function loadWorld(
  dir: string,
  field: string,
  file: string,
  at: { line: number; col: number } | undefined,
): Promise<(seed: number) => World> {
  const fail = (code: string, message: string, hint: string): MissionError =>
    new MissionError(file, 'world', message, { code, hint, ...at });
  const path = resolve(dir, field);
  const outside = (from: string, to: string): boolean => {
    const r = relative(from, to);
    return r.startsWith('..') || isAbsolute(r);
  };
  if (outside(dir, path))
    throw fail(
      'MISSION_WORLD_OUTSIDE',
      `'${field}' is outside the mission folder`,
      'the world is a module in the mission folder, e.g. world: world.ts',
    );
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    throw fail(
      'MISSION_WORLD_NOT_FOUND',
      `no such module '${field}'`,
      'a TypeScript module in the mission folder exporting createWorld(seed)',
    );
  }
  // A link may point out of the folder: where it leads counts.
  if (outside(realpathSync(dir), real))
    throw fail(
      'MISSION_WORLD_OUTSIDE',
      `'${field}' is outside the mission folder`,
      'the world is a module in the mission folder, e.g. world: world.ts',
    );
  if (!statSync(real).isFile() || !MODULE.test(real))
    throw fail(
      'MISSION_WORLD_INVALID',
      `'${field}' is ${statSync(real).isDirectory() ? 'a directory' : 'not a TypeScript or JavaScript module'}`,
      'the world is a .ts or .js module exporting createWorld(seed)',
    );
  let mod: { createWorld?: unknown };
  try {
    mod = (await importModule(real)) as { createWorld?: unknown };
  } catch (err) {
    const compile = compileError(err, real);
    throw fail(
      'MISSION_WORLD_FAILED',
      compile === undefined
        ? `'${field}' threw while loading: ${messageOf(err)}`
        : `'${field}' does not compile: ${field}${compile}`,
      `fix ${field}; it is the world of this mission`,
    );
  }
  if (typeof mod.createWorld !== 'function')
    throw fail(
      'MISSION_WORLD_INVALID',
      `'${field}' does not export a function createWorld(seed)`,
      'export function createWorld(seed: number): World { ... }',
    );
  const create = mod.createWorld as (seed: number) => World;
  return (seed) => {
    let world: World;
    try {
      world = create(seed);
    } catch (err) {
      throw fail(
        'MISSION_WORLD_FAILED',
        `createWorld(${seed}) of '${field}' threw: ${messageOf(err)}`,
        `fix ${field}; it is the world of this mission`,
      );
    }
    if (typeof (world as Partial<World> | undefined)?.execute !== 'function')
      throw fail(
        'MISSION_WORLD_INVALID',
        `createWorld(${seed}) of '${field}' did not return a world { execute(tool, args, ctx) }`,
        'return an object with an async execute(tool, args, ctx) method',
      );
    return world;
  };
}
