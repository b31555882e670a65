import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { scriptedModel } from '../../src/models/index.js';
import { UserError } from '../../src/errors.js';
import { startRun, translateGoal } from '../../src/team/index.js';
import { dinnerMission, tempStore } from './helpers.js';

const answer = (goals: { predicate: string; args: string[]; negated?: boolean }[]): string =>
  JSON.stringify({ goals: goals.map((g) => ({ negated: false, ...g })) });

describe('natural-language goals (scripted model)', () => {
  it('asks for a goal constrained to the mission predicates and objects, validates it and plans with it', async () => {
    const model = scriptedModel([answer([{ predicate: 'cooked', args: ['sauce'] }])]);
    const mission = dinnerMission();
    const t = await translateGoal(model, mission, 'just cook the sauce');
    assert.equal(t.text, '(cooked sauce)');
    assert.equal(t.attempts, 1);
    const req = model.requests[0]!;
    assert.equal(req.output?.name, 'goal');
    const schema = JSON.stringify(req.output?.schema);
    for (const p of ['cooked', 'served', 'bought', 'ready_to_cook'])
      assert.ok(schema.includes(`"${p}"`), `schema lists ${p}`);
    for (const o of ['sauce', 'pasta', 'grocer'])
      assert.ok(schema.includes(`"${o}"`), `schema lists ${o}`);
    const { store } = tempStore();
    const run = await startRun(mission, { store, approve: 'auto', timeScale: 0, goal: t.goal });
    const s = await run.done;
    assert.equal(s.status, 'succeeded');
  });

  it('sends an invalid answer back with the error and accepts the corrected one', async () => {
    const model = scriptedModel([
      answer([{ predicate: 'served', args: ['lasagna'] }]),
      answer([
        { predicate: 'served', args: ['sauce'] },
        { predicate: 'bought', args: ['pasta'] },
      ]),
    ]);
    const t = await translateGoal(model, dinnerMission(), 'serve dinner');
    assert.equal(t.attempts, 2);
    assert.equal(t.text, '(and (served sauce) (bought pasta))');
    assert.equal(t.errors.length, 1);
    assert.match(t.errors[0]!, /lasagna/);
    const retry = model.requests[1]!.messages.at(-1)!;
    assert.equal(retry.role, 'user');
    assert.match(retry.content as string, /invalid.*lasagna/s);
  });

  it('sends an invalid answer back at most three times, then gives up with a user error', async () => {
    const model = scriptedModel([
      'not json',
      answer([{ predicate: 'flies', args: [] }]),
      answer([{ predicate: 'served', args: ['sauce', 'pasta'] }]),
      answer([{ predicate: 'teleported', args: [] }]),
    ]);
    await assert.rejects(
      translateGoal(model, dinnerMission(), 'fly'),
      (err: unknown) => err instanceof UserError && /4 answers \(3 sent back/.test(err.message),
    );
    assert.equal(model.requests.length, 4);
    assert.equal(model.remaining(), 0);
  });
});
