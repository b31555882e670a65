import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GoalError, startRun, translateGoal } from '../../src/team/index.js';
import type { MissionError } from '../../src/team/index.js';
import { scriptedModel } from '../../src/models/index.js';
import { dinnerMission, editedExample, rejection, tempStore } from './helpers.js';

/** 1-based line:col in mission.yaml of the `nth` occurrence of `needle` on the line that holds `lineWith`. */
function at(dir: string, lineWith: string, needle: string): { line: number; col: number } {
  const lines = readFileSync(join(dir, 'mission.yaml'), 'utf8').split('\n');
  const line = lines.findIndex((l) => l.includes(lineWith));
  assert.ok(line >= 0);
  return { line: line + 1, col: lines[line]!.indexOf(needle) + 1 };
}

const where = (e: MissionError): { line: number; col: number } => ({
  line: e.location!.line,
  col: e.location!.col,
});

describe('error locations point at the mission, not at generated text', () => {
  it('an unbalanced precondition: the field, the precondition, and the unclosed ( in mission.yaml', async () => {
    const dir = editedExample(
      'paris-office',
      'precondition: (qualified ?c ?p)\n',
      'precondition: (and (qualified ?c ?p)\n',
    );
    const err = await rejection(dir);
    assert.equal(err.field, 'tools.screen.precondition');
    assert.match(err.message, /unbalanced parentheses: this '\(' is never closed/);
    assert.doesNotMatch(`${err.message} ${err.hint ?? ''}`, /line \d+, column/);
    assert.equal(err.location?.file, join(dir, 'mission.yaml'));
    assert.deepEqual(where(err), at(dir, 'precondition: (and (qualified ?c ?p)', '(and'));
  });

  it('a ) too many in an effect: the effect field and that )', async () => {
    const dir = editedExample(
      'paris-office',
      'effect: (screened ?c ?p)',
      'effect: (screened ?c ?p))',
    );
    const err = await rejection(dir);
    assert.equal(err.field, 'tools.screen.effect');
    assert.match(err.message, /closes nothing/);
    const pair = at(dir, 'effect: (screened ?c ?p))', '))');
    assert.deepEqual(where(err), { line: pair.line, col: pair.col + 1 });
  });

  it('a parser error inside an effect (undeclared variable) is mapped back to the effect, at the variable', async () => {
    const dir = editedExample(
      'paris-office',
      'effect: (screened ?c ?p)',
      'effect: (screened ?c ?q)',
    );
    const err = await rejection(dir);
    assert.equal(err.field, 'tools.screen.effect');
    assert.match(err.message, /undeclared variable '\?q'/);
    assert.deepEqual(where(err), at(dir, 'effect: (screened ?c ?q)', '?q'));
  });

  it('a wrong arity is reported where it is used, not where the predicate happened to be first seen', async () => {
    const dir = editedExample(
      'paris-office',
      'precondition: (qualified ?c ?p)\n',
      'precondition: (qualified ?c)\n',
    );
    const err = await rejection(dir);
    assert.equal(err.field, 'tools.screen.precondition');
    assert.match(err.message, /takes 2 arguments \(as in the knowledge file\), found 1/);
  });

  it('a mistake in a folded multi-line precondition is found on its own line', async () => {
    const dir = editedExample(
      'paris-office',
      'precondition: (and (screened ?c ?p) (qualified ?c ?p) (brief_ready ?p))',
      'precondition: >-\n      (and (screened ?c ?p)\n      (qualified ?c ?p) (brief_ready ?p) (foo ?c ?p ?q)',
    );
    const err = await rejection(dir);
    assert.equal(err.field, 'tools.interview.precondition');
    assert.deepEqual(where(err), at(dir, '      (and (screened ?c ?p)', '(and'));
  });

  it("a missing knowledge file is reported against mission.yaml's knowledge field", async () => {
    const dir = editedExample('paris-office', 'knowledge: knowledge.dl', 'knowledge: nope.dl');
    const err = await rejection(dir);
    assert.equal(err.file, join(dir, 'mission.yaml'));
    assert.equal(err.field, 'knowledge');
    assert.match(err.message, /cannot read the knowledge file '.*nope\.dl'/);
    assert.deepEqual(where(err), at(dir, 'knowledge: nope.dl', 'nope.dl'));
  });

  it('a bad goal given to a run has a single goal: prefix', async () => {
    const { store } = tempStore();
    await assert.rejects(
      () => startRun(dinnerMission(), { store, goal: '(and (served zed))' }),
      (e: unknown) => {
        assert.ok(e instanceof GoalError);
        assert.equal(e.message, "goal: undeclared object 'zed'");
        assert.equal(e.field, 'goal');
        return true;
      },
    );
    await assert.rejects(
      () => startRun(dinnerMission(), { store, goal: '(and (served sauce)' }),
      /^GoalError: goal: unbalanced parentheses/,
    );
  });

  it('a bad goal in mission.yaml is located in the goal scalar', async () => {
    const dir = editedExample(
      'paris-office',
      'goal: (and (announced paris))',
      'goal: (and (announced pariss))',
    );
    const err = await rejection(dir);
    assert.equal(err.field, 'goal');
    assert.equal(err.message.match(/goal:/g)?.length, 1, err.message);
    assert.deepEqual(where(err), at(dir, 'goal: (and', 'pariss'));
  });

  it("a model's invalid goal is sent back without stacked prefixes", async () => {
    const model = scriptedModel([
      '{"goals":[{"predicate":"served","args":["zed"],"negated":false}]}',
      '{"goals":[{"predicate":"served","args":["sauce"],"negated":false}]}',
    ]);
    const t = await translateGoal(model, dinnerMission(), 'serve dinner');
    assert.equal(t.errors[0], "(served zed) is not a valid goal: undeclared object 'zed'");
  });
});
