/**
 * Server benchmark on loopback: requests per second and latency percentiles for
 * GET /api/runs/:id and GET /api/runs, SSE fan-out (100 listeners replaying a
 * finished run's log, then 100 listeners following one live run), and streamed
 * POST /v1/responses to the served agent: time to the first event and to completion (its
 * model is the local OpenAI-compatible test server, answering at once from this process),
 * and another client's latency while a heavy reasoning request runs.
 *
 * The server is the real `atelier serve`, started as a child process on 127.0.0.1 with
 * a fresh database, so the load generator (this process: node:http keep-alive sockets,
 * a fixed number of connections each sending its next request when the last answered)
 * does not share an event loop with it. Runs are started and approved over HTTP, as the
 * web UI does. Everything is bounded: a fixed time per load test, capped connection and
 * listener counts, and an overall deadline after which the server is stopped and the
 * benchmark fails.
 *
 *   npm run bench:server [-- --seconds 5 --concurrency 32 --listeners 100]
 */
import http from 'node:http';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { FLAGSHIP_MISSION } from '../src/cli/serve.js';
import { reply, startChatCompletionsServer } from '../test/helpers/openai-compatible-server.js';
import type { ChatCompletionsServer } from '../test/helpers/openai-compatible-server.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '32' },
    listeners: { type: 'string', default: '100' },
  },
});

/** A positive integer option, capped so a typo cannot start an unbounded benchmark. */
function bounded(name: string, value: string | undefined, max: number): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > max) {
    console.error(`bench:server: --${name} must be a number in (0, ${max}], got "${value}"`);
    process.exit(2);
  }
  return n;
}
const SECONDS = bounded('seconds', values.seconds, 60);
const CONCURRENCY = Math.round(bounded('concurrency', values.concurrency, 256));
const LISTENERS = Math.round(bounded('listeners', values.listeners, 1000));
const TOKEN = 'bench-token';
const HOST = '127.0.0.1';
/** The whole benchmark stops (and fails) after this, whatever hangs. */
const DEADLINE_MS = (SECONDS * 2 + 120) * 1000;
const BIN = fileURLToPath(new URL('../bin/atelier', import.meta.url));

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function fmt(ms: number): string {
  return `${ms.toFixed(2)} ms`;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** `atelier serve --port 0` on loopback as a child process; resolves with its base URL. */
function startServeChild(
  db: string,
  env: Record<string, string>,
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--host', HOST, '--db', db], {
    env: { ...process.env, ATELIER_TOKEN: TOKEN, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`atelier serve did not start within 60 s; it printed:\n${out}`));
    }, 60_000);
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      out += chunk;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        child.stdout!.removeAllListeners('data');
        child.stdout!.resume();
        resolve({ child, url: m[1]! });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(
        new Error(`atelier serve exited (code ${code}) before listening; it printed:\n${out}`),
      );
    });
  });
}

