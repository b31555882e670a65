/**
 * MCP benchmark: tool calls per second against Atelier's MCP server, over stdio
 * (`atelier mcp`, a child process) and Streamable HTTP (`/mcp` on `atelier serve`, a
 * child process on loopback), driven by the official MCP SDK client in this process.
 *
 * Each transport: one session, the `reason` tool on a two-rule program (so the figure is
 * the protocol and server overhead, not the work), first one call at a time (latency),
 * then `--concurrency` calls in flight (throughput), for `--seconds` each.
 *
 * Over HTTP the SDK client posts with Node's fetch (undici), which on Node 20 adds ~7 ms
 * to every POST on loopback (headers and body go out separately and wait on a delayed
 * ACK; node:http's client does not). Both are measured: fetch is what MCP clients use,
 * the node:http client shows what the server itself sustains.
 *
 *   npm run bench:mcp [-- --seconds 5 --concurrency 16]
 */
import http from 'node:http';
import { Readable } from 'node:stream';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '16' },
  },
});

function bounded(name: string, value: string | undefined, max: number): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > max) {
    console.error(`bench:mcp: --${name} must be a number in (0, ${max}], got "${value}"`);
    process.exit(2);
  }
  return n;
}
const SECONDS = bounded('seconds', values.seconds, 60);
const CONCURRENCY = Math.round(bounded('concurrency', values.concurrency, 256));
const TOKEN = 'bench-token';
const BIN = fileURLToPath(new URL('../bin/atelier', import.meta.url));
const CALL = {
  name: 'reason',
  arguments: { program: 'p(a). p(b). q(X) :- p(X).', query: 'q(a)', why: true },
};

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** `parallel` loops, each calling again when its last call answered, for SECONDS. */
async function load(
  client: Client,
  parallel: number,
): Promise<{ perSecond: number; p50: number; p99: number; n: number }> {
  const latencies: number[] = [];
  const start = performance.now();
  const deadline = start + SECONDS * 1000;
  const loop = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const t = performance.now();
      const r = await client.callTool(CALL);
      if (r.isError) throw new Error(`reason failed: ${JSON.stringify(r.content)}`);
      latencies.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: parallel }, loop));
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    perSecond: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    n: latencies.length,
  };
}

/** A fetch for the SDK transport over node:http keep-alive sockets (bodies sent in one write). */
function nodeHttpFetch(agent: http.Agent): typeof fetch {
  return (async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = new URL(input instanceof Request ? input.url : input);
    const body = typeof init.body === 'string' ? init.body : undefined;
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
    return new Promise<Response>((resolve, reject) => {
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: init.method ?? 'GET',
          headers,
          agent,
        },
        (res) => {
          const h = new Headers();
          for (const [k, v] of Object.entries(res.headers))
            if (v !== undefined) h.set(k, Array.isArray(v) ? v.join(', ') : v);
          const status = res.statusCode ?? 500;
          const stream =
            status === 204 || status === 202 ? null : (Readable.toWeb(res) as ReadableStream);
          if (!stream) res.resume();
          resolve(new Response(stream, { status, headers: h }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }) as typeof fetch;
}

function serveChild(db: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--db', db], {
    env: { ...process.env, ATELIER_TOKEN: TOKEN },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(
      () => reject(new Error(`atelier serve did not start: ${out}`)),
      60_000,
    );
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      out += chunk;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.stdout!.removeAllListeners('data');
      child.stdout!.resume();
      resolve({ child, url: m[1]! });
    });
    child.once('exit', (code) => reject(new Error(`atelier serve exited (${code}): ${out}`)));
  });
}

async function measure(label: string, transport: Transport): Promise<void> {
  const client = new Client({ name: 'bench', version: '1' });
  await client.connect(transport);
  try {
    await load(client, 1).catch((err: unknown) => {
      throw new Error(`${label}: ${String(err)}`);
    });
    const one = await load(client, 1);
    const many = await load(client, CONCURRENCY);
    const f = (x: number): string => `${x.toFixed(2)} ms`;
    console.log(
      `${label.padEnd(24)} 1 in flight: ${one.perSecond.toFixed(0)} calls/s (p50 ${f(one.p50)}, p99 ${f(one.p99)})` +
        `  |  ${CONCURRENCY} in flight: ${many.perSecond.toFixed(0)} calls/s (p50 ${f(many.p50)}, p99 ${f(many.p99)})`,
    );
  } finally {
    await client.close();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'atelier-bench-mcp-'));
let serve: ChildProcess | undefined;
try {
  console.log(
    `MCP tool calls (reason, tiny program), ${SECONDS} s per figure after a ${SECONDS} s warm-up; Node ${process.version}`,
  );
  await measure(
    'stdio (atelier mcp)',
    new StdioClientTransport({ command: process.execPath, args: [BIN, 'mcp', '--no-runs'] }),
  );
  const started = await serveChild(join(dir, 'serve.db'));
  serve = started.child;
  const url = new URL(`${started.url}/mcp`);
  const requestInit = { headers: { authorization: `Bearer ${TOKEN}` } };
  await measure('HTTP, fetch client', new StreamableHTTPClientTransport(url, { requestInit }));
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY + 2 });
  await measure(
    'HTTP, node:http client',
    new StreamableHTTPClientTransport(url, { requestInit, fetch: nodeHttpFetch(agent) }),
  );
  agent.destroy();
} finally {
  serve?.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
