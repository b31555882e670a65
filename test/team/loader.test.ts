import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { UserError } from '../../src/errors.js';
import { MissionError, listExampleMissions, loadMission } from '../../src/team/index.js';

const ROOT = resolve(import.meta.dirname, '../..');

const GOOD = `name: tiny
objects: { thing: [a, b] }
facts: ["(free a)"]
goal: (and (done a))
tools:
  finish:
    params: { x: thing }
    precondition: (free ?x)
    effect: (done ?x)
agents:
  - name: worker
    tools: [finish]
`;

function missionDir(yaml: string, files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-mission-'));
  writeFileSync(join(dir, 'mission.yaml'), yaml);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

async function loadError(dir: string): Promise<UserError> {
  try {
    await loadMission(dir);
  } catch (err) {
    assert.ok(err instanceof UserError, `a UserError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected the mission to be rejected');
}

describe('mission loader', () => {
  it('loads a good mission folder', async () => {
    const m = await loadMission(missionDir(GOOD));
    assert.equal(m.name, 'tiny');
    assert.deepEqual(
      m.domain.actions.map((a) => a.name),
      ['finish'],
    );
    assert.deepEqual(m.facts, ['free a']);
  });

  it('loads the examples', async () => {
    const examples = listExampleMissions(join(ROOT, 'examples'));
    const names = examples.map((e) => e.name);
    assert.ok(names.includes('paris-office') && names.includes('pddl-mission'));
    const paris = await loadMission(join(ROOT, 'examples/paris-office'));
    assert.equal(paris.agents.length, 4);
    assert.ok(paris.domain.derived.length >= 8, 'the rules became derived predicates');
    const pddl = await loadMission(join(ROOT, 'examples/pddl-mission'));
    assert.ok(pddl.tools.has('fly'));
  });

  const cases: {
    name: string;
    yaml: string;
    field: string;
    expect: RegExp;
    files?: Record<string, string>;
  }[] = [
    {
      name: 'a missing field',
      yaml: GOOD.replace(/^goal:.*\n/m, ''),
      field: 'goal',
      expect: /missing; expected a PDDL goal/,
    },
    {
      name: 'a wrong type',
      yaml: GOOD.replace('name: worker', 'name: 42'),
      field: 'agents[0].name',
      expect: /expected string/,
    },
    {
      name: 'an unknown field',
      yaml: GOOD.replace('    params:', '    parms: { x: thing }\n    params:'),
      field: 'tools.finish',
      expect: /unknown field 'parms'/,
    },
    {
      name: 'an unknown tool',
      yaml: GOOD.replace('tools: [finish]', 'tools: [finish, fly]'),
      field: 'agents[0].tools[1]',
      expect: /unknown tool 'fly'/,
    },
    {
      name: 'a bad effect',
      yaml: GOOD.replace('effect: (done ?x)', 'effect: (done ?y)'),
      field: 'tools.finish.effect',
      expect: /\?y/,
    },
    {
      name: 'a goal with an unknown object',
      yaml: GOOD.replace('goal: (and (done a))', 'goal: (and (done zz))'),
      field: 'goal',
      expect: /zz/,
    },
    {
      name: 'an unknown parameter type',
      yaml: GOOD.replace('params: { x: thing }', 'params: { x: thingy }'),
      field: 'tools.finish.params.x',
      expect: /unknown type 'thingy'/,
    },
    {
      name: 'a bad fact',
      yaml: GOOD.replace('facts: ["(free a)"]', 'facts: ["free a"]'),
      field: 'facts[0]',
      expect: /ground atom/,
    },
  ];
  for (const c of cases) {
    it(`names the file and the field for ${c.name}`, async () => {
      const dir = missionDir(c.yaml, c.files);
      const err = await loadError(dir);
      assert.ok(err instanceof MissionError, err.message);
      assert.equal(err.field, c.field);
      assert.equal(err.file, join(dir, 'mission.yaml'));
      assert.match(err.message, c.expect);
      assert.equal(err.exitCode, 2);
    });
  }

  it('points at the line of a bad field', async () => {
    const err = await loadError(missionDir(GOOD.replace('name: worker', 'name: 42')));
    assert.equal(err.location?.line, 11);
  });

  it('reports YAML syntax errors with a line', async () => {
    const err = await loadError(missionDir('name: [unclosed\n'));
    assert.match(err.message, /invalid YAML/);
    assert.ok(err.location !== undefined);
  });

  it('reports a mistake in the knowledge file at its file:line:col', async () => {
    const err = await loadError(
      missionDir(`${GOOD}knowledge: k.dl\n`, { 'k.dl': 'ok(X) :- free(X).\nbad(X :- free(X).\n' }),
    );
    assert.match(err.location?.file ?? '', /k\.dl$/);
    assert.equal(err.location?.line, 2);
  });

  it('reports a missing mission.yaml', async () => {
    const err = await loadError(mkdtempSync(join(tmpdir(), 'atelier-empty-')));
    assert.match(err.message, /no mission\.yaml/);
  });

  it('exits 2 from the CLI with file and field, no stack trace', () => {
    const dir = missionDir(GOOD.replace('tools: [finish]', 'tools: [finish, fly]'));
    const r = spawnSync(join(ROOT, 'bin/atelier'), ['run', dir, '--db', join(dir, 'db.sqlite')], {
      encoding: 'utf8',
    });
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /mission\.yaml/);
    assert.match(r.stderr, /agents\[0\]\.tools\[1\]/);
    assert.doesNotMatch(r.stderr, /\n\s+at /);
  });
});

describe('missions from a PDDL domain in TypeScript', () => {
  it('maps each action to the tool that carries it out and plans over the domain', async () => {
    const { parseDomain, parseProblem } = await import('../../src/pddl/index.js');
    const { missionFromPddl, startRun } = await import('../../src/team/index.js');
    const { tempStore } = await import('./helpers.js');
    const { readFileSync } = await import('node:fs');
    const domain = parseDomain(
      readFileSync(join(ROOT, 'examples/pddl-mission/domain.pddl'), 'utf8'),
    );
    const problem = parseProblem(
      readFileSync(join(ROOT, 'examples/pddl-mission/problem.pddl'), 'utf8'),
      domain,
    );
    const flights: string[] = [];
    const mission = missionFromPddl({
      domain,
      problem,
      agents: [
        { name: 'driver', tools: ['drive', 'load_van', 'unload_van'] },
        { name: 'pilot', tools: ['fly', 'load_drone', 'unload_drone'] },
      ],
      execute: {
        fly: async (args) => {
          flights.push(Object.values(args).join(' '));
          return { ok: true };
        },
      },
    });
    assert.throws(
      () => missionFromPddl({ domain, problem, agents: [{ name: 'x', tools: ['teleport'] }] }),
      /agents\[0\]\.tools\[0\]: unknown action 'teleport'/,
    );
    const { store } = tempStore();
    const s = await (await startRun(mission, { store })).done;
    assert.equal(s.status, 'succeeded');
    assert.ok(flights.length >= 1, 'the fly tool ran');
    assert.ok(
      flights.every((f) => /^drone1 \w+ \w+$/.test(f)),
      `the tool gets the step's arguments by parameter: ${flights.join(', ')}`,
    );
  });
});
