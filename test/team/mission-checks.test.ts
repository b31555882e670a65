import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MissionError, defineMission, loadMission, planningTool } from '../../src/team/index.js';
import { editedExample, rejection } from './helpers.js';

const ROOT = resolve(import.meta.dirname, '../..');

/** line:col of `needle` in the mission.yaml of `dir` (1-based). */
function position(dir: string, needle: string): { line: number; col: number } {
  const lines = readFileSync(join(dir, 'mission.yaml'), 'utf8').split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  assert.ok(line >= 0, `mission.yaml holds ${needle}`);
  return { line: line + 1, col: lines[line]!.indexOf(needle) + 1 };
}

const cases: {
  name: string;
  example: string;
  from: string;
  to: string;
  field: string;
  message: RegExp;
  hint?: RegExp;
  at?: string;
}[] = [
  {
    name: 'a misspelt predicate in a precondition',
    example: 'paris-office',
    from: 'precondition: (qualified ?c ?p)\n',
    to: 'precondition: (qualifed ?c ?p)\n',
    field: 'tools.screen.precondition',
    message: /predicate 'qualifed' appears in no fact, rule or tool effect/,
    hint: /did you mean 'qualified'/,
    at: '(qualifed ?c ?p)',
  },
  {
    name: 'a misspelt predicate in an effect',
    example: 'paris-office',
    from: 'effect: (announced ?o)',
    to: 'effect: (anounced ?o)',
    field: 'goal',
    message: /predicate 'announced'/,
    hint: /'anounced' misspelt in tools\.announce\.effect/,
  },
  {
    name: 'an effect nothing reads, close to a predicate that is read',
    example: 'paris-office',
    from: 'effect: (visited ?s)',
    to: 'effect: (and (visited ?s) (visted ?s))',
    field: 'tools.visit_site.effect',
    message: /predicate 'visted' is read by no precondition, goal or rule/,
    hint: /did you mean 'visited'/,
    at: '(visted ?s)',
  },
  {
    name: 'a misspelt predicate in the goal',
    example: 'paris-office',
    from: 'goal: (and (announced paris))',
    to: 'goal: (and (anounced paris))',
    field: 'goal',
    message: /predicate 'anounced'/,
    hint: /did you mean 'announced'/,
    at: '(anounced paris)',
  },
  {
    name: 'an undeclared object in a fact',
    example: 'paris-office',
    from: '(site_available le_marais)',
    to: '(site_available le_marias)',
    field: 'facts[1]',
    message: /undeclared object 'le_marias'/,
    hint: /did you mean 'le_marais'/,
    at: 'le_marias',
  },
  {
    name: 'a capability no tool needs',
    example: 'paris-office',
    from: 'capabilities: [policy]',
    to: 'capabilities: [polcy]',
    field: 'agents[1].capabilities[0]',
    message: /no tool needs the capability 'polcy'/,
    hint: /did you mean 'policy'/,
    at: 'polcy',
  },
  {
    name: 'durations in a mission with tools',
    example: 'paris-office',
    from: 'facts:\n',
    to: 'durations: { screen: 10 }\nfacts:\n',
    field: 'durations',
    message: /does not apply/,
  },
  {
    name: 'a goal in a PDDL mission',
    example: 'pddl-mission',
    from: 'problem: problem.pddl\n',
    to: 'problem: problem.pddl\ngoal: (and (at laptops bastille))\n',
    field: 'goal',
    message: /does not apply/,
    at: '(and (at laptops bastille))',
  },
  {
    name: 'facts in a PDDL mission',
    example: 'pddl-mission',
    from: 'problem: problem.pddl\n',
    to: 'problem: problem.pddl\nfacts: ["(at van1 depot)"]\n',
    field: 'facts',
    message: /does not apply/,
  },
  {
    name: 'a duration for an action the domain lacks',
    example: 'pddl-mission',
    from: 'drive: 150',
    to: 'drve: 150',
    field: 'durations.drve',
    message: /the domain has no action 'drve'/,
    hint: /did you mean 'drive'/,
  },
  {
    name: 'a misspelt top-level key',
    example: 'pddl-mission',
    from: 'durations:',
    to: 'duration:',
    field: '',
    message: /unknown field 'duration'/,
    hint: /did you mean 'durations'/,
  },
];

describe('mission mistakes that used to load silently', () => {
  for (const c of cases) {
    it(`rejects ${c.name}, naming the file, the field and the line`, async () => {
      const dir = editedExample(c.example, c.from, c.to);
      const err = await rejection(dir);
      assert.equal(err.file, join(dir, 'mission.yaml'));
      assert.equal(err.field ?? '', c.field);
      assert.match(err.message, c.message);
      if (c.hint !== undefined) assert.match(err.hint ?? '', c.hint);
      assert.ok(err.location !== undefined, 'a line:col');
      if (c.at !== undefined)
        assert.deepEqual({ line: err.location.line, col: err.location.col }, position(dir, c.at));
      assert.equal(err.exitCode, 2);
    });
  }

  it('rejects an undeclared object in a fact of the knowledge file, at its file:line:col', async () => {
    const dir = editedExample('paris-office', 'name: paris-office', 'name: paris-office');
    const k = readFileSync(join(dir, 'knowledge.dl'), 'utf8');
    writeFileSync(join(dir, 'knowledge.dl'), `${k}\nhas_skill(zoe, alignment).\n`);
    const err = await rejection(dir);
    assert.equal(err.file, join(dir, 'knowledge.dl'));
    assert.match(err.message, /undeclared object 'zoe'/);
    assert.deepEqual(
      { line: err.location?.line, col: err.location?.col },
      { line: k.split('\n').length + 1, col: 1 },
    );
  });

  it('still loads both examples', async () => {
    await loadMission(join(ROOT, 'examples/paris-office'));
    await loadMission(join(ROOT, 'examples/pddl-mission'));
  });

  it('allows an effect nothing reads when it resembles nothing (a record of what was done)', async () => {
    const m = await loadMission(
      editedExample(
        'paris-office',
        'effect: (visited ?s)',
        'effect: (and (visited ?s) (site_toured ?s))',
      ),
    );
    assert.ok(m.domain.predicates.some((p) => p.name === 'site_toured'));
  });

  it('applies the same checks to missions defined in TypeScript', () => {
    const tools = [
      planningTool({
        name: 'finish',
        params: { x: 'thing' },
        precondition: '(fre ?x)',
        effect: '(done ?x)',
      }),
    ];
    assert.throws(
      () =>
        defineMission({
          name: 't',
          objects: { thing: ['a'] },
          facts: ['(free a)'],
          goal: '(and (done a))',
          tools,
          agents: [{ name: 'w', tools: ['finish'] }],
        }),
      (e: unknown) =>
        e instanceof MissionError &&
        e.field === 'tools.finish.precondition' &&
        /did you mean 'free'/.test(e.hint ?? ''),
    );
  });
});
