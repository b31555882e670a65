/**
 * Scale benchmark: N concurrent runs of a small mission (test/team/fixtures/relay: 7 steps,
 * three in parallel, approvals automatic, no simulated delays), for N in --sizes, on
 *   - SQLite, one process driving them all at once (startRun), and
 *   - Postgres, queued at once and run by M `atelier worker` processes (each driving up to
 *     C runs and running up to S steps at once; the steps of any run go to any worker),
 *     started before the runs are queued so their start-up is not counted.
 * For each: runs/s over the wall time from the first run recorded to the last finished;
 * the step latency p50/p99 (step.started to its step.finished in the log: offer, claim,
 * tool, result, observation); the p50/p99 of a one-event append made every 20 ms by a
 * probe meanwhile; for Postgres the most connections Atelier held. A run that does not
 * succeed is counted and printed as an error.
 * Postgres: a throwaway cluster (test/helpers/pg-cluster.ts), or $ATELIER_BENCH_PG.
 * Run: npm run bench:scale [-- --sizes 10,100,1000 --workers 1,2,4 --concurrency 100 --steps 16]
 */
import { mkdtempSync } from 'node:fs';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { cpus, loadavg, tmpdir } from 'node:os';
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
    sizes: { type: 'string', default: '10,100,1000' },
    workers: { type: 'string', default: '1,2,4' },
    concurrency: { type: 'string', default: '100' },
    steps: { type: 'string', default: '16' },
    mission: { type: 'string', default: join(ROOT, 'test/team/fixtures/relay') },
  },
});
const SIZES = args.sizes.split(',').map(Number);
const WORKERS = args.workers.split(',').map(Number);
const C = Number(args.concurrency);
const S = Number(args.steps);

interface Figures {
  setup: string;
  seconds: number;
  runs: number;
  errors: number;
  events: number;
  step50: number;
  step99: number;
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

/** What the runs did, from their logs: failures and each step's latency (start to end). */
async function outcome(log: RunLog, ids: ReadonlySet<string>) {
  const latencies: number[] = [];
  let errors = 0;
  let events = 0;
  for (const id of ids) {
    const run = (await log.getRun(id))!;
    if (run.status !== 'succeeded') errors++;
    const log_ = await log.read(id);
    events += log_.length;
    const started = new Map<string, number>();
    for (const e of log_) {
      const stepId = (e.data as { stepId?: string }).stepId;
      if (stepId === undefined) continue;
      if (e.type === 'step.started') started.set(stepId, Date.parse(e.at));
      else if ((e.type === 'step.finished' || e.type === 'step.failed') && started.has(stepId))
        latencies.push(Date.parse(e.at) - started.get(stepId)!);
    }
  }
  return { errors, events, step50: pct(latencies, 50), step99: pct(latencies, 99) };
}

async function sqlite(mission: Mission, n: number): Promise<Figures> {
  const log = openRunStore(join(mkdtempSync(join(tmpdir(), 'atelier-scale-')), 'a.db'));
  const p = probe(log);
  const t = performance.now();
  const handles = await Promise.all(
    Array.from({ length: n }, (_, i) =>
      startRun(mission, { store: log, seed: i + 1, approve: 'auto', timeScale: 0 }),
    ),
  );
  await Promise.all(handles.map((h) => h.done.catch(() => undefined)));
  const seconds = (performance.now() - t) / 1000;
  const lat = await p.stop();
  const o = await outcome(log, new Set(handles.map((h) => h.id)));
  await log.close();
  return {
    setup: 'SQLite, 1 process',
    seconds,
    runs: n,
    ...o,
    p50: pct(lat, 50),
    p99: pct(lat, 99),
  };
}

function startWorker(url: string): Promise<ChildProcess> {
  const child = spawn(
    join(ROOT, 'bin/atelier'),
    [
      'worker',
      '--db',
      url,
      '--concurrency',
      String(C),
      '--steps',
      String(S),
      '--lease-ms',
      '30000',
    ],
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

/** The most connections Atelier's processes hold, sampled every 100 ms. */
async function connectionSampler(url: string) {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  let most = 0;
  const sampling = setInterval(() => {
    void admin
      .query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'atelier'",
      )
      .then(
        (r) => (most = Math.max(most, r.rows[0]!.n)),
        () => undefined,
      );
  }, 100);
  return {
    stop: async () => {
      clearInterval(sampling);
      await admin.end();
      return most;
    },
  };
}

async function postgres(
  mission: Mission,
  url: string,
  workers: number,
  n: number,
): Promise<Figures> {
  const log = await openPostgresRunLog(url);
  const procs = await Promise.all(Array.from({ length: workers }, () => startWorker(url)));
  const sampler = await connectionSampler(url);
  const p = probe(log);
  const t = performance.now();
  const ids = new Set<string>();
  for (let i = 0; i < n; i++)
    ids.add(await queueRun(mission, { store: log, seed: i + 1, approve: 'auto', timeScale: 0 }));
  while ((await totals(log, ids)).done < n) await new Promise((r) => setTimeout(r, 100));
  const seconds = (performance.now() - t) / 1000;
  const connections = await sampler.stop();
  const lat = await p.stop();
  for (const w of procs) w.kill('SIGTERM');
  await Promise.all(procs.map((w) => new Promise((r) => w.once('exit', r))));
  const o = await outcome(log, ids);
  await log.close();
  return {
    setup: `Postgres, ${workers} worker${workers === 1 ? '' : 's'}`,
    seconds,
    runs: n,
    ...o,
    p50: pct(lat, 50),
    p99: pct(lat, 99),
    connections,
  };
}

const mission = await loadMission(args.mission);
const cluster = process.env.ATELIER_BENCH_PG ? undefined : await startPgCluster();
if (typeof cluster === 'string') console.log(`Postgres skipped: ${cluster}`);
const rows: Figures[] = [];
const print = (r: Figures): void =>
  console.log(
    `${String(r.runs).padStart(5)} | ${r.setup.padEnd(20)} | ${r.seconds.toFixed(1).padStart(6)} | ${(r.runs / r.seconds).toFixed(1).padStart(6)} | ${String(r.errors).padStart(6)} | ${r.step50.toFixed(0).padStart(8)} | ${r.step99.toFixed(0).padStart(8)} | ${r.p50.toFixed(1).padStart(10)} | ${r.p99.toFixed(1).padStart(6)} | ${r.connections ?? '-'}`,
  );
console.log(
  `runs of ${mission.name} (7 steps, timeScale 0, auto-approve); workers: --concurrency ${C} --steps ${S}; ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)} at the start`,
);
console.log(
  ' runs | setup                | wall s | runs/s | errors | step p50 | step p99 | append p50 | p99 ms | connections',
);
for (const n of SIZES) {
  rows.push(await sqlite(mission, n));
  print(rows.at(-1)!);
  if (typeof cluster === 'string') continue;
  for (const w of WORKERS) {
    const url = process.env.ATELIER_BENCH_PG ?? (await cluster!.freshUrl());
    rows.push(await postgres(mission, url, w, n));
    print(rows.at(-1)!);
  }
}
if (typeof cluster !== 'string') cluster?.stop();
console.log(`load average ${loadavg()[0]!.toFixed(1)} at the end`);
