import { it } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { explainStep, findEvent, loadMission, readEvents, startRun } from '../../src/team/index.js';
import { tempStore } from './helpers.js';

it('atelier show RUN --why says what became of the step: done, failed and why, never run and why not', async () => {
  const mission = await loadMission(resolve(import.meta.dirname, '../../examples/paris-office'));
  const { store } = tempStore();
  // Seed 1: chloe declines the offer; the steps of plan v1 after it never run.
  const run = await startRun(mission, { store, seed: 1, approve: 'auto', timeScale: 0 });
  await run.done;
  const why = (step: string): Promise<string[]> => explainStep(store, run.id, step);
  // Step ids follow the plan: found in it rather than written down.
  const v1 = findEvent(await readEvents(store, run.id), 'plan.made')!.data.steps;
  const offer = v1.find((x) => x.action === 'make_offer' && x.args[0] === 'chloe')!.id;
  const last = v1[v1.length - 1]!.id;
  assert.match((await why('s1'))[1]!, /^ran: done in \d+ ms$/);
  assert.match((await why(offer))[1]!, /^ran and FAILED: chloe declined the offer/);
  assert.match(
    (await why(last))[1]!,
    new RegExp(`^never ran: plan v1 was replaced by v2 \\(step ${offer} .* failed: `),
  );
  await store.close();
});
