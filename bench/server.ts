/**
 * Server benchmark on loopback: requests per second and latency percentiles for
 * GET /api/runs/:id, and SSE fan-out (100 listeners following one live run, plus 100
 * listeners replaying a finished run's log). A small bounded load generator on
 * node:http keep-alive sockets; the server runs in the same process, as `atelier serve` does.
 *
 *   npm run bench:server [-- --seconds 5 --concurrency 32 --listeners 100]
 */
import http from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startServer } from '../src/server/index.js';
import { listExampleMissions, loadMission, openRunStore, readEvents, startRun } from '../src/team/index.js';
import { FLAGSHIP_MISSION } from '../src/cli/serve.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '32' },
    listeners: { type: 'string', default: '100' },
  },
});
const SECONDS = Number(values.seconds);
const CONCURRENCY = Number(values.concurrency);
const LISTENERS = Number(values.listeners);
const TOKEN = 'bench-token';

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function fmt(ms: number): string {
  return `${ms.toFixed(2)} ms`;
}

/** Fixed number of workers, each sending the next request when the last one answered. */
async function load(url: URL, seconds: number, concurrency: number): Promise<{ rps: number; p50: number; p99: number; errors: number; n: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + seconds * 1000;
  const one = (): Promise<void> =>
    new Promise((resolve) => {
      const t0 = performance.now();
      const req = http.request(url, { agent, headers: { authorization: `Bearer ${TOKEN}` } }, (res) => {
        res.on('data', () => undefined);
        res.on('end', () => {
          if (res.statusCode === 200) latencies.push(performance.now() - t0);
          else errors++;
          resolve();
        });
      });
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end();
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) await one();
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { rps: latencies.length / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99), errors, n: latencies.length };
}

interface Listener {
  events: number;
  lastSeq: number;
  /** [seq, ms from the event's timestamp to its arrival here] */
  latencies: Array<[number, number]>;
  done: Promise<void>;
}

/** One SSE client: counts events and, for live ones, the delay from the event's timestamp. */
function listen(url: URL): Listener {
  const l: Listener = { events: 0, lastSeq: 0, latencies: [], done: Promise.resolve() };
  l.done = new Promise((resolve, reject) => {
    const req = http.request(url, { headers: { authorization: `Bearer ${TOKEN}`, accept: 'text/event-stream' } }, (res) => {
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const data = block.split('\n').find((line) => line.startsWith('data:'));
          if (!data || block.includes('event: end')) continue;
          const event = JSON.parse(data.slice(5)) as { at: string; seq: number };
          l.events++;
          l.lastSeq = event.seq;
          l.latencies.push([event.seq, Date.now() - Date.parse(event.at)]);
        }
      });
      res.on('end', () => resolve());
    });
    req.on('error', reject);
    req.end();
  });
  return l;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-bench-server-'));
  const store = openRunStore(join(dir, 'atelier.db'));
  const info = listExampleMissions().find((m) => m.name === FLAGSHIP_MISSION);
  if (!info) throw new Error(`bench: the flagship mission ${FLAGSHIP_MISSION} is not among the examples`);
  const mission = await loadMission(info.dir);
  const server = await startServer({ token: TOKEN, port: 0, webRoot: null, runs: { store } });
  console.log(`atelier server benchmark — loopback, node ${process.version}, ${SECONDS}s per load test`);

  // A finished run with its whole log, for GET /api/runs/:id and the replay fan-out.
  const finished = startRun(mission, { store, approve: 'auto', timeScale: 0 });
  await finished.done;

  const get = await load(new URL(`${server.url}/api/runs/${finished.id}`), SECONDS, CONCURRENCY);
  console.log(
    `GET /api/runs/:id          ${get.rps.toFixed(0).padStart(6)} req/s   p50 ${fmt(get.p50)}   p99 ${fmt(get.p99)}   (${CONCURRENCY} connections, ${get.n} requests, ${get.errors} errors)`,
  );
  const list = await load(new URL(`${server.url}/api/runs`), Math.max(1, SECONDS / 2), CONCURRENCY);
  console.log(`GET /api/runs              ${list.rps.toFixed(0).padStart(6)} req/s   p50 ${fmt(list.p50)}   p99 ${fmt(list.p99)}`);

  // Replay: LISTENERS clients read a finished run's log from the start.
  const replayStart = performance.now();
  const replay = Array.from({ length: LISTENERS }, () => listen(new URL(`${server.url}/api/runs/${finished.id}/events`)));
  await Promise.all(replay.map((l) => l.done));
  const replayMs = performance.now() - replayStart;
  const replayEvents = replay.reduce((n, l) => n + l.events, 0);
  console.log(
    `SSE replay x${LISTENERS}           ${(replayEvents / (replayMs / 1000)).toFixed(0).padStart(6)} events/s delivered   all ${LISTENERS} streams done in ${fmt(replayMs)} (${replayEvents / LISTENERS} events each)`,
  );

  // Live: LISTENERS clients follow one run as it happens. The run first waits at its
  // approval step; once every listener has caught up with the backlog, the step is
  // approved over HTTP and the rest of the run is measured (event timestamp -> client).
  let openGate: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (openGate = resolve));
  const live = startRun(mission, {
    store,
    timeScale: 0.5,
    approve: async () => {
      await gate;
      return { approved: true, by: 'bench' };
    },
  });
  while (!readEvents(store, live.id).some((e) => e.type === 'approval.requested')) await new Promise((r) => setTimeout(r, 10));
  const listeners = Array.from({ length: LISTENERS }, () => listen(new URL(`${server.url}/api/runs/${live.id}/events`)));
  const backlog = readEvents(store, live.id).at(-1)!.seq;
  while (listeners.some((l) => l.lastSeq < backlog)) await new Promise((r) => setTimeout(r, 10));
  const liveStart = performance.now();
  openGate();
  await live.done;
  await Promise.all(listeners.map((l) => l.done));
  const liveMs = performance.now() - liveStart;
  const lat = listeners.flatMap((l) => l.latencies.filter(([seq]) => seq > backlog).map(([, ms]) => ms)).sort((a, b) => a - b);
  const counts = new Set(listeners.map((l) => l.events));
  console.log(
    `SSE live fan-out x${LISTENERS}     ${(lat.length / (liveMs / 1000)).toFixed(0).padStart(6)} events/s delivered   event->client p50 ${fmt(percentile(lat, 50))}   p99 ${fmt(percentile(lat, 99))}   (${lat.length / LISTENERS} live events per listener, run took ${fmt(liveMs)})`,
  );
  if (counts.size !== 1) console.log('  WARNING: listeners did not all receive the same number of events');

  await server.close();
  store.close();
}

await main();
