// @openai/agents' own MCP support (MCPServerStdio, MCPServerStreamableHttp) drives
// Atelier's MCP server: their agent lists our tools and calls them. Their model is a
// scripted one implementing their Model interface (as in bench/runtime.ts).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import * as oa from '@openai/agents';
import { startServer } from '../../src/server/index.js';

oa.setTracingDisabled(true);
const TOKEN = 'mcp-oa-token';
const dir = mkdtempSync(join(tmpdir(), 'atelier-mcp-oa-'));
const server = await startServer({ token: TOKEN, port: 0, host: '127.0.0.1', webRoot: null });
after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Calls one tool, then answers with what the tool returned; records the tools it was offered. */
class OneToolCallModel implements oa.Model {
  offered: string[] = [];
  constructor(
    private readonly tool: string,
    private readonly args: unknown,
  ) {}
  async getResponse(request: oa.ModelRequest): Promise<oa.ModelResponse> {
    this.offered = request.tools.map((t) => (t as { name?: string }).name ?? '');
    const items = typeof request.input === 'string' ? [] : request.input;
    const result = items.find((i) => i.type === 'function_call_result');
    if (!result) {
      const call = {
        type: 'function_call' as const,
        callId: 'call_1',
        name: this.tool,
        arguments: JSON.stringify(this.args),
        status: 'completed' as const,
      };
      return { usage: new oa.Usage(), output: [call] };
    }
    // A string, a text item, or a list of them (what MCP content became).
    const output = (result as { output: unknown }).output;
    const parts = (Array.isArray(output) ? output : [output]) as Array<string | { text?: string }>;
    const text = parts.map((p) => (typeof p === 'string' ? p : (p.text ?? ''))).join('');
    return {
      usage: new oa.Usage(),
      output: [
        {
          type: 'message',
          role: 'assistant',
          status: 'completed',
          content: [{ type: 'output_text', text: `The tool said: ${text}` }],
        },
      ],
    };
  }
  async *getStreamedResponse(): AsyncIterable<oa.StreamEvent> {
    throw new Error('not streamed in this test');
  }
}

const domain = readFileSync('examples/pddl/blocks/domain.pddl', 'utf8');
const problem = readFileSync('examples/pddl/blocks/problem.pddl', 'utf8');

test('@openai/agents MCPServerStdio runs `atelier mcp`; its agent plans with our plan tool', async () => {
  const mcp = new oa.MCPServerStdio({
    name: 'atelier',
    command: process.execPath,
    args: [resolve('bin/atelier'), 'mcp', '--db', join(dir, 'oa.db')],
    // The CLI compiles its sources when dist/ is older than them (seconds on a loaded machine):
    // the SDK's 5 s default would time out before the server answers.
    clientSessionTimeoutSeconds: 60,
    timeout: 60_000,
  });
  await mcp.connect();
  try {
    const model = new OneToolCallModel('plan', { domain, problem });
    const planner = new oa.Agent({ name: 'Planner', model, mcpServers: [mcp] });
    const result = await oa.run(planner, 'Plan the blocks problem.');
    assert.match(String(result.finalOutput), /^The tool said: \(\S+.*; cost = \d+ \(unit cost\)/s);
    for (const name of ['plan', 'validate', 'reason', 'start_run', 'approve_step'])
      assert.ok(model.offered.includes(name), `${name} offered: ${model.offered.join(', ')}`);
  } finally {
    await mcp.close();
  }
});

test('@openai/agents MCPServerStreamableHttp reaches /mcp with the bearer token; reason explains why not', async () => {
  const mcp = new oa.MCPServerStreamableHttp({
    name: 'atelier-http',
    url: `${server.url}/mcp`,
    requestInit: { headers: { authorization: `Bearer ${TOKEN}` } },
  });
  await mcp.connect();
  try {
    const program =
      'bird(tweety). bird(pingu). penguin(pingu). flies(X) :- bird(X), not penguin(X).';
    const model = new OneToolCallModel('reason', { program, query: 'flies(pingu)' });
    const agent = new oa.Agent({ name: 'Logician', model, mcpServers: [mcp] });
    const result = await oa.run(agent, 'Does pingu fly?');
    assert.match(String(result.finalOutput), /flies\(pingu\) does not hold:/);
    assert.match(String(result.finalOutput), /penguin\(pingu\)/);
  } finally {
    await mcp.close();
  }
});
