/**
 * Store-size benchmark: does starting a run or listing runs get slower as the store
 * fills? A store is filled with N finished runs (each a copy of a real run's ~100
 * events), then the HTTP API (in this process, on loopback) is timed: POST /api/runs
 * (start a run of the PDDL example mission) and GET /api/runs (its latency and size).
 *
 *   npm run bench:store [-- --runs 0,1000,2000,4000 --starts 40]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startServer } from '../src/server/index.js';
import { openRunStore } from '../src/store/index.js';
import { loadMission, readEvents, startRun } from '../src/team/index.js';
import type { NewEvent, RunStore } from '../src/team/index.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '0,1000,2000,4000' },
    starts: { type: 'string', default: '40' },
  },
});
const SIZES = values.runs.split(',').map(Number);
const STARTS = Number(values.starts);
if (SIZES.some((n) => !Number.isInteger(n) || n < 0 || n > 100_000) || !(STARTS > 0)) {
  console.error('bench:store: --runs takes sizes from 0 to 100000, --starts a positive number');
  process.exit(2);
}
const TOKEN = 'bench-token';
const MISSION = join(import.meta.dirname, '..', 'examples', 'pddl-mission');

/** Fills the store up to `n` runs, copying the events of one real run into each. */
async function fill(store: RunStore, n: number, template: NewEvent[]): Promise<void> {
  let have = (await store.listRuns()).length;
  for (; have < n; have++) {
    const id = `run-bench-${String(have).padStart(6, '0')}`;
    await store.createRun({
      id,
      mission: 'pddl-mission',
      missionDir: null,
      status: 'succeeded',
      seed: 1,
      goal: '(and)',
      options: {},
      startedAt: new Date(Date.UTC(2025, 0, 1) + have * 1000).toISOString(),
    });
    await store.append(id, template);
  }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-bench-store-'));
  const store = openRunStore(join(dir, 'bench.db'));
  try {
    const mission = await loadMission(MISSION);
    const real = await startRun(mission, { store, approve: 'auto', timeScale: 0 });
    await real.done;
    const template = (await readEvents(store, real.id)).map((e) => ({
      type: e.type,
      v: e.v,
      data: e.data,
    }));
    const server = await startServer({ token: TOKEN, port: 0, runs: { store, timeScale: 0 } });
    const call = async (path: string, body?: unknown): Promise<Response> =>
      fetch(`${server.url}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    console.log(
      `bench:store  (${template.length} events per stored run, ${STARTS} starts per size)`,
    );
    for (const size of SIZES) {
      await fill(store, size, template);
      const starts: number[] = [];
      const t0 = performance.now();
      for (let i = 0; i < STARTS; i++) {
        const t = performance.now();
        const res = await call('/api/runs', { mission: 'pddl-mission' });
        await res.arrayBuffer();
        if (res.status !== 201) throw new Error(`POST /api/runs: ${res.status}`);
        starts.push(performance.now() - t);
      }
      const rate = STARTS / ((performance.now() - t0) / 1000);
      const lists: number[] = [];
      let bytes = 0;
      for (let i = 0; i < 10; i++) {
        const t = performance.now();
        const res = await call('/api/runs');
        bytes = (await res.arrayBuffer()).byteLength;
        lists.push(performance.now() - t);
      }
      console.log(
        `  ${String((await store.listRuns()).length).padStart(6)} runs stored: POST /api/runs median ${median(starts).toFixed(1)} ms (${rate.toFixed(1)} starts/s)   GET /api/runs median ${median(lists).toFixed(1)} ms, ${(bytes / 1024).toFixed(1)} KB`,
      );
    }
    await server.close();
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
