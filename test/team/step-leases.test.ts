/**
 * Steps run by any worker, on a SQLite store shared by handles as processes would share
 * it: a run driven by a worker that runs no step has all its steps run by another
 * worker, with the step's identity as idempotency key and the same story as the run done
 * in one process; a step whose worker died (its lease claimed, never completed) is taken
 * over once its lease expires; stopping a worker lets a step in flight finish within the
 * grace (recorded, never run again), or releases it past the grace (run again by the
 * next worker, its side effect not done twice).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openRunStore } from '../../src/store/index.js';
import { loadMission, queueRun, readEvents, runWorker } from '../../src/team/index.js';
import type { ClaimedStep, RunEvent, RunLog } from '../../src/team/index.js';
import { referenceRunEvents } from '../helpers/reference-run.js';

const RELAY = resolve(import.meta.dirname, 'fixtures/relay');
const PARIS = resolve(import.meta.dirname, '../../examples/paris-office');

/** One step claimed, or undefined. */
const claimOne = async (
  log: RunLog,
  owner: string,
  ttlMs: number,
): Promise<ClaimedStep | undefined> => (await log.claimSteps(owner, ttlMs, 1))[0];

function tempStore(): { file: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-steps-'));
  return { dir, file: join(dir, 'a.db') };
}

