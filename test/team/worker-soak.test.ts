/**
 * The kill soak: a pool of `atelier worker` processes on Postgres finishes 16 runs of a
 * small mission while workers are killed with SIGKILL at random points (seeded), 20 times
 * or more, each replaced by a new one. Every run succeeds with all its steps; no completed
 * step is lost or recorded twice; and every side effect the mission's world did (one line
 * per execution, by idempotency key) is explained: once by the worker whose result was
 * recorded, more only by workers killed with the step in flight or that lost the step's
 * lease, and never after the result was recorded. The runs are queued as the kills go on
 * (the last after the 20th kill), so the count of kills does not depend on speed.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { openPostgresRunLog } from '../../src/store/index.js';
import { loadMission, queueRun, readEvents } from '../../src/team/index.js';
import type { RunLog } from '../../src/team/index.js';
import { atelierAsync } from '../helpers/cli.js';
import { startPgCluster } from '../helpers/pg-cluster.js';

const RELAY = resolve(import.meta.dirname, 'fixtures/relay');
const RUNS = 16;
const KILLS = 20;
/** Workers in the pool; a kill waits until all but two are up (a start takes seconds under load). */
const POOL = 5;

const cluster = await startPgCluster();
const skip = typeof cluster === 'string' ? cluster : false;
if (typeof cluster === 'string') console.log(`# ${cluster}`);
else after(() => cluster.stop());

/** mulberry32: the kills' timing and targets, the same for every run of the test. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Worker {
  pid: number;
  lines: string[];
  ready: () => boolean;
  kill: (s: NodeJS.Signals) => void;
  done: Promise<{ status: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

interface ResultRow {
  key: string;
  status: string;
  done_by: string;
  done_at: string;
}

/** Every run succeeded with its 7 steps, each finished once; one recorded result per step. */
async function checkRunsAndResults(
  log: RunLog,
  url: string,
  runIds: readonly string[],
): Promise<ResultRow[]> {
  // Every run succeeded with its 7 steps, each finished once.
  const finishedSteps = new Map<string, number>();
  for (const id of runIds) {
    assert.equal((await log.getRun(id))!.status, 'succeeded', id);
    const events = await readEvents(log, id);
    const fin = events.filter((e) => e.type === 'step.finished');
    const ids = fin.map((e) => (e.data as { stepId: string }).stepId);
    assert.equal(new Set(ids).size, ids.length, `${id}: a step finished twice`);
    assert.equal(ids.length, 7, `${id}: ${ids.length} steps finished`);
    for (const s of ids) finishedSteps.set(`${id}/${s}`, 0);
  }
  // The recorded results: one per finished step (none lost, none extra).
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const rows = (
    await db.query<{ key: string; status: string; done_by: string; done_at: string }>(
      'SELECT key, status, done_by, done_at FROM run_steps',
    )
  ).rows;
  await db.end();
  assert.deepEqual(rows.map((r) => r.key).sort(), [...finishedSteps.keys()].sort());
  assert.ok(rows.every((r) => r.status === 'done'));
  return rows;
}

/**
 * Side effects, by idempotency key, each explained: once by the worker whose result was
 * recorded, any other by a worker killed with the step in flight or that lost its lease,
 * none after the result was recorded. Returns how many repeats there were.
 */
