import { it } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { explainStep, loadMission, startRun } from '../../src/team/index.js';
import { tempStore } from './helpers.js';

it('atelier show RUN --why says what became of the step: done, failed and why, never run and why not', async () => {
  const mission = await loadMission(resolve(import.meta.dirname, '../../examples/paris-office'));
  const { store } = tempStore();
  // Seed 1: chloe declines the offer (s9); the steps of plan v1 after it never run.
  const run = await startRun(mission, { store, seed: 1, approve: 'auto', timeScale: 0 });
  await run.done;
  const why = (step: string): Promise<string[]> => explainStep(store, run.id, step);
  assert.match((await why('s1'))[1]!, /^ran: done in \d+ ms$/);
  assert.match((await why('s9'))[1]!, /^ran and FAILED: chloe declined the offer/);
  assert.match(
    (await why('s26'))[1]!,
    /^never ran: plan v1 was replaced by v2 \(step s9 .* failed: /,
  );
  await store.close();
});
