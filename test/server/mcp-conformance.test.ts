// The MCP conformance suite (@modelcontextprotocol/conformance) against /mcp and
// `atelier mcp`: the scenarios that apply to a tools server like ours (initialization,
// ping, the tool list, logging level, concurrent streams, DNS-rebinding protection). The
// other scenarios call reference test tools, prompts and resources Atelier does not
// offer; `npm run conformance:mcp` runs them all (see docs/mcp.md).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { startServer } from '../../src/server/index.js';
import { openRunStore } from '../../src/store/index.js';
import { authProxy, runConformance, stdioBridge } from '../helpers/mcp-conformance.js';

/** Scenarios about the protocol itself: they apply to any MCP server. */
const PROTOCOL = ['server-initialize', 'ping', 'tools-list', 'logging-set-level'];
/** Scenarios about the HTTP transport: they apply to /mcp only. */
const HTTP_TRANSPORT = ['server-sse-multiple-streams', 'dns-rebinding-protection'];

const dir = mkdtempSync(join(tmpdir(), 'atelier-mcp-conformance-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function assertAllPass(
  results: Awaited<ReturnType<typeof runConformance>>,
  expected: string[],
): void {
  assert.deepEqual(results.map((r) => r.scenario).sort(), [...expected].sort());
  for (const r of results) {
    assert.deepEqual(r.failures, [], `${r.scenario} failed`);
    assert.ok(r.passed > 0, `${r.scenario} passed no check`);
  }
}

test('conformance: /mcp on atelier serve passes the protocol and HTTP transport scenarios', async () => {
  const store = openRunStore(join(dir, 'http.db'));
  const token = 'conformance-token';
  const server = await startServer({
    token,
    port: 0,
    webRoot: null,
    runs: { store, timeScale: 0 },
  });
  const proxy = await authProxy(`${server.url}/mcp`, token);
  try {
    assertAllPass(await runConformance(proxy.url, [...PROTOCOL, ...HTTP_TRANSPORT]), [
      ...PROTOCOL,
      ...HTTP_TRANSPORT,
    ]);
  } finally {
    await proxy.close();
    await server.close();
    store.close();
  }
});

test('conformance: atelier mcp (stdio) passes the protocol scenarios', async () => {
  const bridge = await stdioBridge(['--db', join(dir, 'stdio.db'), '--time-scale', '0']);
  try {
    assertAllPass(await runConformance(bridge.url, PROTOCOL), PROTOCOL);
  } finally {
    await bridge.close();
  }
});
