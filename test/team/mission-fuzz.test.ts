import { it } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { UserError } from '../../src/errors.js';
import { loadMission } from '../../src/team/index.js';

// Whatever mission.yaml holds, loading it either gives a mission or one UserError with a
// stable code and a one-line message: never another exception, never a hang. Bounded:
// a fixed number of cases from a fixed seed (FUZZ_SEED=n explores others).
const PARIS = resolve(import.meta.dirname, '../../examples/paris-office');
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
// The Paris mission without its world module (loading it each time would only cost time).
const BASE = readFileSync(join(PARIS, 'mission.yaml'), 'utf8').replace(/^world: .*\n/m, '');
const LINES = BASE.split('\n');

const dir = mkdtempSync(join(tmpdir(), 'atelier-fuzz-'));
copyFileSync(join(PARIS, 'knowledge.dl'), join(dir, 'knowledge.dl'));
writeFileSync(join(dir, 'data.json'), '{}');

/** Pieces of YAML (and of not quite YAML) that parsers and loaders trip on. */
const TRICKY = [
  '*a',
  '&a x',
  '&a [1, 2]',
  '<<: *a',
  '!!binary AAAA',
  '!!js/function f',
  '!tag x',
  '~',
  'null',
  '1e309',
  '-',
  '? x',
  '[',
  '{',
  ']',
  '}',
  "'",
  '"',
  '|',
  '>',
  '%YAML 1.2',
  '---',
  '...',
  '\t',
  'x'.repeat(5000),
  '(',
  ')',
  '(and',
  '(and (announced paris)))',
  '(announced ?x)',
  '()',
  '[]',
  '{}',
  '0',
  '-1',
  '2147483648',
  'true',
  'yes',
  '"\\u0000"',
  'é',
  '🙂',
  'world.ts',
  'data.json',
  '/etc/passwd',
  '../x.ts',
  'knowledge.dl',
  'mission.yaml',
  '.',
  '/',
  '__proto__',
  'constructor',
];

const value = fc.oneof(
  fc.constantFrom(...TRICKY),
  fc.string({ maxLength: 40 }),
  fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)),
);

/** A mutation of the Paris mission.yaml: a line replaced, deleted, doubled, or text inserted. */
const mutated = fc
  .tuple(
    fc.nat({ max: LINES.length - 1 }),
    fc.constantFrom('value', 'line', 'delete', 'double', 'insert'),
    value,
    fc.nat({ max: 200 }),
  )
  .map(([i, how, v, at]) => {
    const lines = [...LINES];
    const line = lines[i]!;
    if (how === 'value')
      lines[i] = line.includes(':') ? `${line.slice(0, line.indexOf(':') + 1)} ${v}` : v;
    else if (how === 'line') lines[i] = v;
    else if (how === 'delete') lines.splice(i, 1);
    else if (how === 'double') lines.splice(i, 0, line);
    else
      lines[i] =
        `${line.slice(0, at % (line.length + 1))}${v}${line.slice(at % (line.length + 1))}`;
    return lines.join('\n');
  });

/** A whole file: any text, or any JSON-like value written as YAML. */
const whole = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.jsonValue({ maxDepth: 3 }).map((v) => stringify(v)),
  fc
    .dictionary(
      fc.constantFrom(
        'name',
        'goal',
        'tools',
        'agents',
        'facts',
        'objects',
        'types',
        'world',
        'domain',
        'problem',
        'knowledge',
        'durations',
      ),
      value,
    )
    .map((v) => stringify(v)),
);

it('loading any mission.yaml gives a mission or one coded user error, never a crash', async () => {
  await fc.assert(
    fc.asyncProperty(fc.oneof(mutated, whole), async (yaml) => {
      writeFileSync(join(dir, 'mission.yaml'), yaml);
      try {
        await loadMission(dir);
      } catch (err) {
        assert.ok(
          err instanceof UserError,
          `not a UserError: ${(err as Error)?.stack ?? String(err)}`,
        );
        assert.match(err.code, /^[A-Z]+(_[A-Z]+)+$/);
        assert.ok(!/\n\s+at /.test(err.message), `a stack in the message: ${err.message}`);
      }
    }),
    { numRuns: 300, seed: SEED, endOnFailure: true },
  );
});
