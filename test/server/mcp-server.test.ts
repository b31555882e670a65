// Atelier's MCP server driven by the official MCP SDK client, over stdio (`atelier mcp`,
// a real process) and Streamable HTTP (`/mcp` on a real server, behind the bearer token):
// the same conversation on both — plan, validate, reason with why / why not, missions,
// a run started, followed, and a step approved by name.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { startServer } from '../../src/server/index.js';
import { openRunStore } from '../../src/store/index.js';

const TOKEN = 'mcp-test-token';
const dir = mkdtempSync(join(tmpdir(), 'atelier-mcp-server-'));
const store = openRunStore(join(dir, 'http.db'));
const server = await startServer({
  token: TOKEN,
  port: 0,
  host: '127.0.0.1',
  webRoot: null,
  runs: { store, timeScale: 0 },
});
after(async () => {
  await server.close();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const domain = readFileSync('examples/pddl/blocks/domain.pddl', 'utf8');
const problem = readFileSync('examples/pddl/blocks/problem.pddl', 'utf8');
const text = (r: CallToolResult): string =>
  r.content.map((c) => (c.type === 'text' ? c.text : '')).join('');
const structured = <T>(r: CallToolResult): T => r.structuredContent as T;

async function stdioClient(): Promise<Client> {
  const client = new Client({ name: 'test', version: '1' });
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [resolve('bin/atelier'), 'mcp', '--db', join(dir, 'stdio.db'), '--time-scale', '0'],
      stderr: 'pipe',
    }),
  );
  return client;
}