/** One JSON request to the server with the bearer token. */
async function api<T>(base: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(base + path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      authorization: `Bearer ${TOKEN}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok)
    throw new Error(
      `${body === undefined ? 'GET' : 'POST'} ${path}: ${res.status} ${await res.text()}`,
    );
  return (await res.json()) as T;
}

interface RunDetail {
  id: string;
  status: string;
  pendingApprovals: Array<{ stepId: string }>;
}

const FINISHED = new Set(['succeeded', 'failed', 'interrupted']);

/** Polls a run, approving over HTTP whatever step waits, until it finishes. */
async function approveUntilFinished(base: string, id: string): Promise<RunDetail> {
  for (;;) {
    const d = await api<RunDetail>(base, `/api/runs/${id}`);
    if (FINISHED.has(d.status)) return d;
    for (const p of d.pendingApprovals)
      await api(base, `/api/runs/${id}/steps/${p.stepId}/approve`, { by: 'bench' });
    await sleep(50);
  }
}

/** Fixed number of connections, each sending the next request when the last one answered. */
async function load(
  url: URL,
  seconds: number,
  concurrency: number,
): Promise<{ rps: number; p50: number; p99: number; errors: number; n: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + seconds * 1000;
  const one = (): Promise<void> =>
    new Promise((resolve) => {
      const t0 = performance.now();
      const req = http.request(
        url,
        { agent, headers: { authorization: `Bearer ${TOKEN}` } },
        (res) => {
          res.on('data', () => undefined);
          res.on('error', () => {
            errors++;
            resolve();
          });
          res.on('end', () => {
            if (res.statusCode === 200) latencies.push(performance.now() - t0);
            else errors++;
            resolve();
          });
        },
      );
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
  return {
    rps: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    errors,
    n: latencies.length,
  };
}

interface Listener {
  events: number;
  lastSeq: number;
  /** Seqs of the `approval.requested` events seen. */
  approvals: number[];
  /** [seq, ms from the event's timestamp (server clock) to its arrival here] */
  latencies: Array<[number, number]>;
  done: Promise<void>;
}

/** One SSE client: counts events and the delay from each event's timestamp to its arrival. */
function listen(url: URL): Listener {
  const l: Listener = {
    events: 0,
    lastSeq: 0,
    approvals: [],
    latencies: [],
    done: Promise.resolve(),
  };
  l.done = new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { headers: { authorization: `Bearer ${TOKEN}`, accept: 'text/event-stream' } },
      (res) => {
        if (res.statusCode !== 200) reject(new Error(`SSE ${url.pathname}: ${res.statusCode}`));
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
            const event = JSON.parse(data.slice(5)) as { at: string; seq: number; type: string };
            l.events++;
            l.lastSeq = event.seq;
            if (event.type === 'approval.requested') l.approvals.push(event.seq);
            l.latencies.push([event.seq, Date.now() - Date.parse(event.at)]);
          }
        });
        res.on('end', () => resolve());
        res.on('error', (err) =>
          reject(new Error(`SSE ${url.pathname} broke after ${l.events} events: ${err.message}`)),
        );
      },
    );
    req.on('error', (err) => reject(new Error(`SSE ${url.pathname}: ${err.message}`)));
    req.end();
  });
  // Awaited later with the others; until then a broken stream must not crash the process.
  l.done.catch(() => undefined);
  return l;
}

async function bench(base: string): Promise<void> {
  // A finished run with its whole log, for GET /api/runs/:id and the replay fan-out.
  const { id: finishedId } = await api<{ id: string }>(base, '/api/runs', {
    mission: FLAGSHIP_MISSION,
    seed: 1,
  });
  await approveUntilFinished(base, finishedId);

  const get = await load(new URL(`${base}/api/runs/${finishedId}`), SECONDS, CONCURRENCY);
  console.log(
    `GET /api/runs/:id          ${get.rps.toFixed(0).padStart(6)} req/s   p50 ${fmt(get.p50)}   p99 ${fmt(get.p99)}   (${CONCURRENCY} connections, ${get.n} requests, ${get.errors} errors)`,
  );
  const list = await load(new URL(`${base}/api/runs`), Math.max(1, SECONDS / 2), CONCURRENCY);
  console.log(
    `GET /api/runs              ${list.rps.toFixed(0).padStart(6)} req/s   p50 ${fmt(list.p50)}   p99 ${fmt(list.p99)}   (${list.errors} errors)`,
  );

  // Replay: LISTENERS clients read a finished run's log from the start.
  const replayStart = performance.now();
  const replay = Array.from({ length: LISTENERS }, () =>
    listen(new URL(`${base}/api/runs/${finishedId}/events`)),
  );
  await Promise.all(replay.map((l) => l.done));
  const replayMs = performance.now() - replayStart;
  const replayEvents = replay.reduce((n, l) => n + l.events, 0);
  console.log(
    `SSE replay x${LISTENERS}           ${(replayEvents / (replayMs / 1000)).toFixed(0).padStart(6)} events/s delivered   all ${LISTENERS} streams done in ${fmt(replayMs)} (${replayEvents / LISTENERS} events each)`,
  );

  // Live: LISTENERS clients follow one run as it happens. The run waits at its approval
  // step; once every listener has caught up with the backlog (seen the approval request),
  // the step is approved over HTTP and the rest of the run is measured (event timestamp
  // in the server -> arrival here; both processes read the same clock).
  const { id: liveId } = await api<{ id: string }>(base, '/api/runs', {
    mission: FLAGSHIP_MISSION,
    seed: 2,
  });
  let waiting: RunDetail;
  do {
    await sleep(20);
    waiting = await api<RunDetail>(base, `/api/runs/${liveId}`);
    if (FINISHED.has(waiting.status))
      throw new Error(
        `live run ${liveId} finished (${waiting.status}) without asking for approval`,
      );
  } while (waiting.pendingApprovals.length === 0);
  const listeners = Array.from({ length: LISTENERS }, () =>
    listen(new URL(`${base}/api/runs/${liveId}/events`)),
  );
  while (listeners.some((l) => l.approvals.length === 0)) await sleep(10);
  const backlog = Math.max(...listeners.map((l) => l.lastSeq));
  const liveStart = performance.now();
  await approveUntilFinished(base, liveId);
  await Promise.all(listeners.map((l) => l.done));
  const liveMs = performance.now() - liveStart;
  const lat = listeners
    .flatMap((l) => l.latencies.filter(([seq]) => seq > backlog).map(([, ms]) => ms))
    .sort((a, b) => a - b);
  const counts = new Set(listeners.map((l) => l.events));
  console.log(
    `SSE live fan-out x${LISTENERS}     ${(lat.length / (liveMs / 1000)).toFixed(0).padStart(6)} events/s delivered   event->client p50 ${fmt(percentile(lat, 50))}   p99 ${fmt(percentile(lat, 99))}   (${lat.length / LISTENERS} live events per listener, run took ${fmt(liveMs)})`,
  );
  if (counts.size !== 1)
    console.log('  WARNING: listeners did not all receive the same number of events');
}

/** Connections sending streamed /v1/responses requests one after another. */
const RESPONSES_CONCURRENCY = 8;

/** One streamed POST /v1/responses: ms to the first event and to response.completed. */
function streamedResponse(
  url: URL,
  agent: http.Agent,
  body: string,
): Promise<{ first: number; done: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let first = NaN;
    let text = '';
    const req = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      },
      (res) => {
        if (res.statusCode !== 200) reject(new Error(`/v1/responses: ${res.statusCode}`));
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (Number.isNaN(first) && chunk.includes('event: response.created'))
            first = performance.now() - t0;
          text += chunk;
        });
        res.on('end', () => {
          if (!text.includes('event: response.completed'))
            reject(
              new Error(`/v1/responses ended without response.completed: ${text.slice(-300)}`),
            );
          else resolve({ first, done: performance.now() - t0 });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Streamed /v1/responses to the served agent for SECONDS / 2, RESPONSES_CONCURRENCY at once. */
async function benchResponses(base: string, upstream: ChatCompletionsServer): Promise<void> {
  const url = new URL(`${base}/v1/responses`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: RESPONSES_CONCURRENCY });
  const body = JSON.stringify({ model: 'assistant', input: 'Say hello', stream: true });
  const answer = 'Hello! This is a streamed answer of a few words.';
  const firsts: number[] = [];
  const dones: number[] = [];
  const deadline = performance.now() + Math.max(1, SECONDS / 2) * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: RESPONSES_CONCURRENCY }, async () => {
      while (performance.now() < deadline) {
        if (upstream.remaining() < 50)
          upstream.script(...Array.from({ length: 500 }, () => reply.text(answer)));
        const r = await streamedResponse(url, agent, body);
        firsts.push(r.first);
        dones.push(r.done);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  firsts.sort((a, b) => a - b);
  dones.sort((a, b) => a - b);
  console.log(
    `POST /v1/responses stream   ${(dones.length / elapsed).toFixed(0).padStart(6)} resp/s   first event p50 ${fmt(percentile(firsts, 50))} p99 ${fmt(percentile(firsts, 99))}   completed p50 ${fmt(percentile(dones, 50))} p99 ${fmt(percentile(dones, 99))}   (${RESPONSES_CONCURRENCY} connections, ${dones.length} responses, agent on a local upstream)`,
  );
}

/**
 * Another client's latency while a heavy reasoning request runs: a 51 KB program (the
 * transitive closure of a 2,600-edge chain), and GET /v1/models every 100 ms until it
 * answers (or hits the server's reasoning time limit, 504).
 */
async function benchHeavyReasoning(base: string): Promise<void> {
  let program = '';
  for (let i = 0; i < 2600; i++) program += `edge(n${i}, n${i + 1}).\n`;
  program += 'path(X, Y) :- edge(X, Y).\npath(X, Z) :- path(X, Y), edge(Y, Z).\n';
  const body = JSON.stringify({ program, query: 'path(n0, n2600)' });
  const headers = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
  const t0 = performance.now();
  let done = false;
  const heavy = fetch(`${base}/api/reason`, { method: 'POST', headers, body }).then(async (r) => {
    await r.text();
    done = true;
    return { status: r.status, ms: performance.now() - t0 };
  });
  const light: number[] = [];
  let failed = 0;
  while (!done) {
    await sleep(100);
    const t = performance.now();
    try {
      await (await fetch(`${base}/v1/models`, { headers })).text();
      light.push(performance.now() - t);
    } catch {
      failed++; // a connection reset by a server that could not answer in time
    }
  }
  const h = await heavy;
  light.sort((a, b) => a - b);
  console.log(
    `other client during a ${(body.length / 1024).toFixed(0)} KB reasoning request   p50 ${fmt(percentile(light, 50))}   max ${fmt(light.at(-1) ?? NaN)}   (${light.length} requests, ${failed} failed; the heavy one answered ${h.status} after ${fmt(h.ms)})`,
  );
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-bench-server-'));
  let child: ChildProcess | undefined;
  let upstream: ChatCompletionsServer | undefined;
  let stopping = false;
  const stopChild = (): void => {
    stopping = true;
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
  };
  process.once('exit', stopChild);
  const deadline = setTimeout(() => {
    console.error(`bench:server: gave up after ${DEADLINE_MS / 1000} s`);
    stopChild();
    process.exit(1);
  }, DEADLINE_MS);
  deadline.unref();
  try {
    upstream = await startChatCompletionsServer();
    const started = await startServeChild(join(dir, 'atelier.db'), {
      ATELIER_MODEL: 'bench-upstream',
      OPENAI_BASE_URL: upstream.url,
      OPENAI_API_KEY: 'bench',
    });
    child = started.child;
    child.once('exit', (code, signal) => {
      if (!stopping)
        console.error(
          `bench:server: atelier serve exited during the benchmark (code ${code}, signal ${signal})`,
        );
    });
    console.log(
      `atelier server benchmark — atelier serve in a child process on ${HOST} (pid ${child.pid}), load generator in this one; node ${process.version}, ${SECONDS}s per load test`,
    );
    await bench(started.url);
    await benchResponses(started.url, upstream);
    await benchHeavyReasoning(started.url);
  } finally {
    await upstream?.close();
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child!.once('exit', r));
      stopChild();
      await Promise.race([exited, sleep(5_000)]);
    }
    clearTimeout(deadline);
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
