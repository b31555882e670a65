/**
 * Scale benchmark: N runs of the flagship mission (examples/paris-office, seeds 1-12 in
 * turn, approvals automatic, no simulated delays) on
 *   - SQLite, one process driving them all at once (startRun), and
 *   - Postgres, queued and driven by M `atelier worker` processes (each up to C at once),
 *     started before the runs are queued so their start-up is not counted.
 * For each: runs/s and events/s over the wall time from the first run recorded to the last
 * one finished, the p50/p99 latency of a one-event append made every 20 ms by a probe while
 * the runs go (what any writer waits), and for Postgres the most connections Atelier held.
 * Postgres: a throwaway cluster (test/helpers/pg-cluster.ts), or $ATELIER_BENCH_PG.
 * Run: npm run bench:scale [-- --runs 40 --workers 1,2 --concurrency 4]
 */
import { mkdtempSync } from 'node:fs';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openPostgresRunLog, openRunStore } from '../src/store/index.js';
import { loadMission, queueRun, startRun } from '../src/team/index.js';
import type { Mission, RunLog } from '../src/team/index.js';
import { startPgCluster } from '../test/helpers/pg-cluster.js';

const ROOT = resolve(import.meta.dirname, '..');
const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '40' },
    workers: { type: 'string', default: '1,2' },
    concurrency: { type: 'string', default: '4' },
  },
});
const N = Number(args.runs);
const WORKERS = args.workers.split(',').map(Number);
const C = Number(args.concurrency);

interface Figures {
  setup: string;
  seconds: number;
  runs: number;
  events: number;
  p50: number;
  p99: number;
  connections?: number;
}

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

/** Appends one event every 20 ms to a run of its own, timing each, until stopped. */
function probe(log: RunLog): { stop: () => Promise<number[]> } {
  const times: number[] = [];
  let going = true;
  const loop = (async () => {
    await log.createRun({
      id: `probe-${Date.now()}`,
      mission: 'probe',
      missionDir: null,
      status: 'succeeded',
      seed: 0,
      goal: '(and)',
      options: {},
      startedAt: '2000-01-01T00:00:00.000Z',
    });
    const id = (await log.listRuns()).find((r) => r.mission === 'probe')!.id;
    while (going) {
      const t = performance.now();
      await log.append(id, [{ type: 'probe', v: 1, data: { t } }]);
      times.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  return {
    stop: async () => {
      going = false;
      await loop;
      return times;
    },
  };
}

async function totals(log: RunLog, ids: ReadonlySet<string>) {
  const runs = (await log.listRuns()).filter((r) => ids.has(r.id));
  const done = runs.filter((r) => r.status === 'succeeded' || r.status === 'failed');
  return { done: done.length, events: runs.reduce((n, r) => n + r.lastSeq, 0) };
}

async function sqlite(mission: Mission): Promise<Figures> {
  const log = openRunStore(join(mkdtempSync(join(tmpdir(), 'atelier-scale-')), 'a.db'));
  const p = probe(log);
  const t = performance.now();
  const handles = await Promise.all(
    Array.from({ length: N }, (_, i) =>
      startRun(mission, { store: log, seed: (i % 12) + 1, approve: 'auto', timeScale: 0 }),
    ),
  );
  await Promise.all(handles.map((h) => h.done));
  const seconds = (performance.now() - t) / 1000;
  const lat = await p.stop();
  const { events } = await totals(log, new Set(handles.map((h) => h.id)));
  await log.close();
  return {
    setup: 'SQLite, 1 process',
    seconds,
    runs: N,
    events,
    p50: pct(lat, 50),
    p99: pct(lat, 99),
  };
}

function startWorker(url: string): Promise<ChildProcess> {
  const child = spawn(
    join(ROOT, 'bin/atelier'),
    ['worker', '--db', url, '--concurrency', String(C), '--lease-ms', '30000'],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((res, rej) => {
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (d: string) => {
      if (d.includes('atelier worker')) res(child);
    });
    child.once('exit', (code) => rej(new Error(`worker exited (${code})`)));
  });
}

async function postgres(mission: Mission, url: string, workers: number): Promise<Figures> {
  const log = await openPostgresRunLog(url);
  const procs = await Promise.all(Array.from({ length: workers }, () => startWorker(url)));
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  let connections = 0;
  const sampling = setInterval(() => {
    void admin
      .query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'atelier'",
      )
      .then(
        (r) => (connections = Math.max(connections, r.rows[0]!.n)),
        () => undefined,
      );
  }, 100);
  const p = probe(log);
  const t = performance.now();
  const ids = new Set<string>();
  for (let i = 0; i < N; i++)
    ids.add(
      await queueRun(mission, { store: log, seed: (i % 12) + 1, approve: 'auto', timeScale: 0 }),
    );
  for (;;) {
    if ((await totals(log, ids)).done === N) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const seconds = (performance.now() - t) / 1000;
  clearInterval(sampling);
  const lat = await p.stop();
  const { events } = await totals(log, ids);
  for (const w of procs) w.kill('SIGTERM');
  await Promise.all(procs.map((w) => new Promise((r) => w.once('exit', r))));
  await admin.end();
  await log.close();
  return {
    setup: `Postgres, ${workers} worker${workers === 1 ? '' : 's'} × ${C}`,
    seconds,
    runs: N,
    events,
    p50: pct(lat, 50),
    p99: pct(lat, 99),
    connections,
  };
}

const mission = await loadMission(join(ROOT, 'examples/paris-office'));
const rows: Figures[] = [await sqlite(mission)];
const cluster = process.env.ATELIER_BENCH_PG ? undefined : await startPgCluster();
if (typeof cluster === 'string') console.log(`Postgres skipped: ${cluster}`);
else {
  for (const w of WORKERS) {
    const url = process.env.ATELIER_BENCH_PG ?? (await cluster!.freshUrl());
    rows.push(await postgres(mission, url, w));
  }
  cluster?.stop();
}
console.log(
  `${N} runs of paris-office (timeScale 0, auto-approve); load average ${(await import('node:os')).loadavg()[0]!.toFixed(1)}`,
);
console.log(
  'setup                      | wall s | runs/s | events/s | append p50 ms | p99 ms | connections',
);
for (const r of rows)
  console.log(
    `${r.setup.padEnd(26)} | ${r.seconds.toFixed(1).padStart(6)} | ${(r.runs / r.seconds).toFixed(2).padStart(6)} | ${(r.events / r.seconds).toFixed(0).padStart(8)} | ${r.p50.toFixed(1).padStart(13)} | ${r.p99.toFixed(1).padStart(6)} | ${r.connections ?? '-'}`,
  );
