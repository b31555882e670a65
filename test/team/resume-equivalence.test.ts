import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { loadMission, readEvents, resumeRun, startRun } from '../../src/team/index.js';
import type { Mission, RunEvent, RunStore, RunSummary } from '../../src/team/index.js';
import { tempStore } from './helpers.js';
import { atelier, atelierAsync } from '../helpers/cli.js';
import { openRunStore } from '../../src/store/index.js';
import { getRun } from '../../src/team/index.js';

// A resumed run must be the run that was interrupted: the same world (surprises keyed by
// what happens, not by how often the process tried), the same plans, the same steps with
// the same outcomes, the same end. Killed at random points across seeds 1-12.

const PARIS = resolve(import.meta.dirname, '../../examples/paris-office');

/** Thrown by a store whose process "died": nothing after it is written. */
class Killed extends Error {}

/**
 * The store of a process killed after its `limit`-th write (a transaction): later writes
 * are lost. `writes()` tells how many writes were asked for.
 */
function killedAfter(store: RunStore, limit: number): { store: RunStore; writes: () => number } {
  let writes = 0;
  const gate = (): void => {
    if (++writes > limit) throw new Killed(`killed after write ${limit}`);
  };
  return {
    writes: () => writes,
    store: {
      ...store,
      createRun: async (...a) => (gate(), store.createRun(...a)),
      append: async (...a) => (gate(), store.append(...a)),
      setStatus: async (...a) => (gate(), store.setStatus(...a)),
      decide: async (...a) => (gate(), store.decide(...a)),
    },
  };
}

/** What a run did, comparable across runs: its plans and each executed step's outcome. */
function story(events: RunEvent[], summary: RunSummary) {
  const steps = events
    .filter((e) => e.type === 'step.finished' || e.type === 'step.failed')
    .map((e) => {
      const d = e.data as { stepId: string; action: string; args: string[]; reason?: string };
      return `${d.stepId} (${[d.action, ...d.args].join(' ')}) ${e.type === 'step.failed' ? `failed: ${d.reason}` : 'done'}`;
    })
    .sort((a, b) => Number(a.split(' ')[0]!.slice(1)) - Number(b.split(' ')[0]!.slice(1)));
  const plans = events
    .filter((e) => e.type === 'plan.made')
    .map((e) => {
      const d = e.data as {
        version: number;
        reason: string;
        steps: { id: string; action: string; args: string[] }[];
      };
      return `v${d.version} ${d.reason}: ${d.steps.map((s) => `${s.id}(${[s.action, ...s.args].join(' ')})`).join(' ')}`;
    });
  const { status, steps: count, replans, reason, whyNot } = summary;
  return { status, count, replans, reason, whyNot, plans, steps };
}

/** A small deterministic generator, so a failure names the kill points to reproduce it. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function uninterrupted(mission: Mission, store: RunStore, seed: number) {
  const counted = killedAfter(store, Infinity);
  const handle = await startRun(mission, {
    store: counted.store,
    seed,
    approve: 'auto',
    timeScale: 0,
  });
  const summary = await handle.done;
  return { summary, events: await readEvents(store, handle.id), writes: counted.writes() };
}

describe('resume reproduces the run', () => {
  it('killed at random points, seeds 1-12: same plans, same steps and outcomes, same end', async () => {
    const mission = await loadMission(PARIS);
    const { store } = tempStore();
    const next = random(20261202);
    const failures: string[] = [];
    for (let seed = 1; seed <= 12; seed++) {
      const whole = await uninterrupted(mission, store, seed);
      const expected = story(whole.events, whole.summary);
      for (let k = 0; k < 2; k++) {
        const n = 1 + Math.floor(next() * (whole.writes - 2));
        const handle = await startRun(mission, {
          store: killedAfter(store, n).store,
          seed,
          approve: 'auto',
          timeScale: 0,
        });
        await assert.rejects(handle.done, Killed);
        const resumed = await resumeRun(store, handle.id, {
          mission,
          approve: 'auto',
          timeScale: 0,
        });
        const summary = await resumed.done;
        const got = story(await readEvents(store, handle.id), summary);
        try {
          assert.deepEqual(got, expected);
        } catch (err) {
          failures.push(
            `seed ${seed}, killed after write ${n}: ${(err as Error).message.slice(0, 1500)}`,
          );
        }
      }
    }
    assert.deepEqual(failures, []);
    await store.close();
  });

  it('killed with SIGKILL in a step of atelier run, atelier resume ends as the whole run does', async () => {
    const { dir, store: probe } = tempStore();
    probe.close();
    const db = join(dir, 'atelier.db');
    const args = ['examples/paris-office', '--approve-all', '--no-report', '--seed', '7'];
    const whole = atelier(['run', ...args, '--time-scale', '0', '--db', db]);
    assert.equal(whole.status, 0, whole.stderr);
    let runId = '';
    const killed = atelierAsync(['run', ...args, '--time-scale', '0.3', '--json', '--db', db], {
      onLine: (line) => {
        runId ||= /"runId":"(run-[^"]+)"/.exec(line)?.[1] ?? '';
        // In the middle of the first round, while steps are in flight.
        if (line.includes('"type":"step.finished"') && line.includes('"stepId":"s4"'))
          killed.child.kill('SIGKILL');
      },
    });
    assert.equal((await killed.done).signal, 'SIGKILL');
    const resumed = atelier([
      'resume',
      runId,
      '--approve-all',
      '--no-report',
      '--time-scale',
      '0',
      '--db',
      db,
    ]);
    assert.equal(resumed.status, 0, resumed.stderr);
    const store = openRunStore(db);
    try {
      const [other] = (await (await import('../../src/team/index.js')).listRuns(store)).filter(
        (r) => r.id !== runId,
      );
      const storyOf = async (id: string) => {
        const events = await readEvents(store, id);
        const end = events.find((e) => e.type === 'run.finished')!.data as unknown as RunSummary;
        return story(events, end);
      };
      assert.equal((await getRun(store, runId))!.status, 'succeeded');
      assert.deepEqual(await storyOf(runId), await storyOf(other!.id));
    } finally {
      await store.close();
    }
  });
});