async function httpClient(token = TOKEN): Promise<Client> {
  const client = new Client({ name: 'test', version: '1' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), {
      requestInit: { headers: { authorization: `Bearer ${token}` } },
    }),
  );
  return client;
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const until = Date.now() + 30_000;
  while (Date.now() < until) {
    const v = await probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The same conversation, whatever the transport. */
async function converse(client: Client): Promise<void> {
  const { tools } = await client.listTools();
  assert.deepEqual(tools.map((t) => t.name).sort(), [
    'approve_step',
    'list_missions',
    'plan',
    'reason',
    'reject_step',
    'run_events',
    'run_status',
    'start_run',
    'validate',
  ]);
  const planTool = tools.find((t) => t.name === 'plan')!;
  assert.deepEqual(planTool.inputSchema.required, ['domain', 'problem'], 'schemas come from zod');

  const planned = (await client.callTool({
    name: 'plan',
    arguments: { domain, problem },
  })) as CallToolResult;
  assert.ok(!planned.isError, text(planned));
  const p = structured<{ status: string; valid: boolean; plan: unknown[]; cost: number }>(planned);
  assert.equal(p.status, 'solved');
  assert.equal(p.valid, true, 'the plan is checked by the validator');
  assert.match(text(planned), /; cost = \d+ \(unit cost\)/);

  const planText = text(planned);
  const valid = (await client.callTool({
    name: 'validate',
    arguments: { domain, problem, plan: planText },
  })) as CallToolResult;
  assert.match(text(valid), /^Plan valid: \d+ steps?, cost = \d+/);
  const firstStep = planText.split('\n')[0]!;
  const invalid = (await client.callTool({
    name: 'validate',
    arguments: { domain, problem, plan: firstStep },
  })) as CallToolResult;
  assert.equal(structured<{ valid: boolean }>(invalid).valid, false);
  assert.match(text(invalid), /^Plan invalid: /);

  const bad = (await client.callTool({
    name: 'plan',
    arguments: { domain: '(define (domain d) (:predicates (p)) (:action a :effect (q)))', problem },
  })) as CallToolResult;
  assert.equal(bad.isError, true);
  assert.match(text(bad), /^domain:1:\d+: error\[PDDL_UNKNOWN_PREDICATE\]: /);

  const program =
    'edge(a, b). edge(b, c). path(X, Y) :- edge(X, Y). path(X, Z) :- path(X, Y), edge(Y, Z).';
  const why = (await client.callTool({
    name: 'reason',
    arguments: { program, query: 'path(a, c)' },
  })) as CallToolResult;
  assert.match(text(why), /^path\(a, c\)  \[by path\(X, Z\) :- /);
  const whyNot = (await client.callTool({
    name: 'reason',
    arguments: { program, query: 'path(c, a)' },
  })) as CallToolResult;
  assert.match(text(whyNot), /path\(c, a\) does not hold:/);
  assert.ok(structured<{ whyNot: string[] }>(whyNot).whyNot.length > 0);

  const missions = (await client.callTool({
    name: 'list_missions',
    arguments: {},
  })) as CallToolResult;
  assert.ok(
    structured<{ missions: Array<{ name: string }> }>(missions).missions.some(
      (m) => m.name === 'paris-office',
    ),
  );

  const started = (await client.callTool({
    name: 'start_run',
    arguments: { mission: 'paris-office' },
  })) as CallToolResult;
  const runId = structured<{ run: { id: string } }>(started).run.id;
  assert.match(text(started), new RegExp(`^Started run ${runId} of mission paris-office`));
  const waiting = await waitFor('a step waiting for approval', async () => {
    const s = (await client.callTool({
      name: 'run_status',
      arguments: { runId },
    })) as CallToolResult;
    const pending = structured<{
      run: { pendingApprovals: Array<{ stepId: string; action: string }> };
    }>(s).run.pendingApprovals;
    return pending[0];
  });
  assert.equal(waiting.action, 'sign_lease');

  const wrong = (await client.callTool({
    name: 'approve_step',
    arguments: { runId, stepId: 's999' },
  })) as CallToolResult;
  assert.equal(wrong.isError, true);
  assert.match(
    text(wrong),
    new RegExp(
      `step "s999" of run ${runId} is not waiting for approval\\n  hint: waiting: ${waiting.stepId} \\(sign_lease `,
    ),
  );

  const approved = (await client.callTool({
    name: 'approve_step',
    arguments: { runId, stepId: waiting.stepId, by: 'alice' },
  })) as CallToolResult;
  assert.match(
    text(approved),
    new RegExp(`^Approved step ${waiting.stepId} \\(sign_lease \\S+ \\S+\\) of run ${runId}\\.$`),
  );

  const finished = await waitFor('the run to finish', async () => {
    const s = (await client.callTool({
      name: 'run_status',
      arguments: { runId },
    })) as CallToolResult;
    const status = structured<{ run: { status: string } }>(s).run.status;
    return status === 'running' || status === 'waiting-approval' ? undefined : status;
  });
  assert.equal(finished, 'succeeded');
  const events = (await client.callTool({
    name: 'run_events',
    arguments: { runId },
  })) as CallToolResult;
  const types = structured<{ events: Array<{ type: string; data: { by?: string } }> }>(
    events,
  ).events;
  assert.equal(types[0]!.type, 'run.started');
  assert.equal(types.at(-1)!.type, 'run.finished');
  assert.equal(types.find((e) => e.type === 'approval.given')?.data.by, 'alice');
  const later = (await client.callTool({
    name: 'run_events',
    arguments: { runId, after: types.length },
  })) as CallToolResult;
  assert.equal(text(later), 'No events after that.');
}

test('stdio: the SDK client drives `atelier mcp`; closing the client ends the process', async () => {
  const client = await stdioClient();
  const transport = client.transport as StdioClientTransport;
  const pid = transport.pid!;
  await converse(client);
  await client.close();
  await waitFor('the atelier mcp process to exit', async () => {
    try {
      process.kill(pid, 0);
      return undefined;
    } catch {
      return true;
    }
  });
});

test('Streamable HTTP: the SDK client drives /mcp with the bearer token', async () => {
  const client = await httpClient();
  await converse(client);
  await client.close();
});

test('/mcp refuses a missing or wrong token, a foreign Origin, and an unknown session', async () => {
  await assert.rejects(httpClient('wrong'), /401|nauthorized/);
  const init = {
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: {
      protocolVersion: '2025-06-18',
      capabilities: {},
      clientInfo: { name: 't', version: '1' },
    },
  };
  const post = (headers: Record<string, string>) =>
    fetch(`${server.url}/mcp`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        authorization: `Bearer ${TOKEN}`,
        ...headers,
      },
      body: JSON.stringify(init),
    });
  assert.equal((await post({ origin: 'http://evil.example.com' })).status, 403);
  const local = await post({ origin: 'http://localhost:5173' });
  assert.equal(local.status, 200);
  await local.body?.cancel();
  assert.equal((await post({ 'mcp-session-id': 'no-such-session' })).status, 404);
  const noAuth = await fetch(`${server.url}/mcp`, { method: 'POST', body: JSON.stringify(init) });
  assert.equal(noAuth.status, 401);
});
