/**
 * Running the MCP conformance suite (@modelcontextprotocol/conformance, a devDependency)
 * against Atelier. The suite only speaks Streamable HTTP and sends no credentials, so:
 * - `/mcp` is reached through `authProxy`, which adds the bearer token and passes
 *   everything else through unchanged;
 * - `atelier mcp` (stdio) is reached through `stdioBridge`: one `atelier mcp` process per
 *   MCP session, its JSON-RPC messages relayed as they are by the SDK's transports.
 * Scenario results are read from the suite's checks.json files.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';

const require = createRequire(import.meta.url);

export interface Listening {
  url: string;
  close(): Promise<void>;
}

async function listen(server: Server, path: string): Promise<Listening> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return {
    url: `http://localhost:${port}${path}`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** Forwards every request to `target` (an http URL) with `Authorization: Bearer <token>` added. */
export async function authProxy(target: string, token: string): Promise<Listening> {
  const to = new URL(target);
  const server = createServer((req: IncomingMessage, res) => {
    const headers = { ...req.headers, authorization: `Bearer ${token}` };
    const out = request(
      { host: to.hostname, port: to.port, path: to.pathname, method: req.method, headers },
      (upstream) => {
        res.writeHead(upstream.statusCode ?? 502, upstream.headers);
        upstream.pipe(res);
      },
    );
    out.on('error', () => res.destroy());
    req.pipe(out);
  });
  return listen(server, to.pathname);
}

/** Streamable HTTP in front of `atelier mcp`: each session starts its own process. */
export async function stdioBridge(args: string[]): Promise<Listening & { pids(): number[] }> {
  const sessions = new Map<
    string,
    { http: WebStandardStreamableHTTPServerTransport; stdio: StdioClientTransport }
  >();
  // One process started ahead of need: each session takes it and starts the next, so a
  // scenario does not wait for `atelier mcp` to start.
  const launch = async (): Promise<StdioClientTransport> => {
    const t = new StdioClientTransport({
      command: process.execPath,
      args: [resolve('bin/atelier'), 'mcp', ...args],
      stderr: 'ignore',
    });
    await t.start();
    return t;
  };
  let spare = launch();
  const handle = async (req: Request): Promise<Response> => {
    const id = req.headers.get('mcp-session-id');
    const known = id ? sessions.get(id) : undefined;
    if (known) return known.http.handleRequest(req);
    if (id) return new Response('unknown session', { status: 404 });
    const stdio = await spare;
    spare = launch();
    const http: WebStandardStreamableHTTPServerTransport =
      new WebStandardStreamableHTTPServerTransport({
        sessionIdGenerator: randomUUID,
        onsessioninitialized: (sid) => void sessions.set(sid, { http, stdio }),
        onsessionclosed: (sid) => {
          sessions.delete(sid);
          void stdio.close();
        },
      });
    // Relay JSON-RPC messages unchanged; a response goes back on the stream of its request.
    http.onmessage = (m) => void stdio.send(m);
    stdio.onmessage = (m) =>
      void http.send(m, 'id' in m && !('method' in m) ? { relatedRequestId: m.id } : undefined);
    await http.start();
    const response = await http.handleRequest(req);
    if (!http.sessionId) await stdio.close();
    return response;
  };
  const server = createServer(getRequestListener(handle));
  const listening = await listen(server, '/mcp');
  return {
    ...listening,
    pids: () => [...sessions.values()].flatMap((s) => (s.stdio.pid ? [s.stdio.pid] : [])),
    close: async () => {
      await (await spare).close();
      await Promise.all([...sessions.values()].map((s) => s.stdio.close()));
      sessions.clear();
      await listening.close();
    },
  };
}

export interface ScenarioResult {
  scenario: string;
  passed: number;
  failed: number;
  warnings: number;
  failures: string[];
}

/** Runs the suite's server scenarios against `url`; one result per scenario. */
export async function runConformance(
  url: string,
  scenarios?: readonly string[],
): Promise<ScenarioResult[]> {
  const cli = join(
    dirname(require.resolve('@modelcontextprotocol/conformance/package.json')),
    'dist',
    'index.js',
  );
  const out = mkdtempSync(join(tmpdir(), 'atelier-conformance-'));
  try {
    const runOne = (scenario?: string): Promise<void> =>
      new Promise((done, fail) => {
        const args = [
          cli,
          'server',
          '--url',
          url,
          '-o',
          out,
          ...(scenario ? ['--scenario', scenario] : []),
        ];
        const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
        let err = '';
        child.stderr.on('data', (d: Buffer) => (err += d.toString()));
        child.on('error', fail);
        // Exit code 1 means "some check failed": the checks files say which.
        child.on('exit', (code) =>
          code === 0 || code === 1 ? done() : fail(new Error(`conformance exited ${code}: ${err}`)),
        );
      });
    if (scenarios) for (const s of scenarios) await runOne(s);
    else await runOne();
    return readResults(out);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function readResults(root: string): ScenarioResult[] {
  const results: ScenarioResult[] = [];
  for (const entry of readdirSync(root, { recursive: true }) as string[]) {
    if (!entry.endsWith('checks.json')) continue;
    const folder = dirname(entry).split(/[\\/]/).pop()!;
    const scenario = folder.replace(/^server-/, '').replace(/-\d{4}-\d{2}-\d{2}T.*$/, '');
    const checks = JSON.parse(readFileSync(join(root, entry), 'utf8')) as Array<{
      id: string;
      status: string;
      errorMessage?: string;
    }>;
    results.push({
      scenario,
      passed: checks.filter((c) => c.status === 'SUCCESS').length,
      failed: checks.filter((c) => c.status === 'FAILURE').length,
      warnings: checks.filter((c) => c.status === 'WARNING').length,
      failures: checks
        .filter((c) => c.status === 'FAILURE')
        .map((c) => `${c.id}: ${c.errorMessage ?? ''}`),
    });
  }
  return results.sort((a, b) => a.scenario.localeCompare(b.scenario));
}
