// The whole MCP conformance suite (@modelcontextprotocol/conformance, server scenarios)
// against Atelier's MCP server: /mcp on a real `atelier serve` app (through a proxy that
// adds the bearer token) and `atelier mcp` over stdio (through a Streamable HTTP bridge).
// Prints one line per scenario. `npm run conformance:mcp` (about a minute).
//   MCP_CONFORMANCE_ONLY=http|stdio   one transport only
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../src/server/index.js';
import { openRunStore } from '../src/store/index.js';
import {
  authProxy,
  runConformance,
  stdioBridge,
  type ScenarioResult,
} from '../test/helpers/mcp-conformance.js';

const only = process.env.MCP_CONFORMANCE_ONLY;
const dir = mkdtempSync(join(tmpdir(), 'atelier-conformance-'));

function report(title: string, results: ScenarioResult[]): void {
  const clean = results.filter((r) => r.failed === 0);
  console.log(`\n${title}: ${clean.length}/${results.length} scenarios without a failed check`);
  for (const r of results) {
    const mark = r.failed === 0 ? 'pass' : 'FAIL';
    const warn = r.warnings ? `, ${r.warnings} warning${r.warnings > 1 ? 's' : ''}` : '';
    console.log(
      `  ${mark}  ${r.scenario.padEnd(32)} ${r.passed} passed, ${r.failed} failed${warn}`,
    );
    for (const f of r.failures.slice(0, 2)) console.log(`          ${f.slice(0, 150)}`);
  }
}

try {
  if (only !== 'stdio') {
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
      report('/mcp (Streamable HTTP)', await runConformance(proxy.url));
    } finally {
      await proxy.close();
      await server.close();
      store.close();
    }
  }
  if (only !== 'http') {
    const bridge = await stdioBridge(['--db', join(dir, 'stdio.db'), '--time-scale', '0']);
    try {
      report(
        'atelier mcp (stdio, through a Streamable HTTP bridge)',
        await runConformance(bridge.url),
      );
    } finally {
      await bridge.close();
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
