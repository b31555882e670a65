import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MissionError, listRuns, startRun } from '../../src/team/index.js';
import { atelier, hasStack } from '../helpers/cli.js';
import { editedExample, rejection, tempStore } from './helpers.js';

describe('YAML aliases in mission.yaml', () => {
  const mission = (yaml: string): string => {
    const dir = mkdtempSync(join(tmpdir(), 'atelier-alias-'));
    writeFileSync(join(dir, 'mission.yaml'), yaml);
    return dir;
  };

  it('an unknown alias is a located error, not a crash', async () => {
    const err = await rejection(mission('name: *nope\n'));
    assert.equal(err.code, 'MISSION_YAML');
    assert.deepEqual([err.location?.line, err.location?.col], [1, 7]);
    assert.match(err.message, /aliases such as \*nope/);
  });

  it('an alias bomb is refused at its first alias, at once', async () => {
    const bomb = [
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'name: bomb',
    ].join('\n');
    const err = await rejection(mission(bomb));
    assert.equal(err.code, 'MISSION_YAML');
    assert.equal(err.location?.line, 2);
  });

  it('atelier run prints one line with file:line and exits 2', () => {
    const r = atelier(['run', mission('name: *nope\n'), '--approve-all', '--no-report']);
    assert.equal(r.status, 2, r.stderr);
    assert.ok(!hasStack(r.stderr), r.stderr);
    assert.match(r.stderr, /mission\.yaml:1:7: error\[MISSION_YAML\]: /);
  });
});

describe('world: in mission.yaml', () => {
  /** The Paris mission with `world:` set to `value`, plus files `files` in its folder. */
  function withWorld(value: string, files: Record<string, string> = {}): string {
    const dir = editedExample('paris-office', 'world: world.ts', `world: ${JSON.stringify(value)}`);
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    return dir;
  }
  const cases: [string, () => string, string, RegExp][] = [
    [
      'a directory',
      () => withWorld('worlds', { 'worlds/a.ts': '' }),
      'MISSION_WORLD_INVALID',
      /'worlds' is a directory/,
    ],
    [
      'a JSON file',
      () => withWorld('world.json', { 'world.json': '{"seed": 1}' }),
      'MISSION_WORLD_INVALID',
      /not a TypeScript or JavaScript module/,
    ],
    [
      '/etc/passwd',
      () => withWorld('/etc/passwd'),
      'MISSION_WORLD_OUTSIDE',
      /outside the mission folder/,
    ],
    [
      'a path out of the folder',
      () => withWorld('../world.ts'),
      'MISSION_WORLD_OUTSIDE',
      /outside the mission folder/,
    ],
    [
      'a link out of the folder',
      () => {
        const dir = withWorld('linked.ts');
        symlinkSync('/etc/passwd', join(dir, 'linked.ts'));
        return dir;
      },
      'MISSION_WORLD_OUTSIDE',
      /outside the mission folder/,
    ],
    [
      'a missing file',
      () => withWorld('nowhere.ts'),
      'MISSION_WORLD_NOT_FOUND',
      /no such module 'nowhere\.ts'/,
    ],
    [
      'a module with a syntax error',
      () =>
        withWorld('broken.ts', {
          'broken.ts': 'export function createWorld(seed: number) {\n  return { execute( };\n}\n',
        }),
      'MISSION_WORLD_FAILED',
      /'broken\.ts' does not compile: broken\.ts:2:\d+: Expected/,
    ],
    [
      'a module that throws when loaded',
      () =>
        withWorld('throws.ts', {
          'throws.ts': 'throw new Error("no world today");\nexport function createWorld() {}\n',
        }),
      'MISSION_WORLD_FAILED',
      /'throws\.ts' threw while loading: no world today/,
    ],
    [
      'a module without createWorld',
      () => withWorld('empty.ts', { 'empty.ts': 'export const x = 1;\n' }),
      'MISSION_WORLD_INVALID',
      /does not export a function createWorld/,
    ],
  ];
  for (const [what, make, code, message] of cases) {
    it(`naming ${what}: ${code}, naming mission.yaml and the world file`, async () => {
      const err = await rejection(make());
      assert.equal(err.code, code);
      assert.match(err.message, message);
      assert.equal(err.field, 'world');
      assert.match(err.file, /mission\.yaml$/);
      assert.ok(err.location !== undefined, 'located at the world: field');
      assert.doesNotMatch(err.message, /root:/, 'nothing of /etc/passwd is shown');
    });
  }

  it('a createWorld that throws stops the run before it starts, with one line', async () => {
    const dir = withWorld('faulty.ts', {
      'faulty.ts':
        'export function createWorld(seed: number) {\n  throw new Error(`no world for seed ${seed}`);\n}\n',
    });
    const { loadMission } = await import('../../src/team/index.js');
    const mission = await loadMission(dir);
    const { store } = tempStore();
    await assert.rejects(
      () => startRun(mission, { store, seed: 3, approve: 'auto' }),
      (err: unknown) =>
        err instanceof MissionError &&
        err.code === 'MISSION_WORLD_FAILED' &&
        /createWorld\(3\) of 'faulty\.ts' threw: no world for seed 3/.test(err.message),
    );
    assert.deepEqual(await listRuns(store), [], 'no run was stored');
    const r = atelier(['run', dir, '--approve-all', '--no-report', '--db', join(dir, 'runs.db')]);
    assert.equal(r.status, 2, r.stderr);
    assert.ok(!hasStack(r.stderr), r.stderr);
    assert.match(
      r.stderr,
      /^.*mission\.yaml:\d+:\d+: error\[MISSION_WORLD_FAILED\]: world: createWorld\(1\)/,
    );
  });

  it('atelier run on world: /etc/passwd prints one line and none of the file', () => {
    const r = atelier(['run', withWorld('/etc/passwd'), '--approve-all', '--no-report']);
    assert.equal(r.status, 2, r.stderr);
    assert.ok(!hasStack(r.stderr), r.stderr);
    assert.doesNotMatch(r.stderr + r.stdout, /root:/);
    assert.match(r.stderr, /error\[MISSION_WORLD_OUTSIDE\]/);
  });
});
