import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRunStore } from '../../src/store/index.js';
import { startRun } from '../../src/team/index.js';
import type { MissionModel } from '../../src/team/index.js';
import { workshop } from '../learn/workshop.js';
import { errorOf, testServer } from './helpers.js';

test('GET /api/missions/:name/model: declared beside learned, differences, contradictions, unverified proposals', async () => {
  const store = openRunStore(join(mkdtempSync(join(tmpdir(), 'atelier-model-')), 'runs.db'));
  const bootstrapped = workshop({
    bootstrap: { precondition: '(in_stock ?p)', effect: '(made ?p)' },
  });
  const server = await testServer({ runs: { store, timeScale: 0, missions: [bootstrapped] } });
  try {
    const get = async () => {
      const res = await server.call('/api/missions/workshop/model');
      assert.equal(res.status, 200);
      return (await res.json()) as MissionModel;
    };
    // No run yet: the learned tool shows its bootstrap model, unverified; nothing is learned.
    const before = await get();
    assert.equal(before.runs, 0);
    const make0 = before.tools.find((t) => t.tool === 'make')!;
    assert.equal(make0.kind, 'learned');
    assert.deepEqual(make0.proposal, {
      by: 'bootstrap',
      precondition: '(in_stock ?p)',
      effect: '(made ?p)',
    });
    assert.equal(make0.learned, undefined);

    const summary = await (
      await startRun(bootstrapped, { store, timeScale: 0, goal: '(shipped p1)' })
    ).done;
    assert.equal(summary.status, 'succeeded');
    const after = await get();
    assert.equal(after.runs, 1);
    assert.equal(after.transitions, 2);
    const make = after.tools.find((t) => t.tool === 'make')!;
    assert.equal(make.proposal, undefined, 'observed: the proposal is replaced');
    assert.equal(make.learned?.status, 'learned');
    assert.deepEqual(make.learned?.effect, ['(not (in_stock ?p))', '(made ?p)']);
    const ship = after.tools.find((t) => t.tool === 'ship')!;
    assert.deepEqual(ship.declared?.effect, ['(shipped ?p)']);
    assert.deepEqual(ship.diff.effectAdded, ['(invoiced ?p)']);
    assert.deepEqual(ship.diff.effectMissing, []);
    assert.deepEqual(
      ship.contradictions.map((c) => [c.kind, c.literal]),
      [['change-not-declared', '(invoiced ?p)']],
    );
    // The same auth as every API route, and a located 404.
    assert.equal((await server.call('/api/missions/workshop/model', { auth: false })).status, 401);
    const missing = await server.call('/api/missions/nope/model');
    assert.equal(missing.status, 404);
    assert.match((await errorOf(missing)).message, /no mission named "nope"/);
  } finally {
    await server.close();
    await store.close();
  }
});
