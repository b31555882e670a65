import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { EVENT_SCHEMA_VERSION, openRunStore } from '../../src/store/runs.js';
import { tempStore } from './helpers.js';

const run = (id: string) => ({
  id,
  mission: 'm',
  missionDir: null,
  status: 'running',
  seed: 1,
  goal: '(and)',
  options: {},
  startedAt: new Date().toISOString(),
});

describe('run log store (SQLite)', () => {
  it('numbers events per run, stamps the schema version, and survives reopening', () => {
    const { store, dir } = tempStore();
    store.createRun(run('a'));
    store.createRun(run('b'));
    store.append('a', 'x', { n: 1 });
    store.append('b', 'x', { n: 1 });
    const batch = store.appendAll('a', [
      { type: 'y', data: { n: 2 } },
      { type: 'z', data: { n: 3 } },
    ]);
    assert.deepEqual(
      batch.map((e) => e.seq),
      [2, 3],
    );
    store.close();
    const again = openRunStore(join(dir, 'atelier.db'));
    const events = again.events('a');
    assert.deepEqual(
      events.map((e) => [e.seq, e.type, e.data.n, e.v]),
      [
        [1, 'x', 1, EVENT_SCHEMA_VERSION],
        [2, 'y', 2, EVENT_SCHEMA_VERSION],
        [3, 'z', 3, EVENT_SCHEMA_VERSION],
      ],
    );
    assert.deepEqual(
      again.events('a', 2).map((e) => e.seq),
      [3],
    );
    assert.equal(again.getRun('a')!.lastSeq, 3);
    again.close();
  });

  it('writes nothing when an event of a batch cannot be serialized, and refuses unknown runs', () => {
    const { store } = tempStore();
    store.createRun(run('a'));
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    assert.throws(() =>
      store.appendAll('a', [
        { type: 'ok', data: {} },
        { type: 'bad', data: cyclic },
      ]),
    );
    assert.equal(store.events('a').length, 0);
    assert.throws(() => store.append('nope', 'x', {}), /no run 'nope'/);
  });

  it('tells live listeners about new events and keeps approval decisions', () => {
    const { store } = tempStore();
    store.createRun(run('a'));
    const heard: number[] = [];
    const off = store.subscribe('a', (e) => heard.push(e.seq));
    store.append('a', 'x', {});
    off();
    store.append('a', 'x', {});
    assert.deepEqual(heard, [1]);
    assert.equal(store.decision('a', 's1'), undefined);
    store.decide('a', 's1', { approved: false, by: 'ann', reason: 'no' });
    assert.deepEqual(
      { ...store.decision('a', 's1')!, at: '' },
      { approved: false, by: 'ann', reason: 'no', at: '' },
    );
  });
});
