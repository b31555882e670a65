/**
 * What every implementation of the team's RunLog port must do, as one suite: the SQLite
 * store runs it (run-log-sqlite.test.ts); another backend runs the same cases.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { NewEvent, NewRun, RunLog } from '../../src/team/index.js';
import { LeaseLostError } from '../../src/team/index.js';

export interface RunLogBackend {
  /** A fresh, empty log. */
  open(): Promise<RunLog>;
  /** The same log opened again (another handle on the same data), when the backend persists. */
  reopen?(log: RunLog): Promise<RunLog>;
}

export const newRun = (id: string, startedAt = new Date().toISOString()): NewRun => ({
  id,
  mission: 'm',
  missionDir: null,
  status: 'running',
  seed: 1,
  goal: '(and)',
  options: { concurrency: 2 },
  startedAt,
});

const ev = (type: string, data: unknown, v = 1): NewEvent => ({ type, v, data });

export function runLogConformance(name: string, backend: RunLogBackend): void {
  describe(`RunLog conformance: ${name}`, () => {
    it('numbers events per run from 1, keeps kind, version and data, reads after a seq', async () => {
      const log = await backend.open();
      await log.createRun(newRun('a'));
      await log.createRun(newRun('b'));
      await log.append('a', [ev('x', { n: 1 })]);
      await log.append('b', [ev('x', { n: 1 })]);
      const batch = await log.append('a', [ev('y', { n: 2 }, 3), ev('z', { n: [3] })]);
      assert.deepEqual(
        batch.map((e) => [e.runId, e.seq, e.type, e.v]),
        [
          ['a', 2, 'y', 3],
          ['a', 3, 'z', 1],
        ],
      );
      const again = backend.reopen ? await backend.reopen(log) : log;
      assert.deepEqual(
        (await again.read('a')).map((e) => [e.seq, e.type, e.v, e.data]),
        [
          [1, 'x', 1, { n: 1 }],
          [2, 'y', 3, { n: 2 }],
          [3, 'z', 1, { n: [3] }],
        ],
      );
      assert.deepEqual(
        (await again.read('a', 2)).map((e) => e.seq),
        [3],
      );
      const run = (await again.getRun('a'))!;
      assert.equal(run.lastSeq, 3);
      assert.deepEqual(run.options, { concurrency: 2 });
      assert.deepEqual(await again.countEvents('a', ['x', 'y', 'w']), { x: 1, y: 1, w: 0 });
      await again.close();
    });

    it('writes nothing of a batch that cannot be stored, and refuses unknown runs', async () => {
      const log = await backend.open();
      await log.createRun(newRun('a'));
      const cyclic: Record<string, unknown> = {};
      cyclic.self = cyclic;
      await assert.rejects(log.append('a', [ev('ok', {}), ev('bad', cyclic)]));
      assert.equal((await log.read('a')).length, 0);
      assert.equal((await log.getRun('a'))!.lastSeq, 0);
      await assert.rejects(log.append('nope', [ev('x', {})]), /no run 'nope'/);
      await log.close();
    });

    it('keeps the work.product events of a run apart, in order, with the batch that wrote them', async () => {
      const log = await backend.open();
      await log.createRun(newRun('a'));
      await log.createRun(newRun('b'));
      const product = (stepId: string, title: string) =>
        ev('work.product', {
          stepId,
          agent: 'w',
          action: 'write',
          args: ['x'],
          title,
          markdown: `# ${title}`,
        });
      await log.append('a', [ev('step.finished', {}), product('s1', 'One')]);
      await log.append('b', [product('s1', 'Other run')]);
      await log.append('a', [product('s2', 'Two'), ev('facts.changed', {})]);
      const cyclic: Record<string, unknown> = {};
      cyclic.self = cyclic;
      await assert.rejects(log.append('a', [product('s3', 'Lost'), ev('bad', cyclic)]));
      const again = backend.reopen ? await backend.reopen(log) : log;
      assert.deepEqual(
        (await again.products('a')).map((e) => [
          e.seq,
          e.type,
          (e.data as { title: string }).title,
        ]),
        [
          [2, 'work.product', 'One'],
          [3, 'work.product', 'Two'],
        ],
      );
      assert.equal((await again.products('b')).length, 1);
      assert.deepEqual(await again.products('none'), []);
      await again.close();
    });

    it('lists runs newest first and keeps their status', async () => {
      const log = await backend.open();
      await log.createRun(newRun('old', '2026-01-01T00:00:00.000Z'));
      await log.createRun(newRun('new', '2026-02-01T00:00:00.000Z'));
      await log.setStatus('old', 'interrupted');
      assert.deepEqual(
        (await log.listRuns()).map((r) => [r.id, r.status]),
        [
          ['new', 'running'],
          ['old', 'interrupted'],
        ],
      );
      assert.equal(await log.getRun('none'), undefined);
      await log.close();
    });

    it('tells live listeners about new events, in order, after the write', async () => {
      const log = await backend.open();
      await log.createRun(newRun('a'));
      const heard: number[] = [];
      const all: string[] = [];
      const off = log.subscribe('a', (e) => heard.push(e.seq));
      const offAll = log.subscribe('*', (e) => all.push(`${e.runId}:${e.seq}`));
      await log.append('a', [ev('x', {}), ev('x', {})]);
      off();
      await log.append('a', [ev('x', {})]);
      offAll();
      assert.deepEqual(heard, [1, 2]);
      assert.deepEqual(all, ['a:1', 'a:2', 'a:3']);
      await log.close();
    });

    it('keeps approval decisions', async () => {
      const log = await backend.open();
      await log.createRun(newRun('a'));
      assert.equal(await log.decision('a', 's1'), undefined);
      await log.decide('a', 's1', { approved: false, by: 'ann', reason: 'no' });
      assert.deepEqual(
        { ...(await log.decision('a', 's1'))!, at: '' },
        { approved: false, by: 'ann', reason: 'no', at: '' },
      );
      await log.decide('a', 's2', { approved: true });
      assert.deepEqual(
        { ...(await log.decision('a', 's2'))!, at: '' },
        { approved: true, by: null, reason: null, at: '' },
      );
      await log.close();
    });

    it('leases a run to one owner at a time; a lost lease cannot append', async () => {
      const log = await backend.open();
      await log.createRun(newRun('a'));
      const first = (await log.claim('a', 'w1', 60_000))!;
      assert.equal(first.owner, 'w1');
      assert.equal(await log.claim('a', 'w2', 60_000), undefined, 'held by w1');
      const renewed = (await log.renew(first, 60_000))!;
      assert.equal(renewed.token, first.token);
      await log.append('a', [ev('x', {})], { lease: renewed });
      await log.release(renewed);
      const second = (await log.claim('a', 'w2', 60_000))!;
      assert.ok(second.token > first.token, 'a new holder gets a larger token');
      assert.equal(await log.renew(first, 60_000), undefined, 'w1 lost it');
      await assert.rejects(log.append('a', [ev('x', {})], { lease: first }), LeaseLostError);
      assert.equal((await log.read('a')).length, 1, 'the refused append wrote nothing');
      await log.close();
    });

    it('lets another owner take an expired lease, and racing claimers get one winner', async () => {
      const log = await backend.open();
      await log.createRun(newRun('a'));
      const short = (await log.claim('a', 'w1', 1))!;
      await new Promise((r) => setTimeout(r, 20));
      const taken = (await log.claim('a', 'w2', 60_000))!;
      assert.equal(taken.owner, 'w2');
      await assert.rejects(log.append('a', [ev('x', {})], { lease: short }), LeaseLostError);
      await log.createRun(newRun('b'));
      const claims = await Promise.all(['p', 'q', 'r', 's'].map((o) => log.claim('b', o, 60_000)));
      assert.equal(claims.filter((c) => c !== undefined).length, 1);
      await log.close();
    });
  });
}