/** The side effects the relay world wrote: key -> how many times. */
function effects(file: string): Map<string, number> {
  const out = new Map<string, number>();
  if (!existsSync(file)) return out;
  for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
    const { key } = JSON.parse(line) as { key: string };
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

const story = (events: readonly RunEvent[]): string[] =>
  events
    .filter((e) => e.type === 'step.finished' || e.type === 'step.failed' || e.type === 'plan.made')
    .map((e) => {
      const d = e.data as { stepId?: string; version?: number };
      return e.type === 'plan.made' ? `plan v${d.version}` : `${e.type} ${d.stepId}`;
    })
    .sort();

async function until(ok: () => boolean | Promise<boolean>, what: string, ms = 60_000) {
  const start = Date.now();
  while (!(await ok())) {
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function finished(log: RunLog, runId: string): Promise<boolean> {
  const s = (await log.getRun(runId))?.status;
  return s === 'succeeded' || s === 'failed';
}

describe('steps run by any worker (SQLite)', () => {
  it('a driver that runs no step: another worker runs them all, and the run ends as in one process', async () => {
    const { file } = tempStore();
    const mission = await loadMission(PARIS);
    const expected = story(await referenceRunEvents(mission, 7));
    const coordLog = openRunStore(file);
    const stepLog = openRunStore(file);
    const runId = await queueRun(mission, {
      store: coordLog,
      seed: 7,
      approve: 'auto',
      timeScale: 0,
    });
    const stop = new AbortController();
    const coordSteps: string[] = [];
    const ranSteps: string[] = [];
    const coordinator = runWorker(coordLog, {
      owner: 'coordinator',
      concurrency: 1,
      steps: 0,
      signal: stop.signal,
      onStep: (key) => coordSteps.push(key),
    });
    const stepper = runWorker(stepLog, {
      owner: 'stepper',
      concurrency: 0,
      steps: 3,
      signal: stop.signal,
      onStep: (key, what) => void (what === 'taken' || ranSteps.push(`${key} ${what}`)),
    });
    await until(() => finished(coordLog, runId), 'the run to end');
    stop.abort();
    await Promise.all([coordinator, stepper]);
    const events = await readEvents(coordLog, runId);
    assert.deepEqual(story(events), expected);
    assert.equal((await coordLog.getRun(runId))!.status, 'succeeded');
    assert.deepEqual(coordSteps, []);
    const stepIds = events
      .filter((e) => e.type === 'step.started')
      .map((e) => (e.data as { stepId: string }).stepId);
    assert.deepEqual(
      [...ranSteps].sort(),
      [...new Set(stepIds)].map((s) => `${runId}/${s} done`).sort(),
    );
    await coordLog.close();
    await stepLog.close();
  });

  it('a step whose worker died is taken over once its step lease expires, with the same key', async () => {
    const { dir, file } = tempStore();
    process.env.ATELIER_TEST_EFFECTS = join(dir, 'effects.jsonl');
    const log = openRunStore(file);
    const mission = await loadMission(RELAY);
    const runId = await queueRun(mission, { store: log, seed: 1, approve: 'auto', timeScale: 0 });
    const stop = new AbortController();
    const coordinator = runWorker(log, {
      owner: 'c',
      concurrency: 1,
      steps: 0,
      signal: stop.signal,
    });
    // A worker that claims the first offered step and dies: it never completes it.
    let dead: ClaimedStep | undefined;
    await until(async () => (dead = await claimOne(log, 'dead', 300)) !== undefined, 'an offer');
    const stepper = runWorker(openRunStore(file), {
      owner: 'alive',
      concurrency: 0,
      steps: 2,
      signal: stop.signal,
    });
    await until(() => finished(log, runId), 'the run to end');
    stop.abort();
    await Promise.all([coordinator, stepper]);
    assert.equal((await log.getRun(runId))!.status, 'succeeded');
    const [taken] = await log.stepResults([{ runId, stepId: dead!.stepId }]);
    assert.equal(taken!.by, 'alive');
    assert.equal(await log.completeStep(dead!.lease, { outcome: { ok: true }, usage: [] }), false);
    const done = effects(process.env.ATELIER_TEST_EFFECTS);
    assert.equal(done.get(dead!.key), 1, 'the dead worker did nothing; the taker did it once');
    assert.equal(done.size, 7);
    assert.ok([...done.values()].every((n) => n === 1));
    delete process.env.ATELIER_TEST_EFFECTS;
    await log.close();
  });

  for (const graceful of [true, false])
    it(
      graceful
        ? 'stopping a worker lets its step in flight finish within the grace: recorded, never run again'
        : 'stopping a worker past the grace releases its step in flight: the next worker runs it',
      async () => {
        const { dir, file } = tempStore();
        process.env.ATELIER_TEST_EFFECTS = join(dir, 'effects.jsonl');
        const log = openRunStore(file);
        const mission = await loadMission(RELAY);
        // One step at a time, each 2 s before its effect (100 ms x 20): w1 is stopped
        // before the effect; the next worker runs the rest without delays.
        const runId = await queueRun(mission, {
          store: log,
          seed: 1,
          approve: 'auto',
          timeScale: 20,
          concurrency: 1,
        });
        const first = new AbortController();
        const lines: string[] = [];
        const w1 = runWorker(log, {
          owner: 'w1',
          concurrency: 1,
          steps: 1,
          graceMs: graceful ? 60_000 : 1,
          signal: first.signal,
          onStep: (key, what) => lines.push(`${key} ${what}`),
        });
        await until(() => lines.length > 0, 'a step in flight');
        const key = lines[0]!.replace(/ taken$/, '');
        const inFlight = key.slice(runId.length + 1);
        first.abort();
        await w1;
        const [result] = await log.stepResults([{ runId, stepId: inFlight }]);
        if (graceful) {
          assert.deepEqual(lines, [`${key} taken`, `${key} done`]);
          assert.equal(result!.by, 'w1');
        } else {
          assert.deepEqual(lines, [`${key} taken`, `${key} released`]);
          assert.equal(result, undefined);
          assert.equal(effects(process.env.ATELIER_TEST_EFFECTS).get(key), undefined);
        }
        assert.equal((await log.getRun(runId))!.status, 'interrupted');
        const second = new AbortController();
        const w2 = runWorker(openRunStore(file), {
          owner: 'w2',
          concurrency: 1,
          steps: 2,
          signal: second.signal,
          loop: { timeScale: 0 },
        });
        await until(() => finished(log, runId), 'the run to end');
        second.abort();
        await w2;
        assert.equal((await log.getRun(runId))!.status, 'succeeded');
        const done = effects(process.env.ATELIER_TEST_EFFECTS);
        assert.equal(done.size, 7);
        assert.equal(done.get(key), 1, 'the step in flight was done once');
        assert.equal(
          (await log.stepResults([{ runId, stepId: inFlight }]))[0]!.by,
          graceful ? 'w1' : 'w2',
        );
        delete process.env.ATELIER_TEST_EFFECTS;
        await log.close();
      },
    );
});