function checkEffects(
  rows: readonly ResultRow[],
  effectsFile: string,
  killed: ReadonlySet<number>,
  all: readonly Worker[],
): number {
  const finishedSteps = new Set(rows.map((r) => r.key));
  // Side effects, by idempotency key: each explained.
  const pidOf = (owner: string) => Number(owner.split(':').at(-2));
  const lostBy = new Map<number, Set<string>>();
  for (const w of all)
    lostBy.set(
      w.pid,
      new Set(
        w.lines.filter((l) => / lost \(/.test(l)).map((l) => l.split(' ')[1]!.replace(/:$/, '')),
      ),
    );
  const effects = existsSync(effectsFile)
    ? readFileSync(effectsFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { key: string; pid: number; at: number })
    : [];
  let repeats = 0;
  for (const r of rows) {
    const mine = effects.filter((e) => e.key === r.key);
    const by = pidOf(r.done_by);
    assert.ok(
      mine.some((e) => e.pid === by),
      `${r.key}: no effect by the worker that recorded it`,
    );
    for (const e of mine) {
      // A worker that stalled past its lease may still finish its call after another worker
      // recorded the step (at least once): only it may act after the result was recorded.
      if (!lostBy.get(e.pid)?.has(r.key))
        assert.ok(e.at <= Number(r.done_at), `${r.key}: an effect after its result was recorded`);
      if (e.pid === by) continue;
      repeats++;
      assert.ok(
        killed.has(e.pid) || lostBy.get(e.pid)?.has(r.key),
        `${r.key}: repeated by ${e.pid}, which was neither killed nor lost the step`,
      );
    }
  }
  assert.ok(
    effects.every((e) => finishedSteps.has(e.key)),
    'an effect of no finished step',
  );
  return repeats;
}

describe('worker pool on Postgres under SIGKILL', { skip }, () => {
  it('finishes every run; completed steps are kept; side effects repeat only for steps in flight', async () => {
    const c = cluster as Exclude<typeof cluster, string>;
    const url = await c.freshUrl();
    const effectsFile = join(mkdtempSync(join(tmpdir(), 'atelier-soak-')), 'effects.jsonl');
    const log = await openPostgresRunLog(url);
    const mission = await loadMission(RELAY);
    const spawnWorker = (): Worker => {
      const lines: string[] = [];
      const w = atelierAsync(
        ['worker', '--db', url, '--lease-ms', '1500', '--concurrency', '3', '--steps', '3'],
        { env: { ATELIER_TEST_EFFECTS: effectsFile }, onLine: (l) => lines.push(l) },
      );
      return {
        pid: w.child.pid!,
        lines,
        ready: () => lines.length > 0,
        kill: (s) => w.child.kill(s),
        done: w.done,
      };
    };
    const all: Worker[] = [];
    let live: Worker[] = [];
    for (let i = 0; i < POOL; i++) live.push(spawnWorker());
    all.push(...live);
    const killed = new Set<number>();
    const runIds: string[] = [];
    const queue = async () =>
      runIds.push(
        await queueRun(mission, { store: log, seed: runIds.length, approve: 'auto', timeScale: 2 }),
      );
    const ended = async () => {
      for (const id of runIds) {
        const s = (await log.getRun(id))!.status;
        if (s !== 'succeeded' && s !== 'failed') return false;
      }
      return runIds.length === RUNS;
    };
    const random = rng(13);
    const started = Date.now();
    // Whatever happens, no worker outlives the test.
    after(() => {
      for (const w of live) w.kill('SIGKILL');
    });
    // Runs are queued as the kills go on; kills go on until every run ended.
    while (!(await ended())) {
      assert.ok(Date.now() - started < 240_000, `the soak did not end: ${killed.size} kills`);
      const due = Math.min(RUNS, 4 + Math.floor((killed.size * (RUNS - 4)) / KILLS));
      while (runIds.length < due) await queue();
      await sleep(100 + random() * 600);
      const ready = live.filter((w) => w.ready());
      if (ready.length < POOL - 2) continue;
      const victim = ready[Math.floor(random() * ready.length)]!;
      victim.kill('SIGKILL');
      assert.equal((await victim.done).signal, 'SIGKILL');
      killed.add(victim.pid);
      const next = spawnWorker();
      all.push(next);
      live = [...live.filter((w) => w !== victim), next];
    }
    assert.ok(killed.size >= KILLS, `${killed.size} kills`);
    // A graceful stop of the pool (once each has started): every worker ends with status 0.
    while (!live.every((w) => w.ready())) await sleep(50);
    for (const w of live) w.kill('SIGTERM');
    for (const w of live) {
      const r = await w.done;
      assert.equal(r.status, 0, r.stderr);
    }

    const rows = await checkRunsAndResults(log, url, runIds);
    const repeats = checkEffects(rows, effectsFile, killed, all);
    console.log(
      `# ${runIds.length} runs, ${rows.length} steps, ${killed.size} kills, ${repeats} repeated effects (steps in flight at a kill), ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    await log.close();
  });
});
