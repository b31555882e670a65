import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getRun, readEvents, startRun } from '../../src/team/index.js';
import { dinnerMission, tempStore } from './helpers.js';

test('a run reports the derived facts of its current state, not those seen before planning', async () => {
  const { store } = tempStore();
  const run = await startRun(dinnerMission(), { store, approve: 'auto' });
  const midway: string[][] = [];
  // Look at the run between steps too: once both ingredients are bought, the rule holds.
  const stop = setInterval(
    () => void getRun(store, run.id).then((r) => midway.push(r?.derived ?? [])),
    5,
  );
  const summary = await run.done;
  clearInterval(stop);
  assert.equal(summary.status, 'succeeded');
  assert.equal(summary.replans, 0, 'one planning round: the only snapshot is from before the plan');

  const snapshot = (await readEvents(store, run.id)).find((e) => e.type === 'facts.derived')!;
  assert.deepEqual(snapshot.data.facts, [], 'nothing is derived before anything is bought');
  assert.deepEqual((await getRun(store, run.id))!.derived, ['(ready_to_cook)']);
  assert.ok(
    midway.some((d) => d.length === 0),
    'seen before the purchases',
  );
  await store.close();
});
