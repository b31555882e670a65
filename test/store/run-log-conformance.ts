/**
 * What every implementation of the team's RunLog port must do, as one suite: the SQLite
 * store runs it (run-log-sqlite.test.ts); another backend runs the same cases.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { NewEvent, NewRun, RunLog } from '../../src/team/index.js';
import { LeaseLostError } from '../../src/team/index.js';
import { stepQueueConformance } from './step-queue-conformance.js';

export interface RunLogBackend {
  /** A fresh, empty log. */
  open(): Promise<RunLog>;
  /** The same log opened again (another handle on the same data), when the backend persists. */
  reopen?(log: RunLog): Promise<RunLog>;
  /** Another handle on the same data, open at the same time (another process would hold one). */
  other(log: RunLog): Promise<RunLog>;
  /** Whether a listener hears events appended through another handle (another process). */
  liveAcrossHandles: boolean;
}

const until = async (ok: () => boolean, what: string, ms = 20_000): Promise<void> => {
  const start = Date.now();
  while (!ok()) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

export const newRun = (
  id: string,
  startedAt = new Date().toISOString(),
  status: NewRun['status'] = 'running',
): NewRun => ({
  id,
  mission: 'm',
  missionDir: null,
  status,
  seed: 1,
  goal: '(and)',
  options: { concurrency: 2 },
  startedAt,
});

const ev = (type: string, data: unknown, v = 1): NewEvent => ({ type, v, data });

export function runLogConformance(name: string, backend: RunLogBackend): void {
  describe(`RunLog conformance: ${name}`, () => {
    stepQueueConformance(backend);
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

    it('creates a run with its first event in one write, or neither', async () => {
      const log = await backend.open();
      const heard: number[] = [];
      log.subscribe('*', (e) => heard.push(e.seq));
      const first = await log.createRun(newRun('a'), ev('run.started', { seed: 1 }));
      assert.deepEqual([first?.seq, first?.type, first?.data], [1, 'run.started', { seed: 1 }]);
      assert.equal((await log.getRun('a'))!.lastSeq, 1);
      assert.deepEqual(heard, [1]);
      await assert.rejects(log.createRun(newRun('a'), ev('run.started', { seed: 2 })));
      assert.deepEqual(
        (await log.read('a')).map((e) => e.data),
        [{ seed: 1 }],
      );
      assert.equal(await log.createRun(newRun('b')), undefined);
      assert.equal((await log.getRun('b'))!.lastSeq, 0);
      await log.close();
    });

    it('pages runs newest first, a page after a run', async () => {
      const log = await backend.open();
      for (let i = 1; i <= 5; i++)
        await log.createRun(newRun(`r${i}`, `2026-0${i}-01T00:00:00.000Z`));
      const first = await log.listRuns({ limit: 2 });
      assert.deepEqual(
        first.map((r) => r.id),
        ['r5', 'r4'],
      );
      const last = first[first.length - 1]!;
      const next = await log.listRuns({
        limit: 2,
        before: { startedAt: last.startedAt, id: last.id },
      });
      assert.deepEqual(
        next.map((r) => r.id),
        ['r3', 'r2'],
      );
      const end = await log.listRuns({
        limit: 9,
        before: { startedAt: next[1]!.startedAt, id: 'r2' },
      });
      assert.deepEqual(
        end.map((r) => r.id),
        ['r1'],
      );
      await log.close();
    });

    it('hands each waiting run to one of racing workers; racing claims on two handles get one winner', async () => {
      const log = await backend.open();
      const other = await backend.other(log);
      await log.createRun(newRun('queued', undefined, 'queued'));
      await log.createRun(newRun('interrupted', undefined, 'interrupted'));
      await log.createRun(newRun('driven', undefined, 'running')); // by a process without a lease
      await log.createRun(newRun('done', undefined, 'succeeded'));
      await log.createRun(newRun('orphan', undefined, 'running'));
      await log.createRun(newRun('held', undefined, 'running'));
      await log.claim('orphan', 'dead-worker', 1); // its holder died: the lease expires
      await log.claim('held', 'live-worker', 60_000);
      await new Promise((r) => setTimeout(r, 20));
      const claims = await Promise.all(
        Array.from({ length: 8 }, (_, i) => (i % 2 ? other : log).claimNext(`w${i}`, 60_000)),
      );
      const won = claims.filter((c) => c !== undefined).map((c) => c.runId);
      assert.deepEqual([...won].sort(), ['interrupted', 'orphan', 'queued']);
      assert.equal(await log.claimNext('late', 60_000), undefined);
      const orphan = claims.find((c) => c?.runId === 'orphan')!;
      assert.ok(orphan.token >= 2, 'the taker of an expired lease gets a new token');
      await log.createRun(newRun('contested'));
      const race = await Promise.all(
        ['p', 'q', 'r', 's'].map((o, i) => (i % 2 ? other : log).claim('contested', o, 60_000)),
      );
      assert.equal(race.filter((c) => c !== undefined).length, 1);
      await other.close();
      await log.close();
    });

    it(
      `a listener hears events appended through another handle${backend.liveAcrossHandles ? '' : ' (not this backend: skipped)'}`,
      { skip: !backend.liveAcrossHandles },
      async () => {
        const log = await backend.open();
        const writer = await backend.other(log);
        await log.createRun(newRun('a'));
        await log.createRun(newRun('b'));
        const heard: number[] = [];
        const all: string[] = [];
        const off = log.subscribe('a', (e) => heard.push(e.seq));
        log.subscribe('*', (e) => all.push(`${e.runId}:${e.seq}`));
        // Listening starts in the background: write until the listener hears, then some more.
        while (heard.length === 0) {
          await writer.append('a', [ev('x', {})]);
          await new Promise((r) => setTimeout(r, 30));
        }
        const firstHeard = heard[0]!;
        await writer.append('a', [ev('x', {}), ev('x', {})]);
        await writer.append('b', [ev('y', {})]);
        await writer.append('a', [ev('x', {})]);
        const last = (await log.getRun('a'))!.lastSeq;
        await until(() => heard[heard.length - 1] === last, 'the last event of a');
        await until(() => all.includes('b:1'), 'the event of b');
        const expected = Array.from({ length: last - firstHeard + 1 }, (_, i) => firstHeard + i);
        assert.deepEqual(heard, expected, 'each event once, in order');
        off();
        await writer.close();
        await log.close();
      },
    );
  });
}
