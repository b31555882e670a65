// The MCP client against real third-party servers (the reference filesystem, memory and
// everything servers, devDependencies) over stdio and Streamable HTTP: tools listed once
// per run, arguments checked against their JSON Schemas, tool errors, timeouts, a server
// killed mid-run — and no server process left once a run ends.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { UserError } from '../../src/errors.js';
import { agent, run, type RunEvent, type ToolSource } from '../../src/agents/index.js';
import {
  scriptedModel,
  scriptedText,
  scriptedToolCall,
  type ModelRequest,
} from '../../src/models/index.js';
import { callMcpTool, mcpServer } from '../../src/mcp/index.js';
import {
  everythingServer,
  filesystemServer,
  isAlive,
  mcpChildren,
  memoryServer,
  startEverythingHttp,
} from '../helpers/mcp-servers.js';

const dir = mkdtempSync(join(tmpdir(), 'atelier-mcp-'));
const http = await startEverythingHttp();
after(async () => {
  await http.stop();
  rmSync(dir, { recursive: true, force: true });
});
/** MCP server processes of this process other than the HTTP server the test started. */
const servers = () => mcpChildren([http.child.pid]);

const toolResults = (events: RunEvent[]) =>
  events.flatMap((e) =>
    e.type === 'tool-result' ? [{ name: e.name, isError: e.isError, output: e.output }] : [],
  );
const lastToolText = (r: ModelRequest) => {
  const m = r.messages.at(-1)!;
  return m.role === 'tool' ? m.content : '';
};

/** Counts how often a run opens the source. */
function counted(source: ToolSource): ToolSource & { opens: number } {
  const c = {
    name: source.name,
    opens: 0,
    open: (o: { signal: AbortSignal }) => (c.opens++, source.open(o)),
  };
  return c;
}

test('stdio: an agent writes and reads a file through the filesystem server; the server is started once and stopped at the end', async () => {
  const file = join(dir, 'notes.txt');
  const fs = counted(mcpServer(filesystemServer(dir)));
  let pidDuringRun: number[] = [];
  const model = scriptedModel([
    scriptedToolCall('write_file', { path: file, content: 'Atelier was here.' }),
    (r) => {
      pidDuringRun = servers();
      return scriptedToolCall('read_text_file', { path: file }, `read_${lastToolText(r).length}`);
    },
    (r) => scriptedText(`The file says: ${lastToolText(r)}`),
  ]);
  const writer = agent({ name: 'Writer', model, tools: [fs] });
  assert.deepEqual(servers(), [], 'nothing runs before the run needs it');
  const result = await run(writer, 'leave a note');
  assert.equal(result.finalOutput, 'The file says: Atelier was here.');
  assert.equal(readFileSync(file, 'utf8'), 'Atelier was here.');
  assert.equal(fs.opens, 1, 'the tool list is fetched once per run');
  assert.equal(pidDuringRun.length, 1, 'one server process during the run');
  assert.deepEqual(servers(), [], 'no server process is left');
  assert.ok(!isAlive(pidDuringRun[0]!));
  // The model saw the server's own tools, with their JSON Schemas.
  const offered = model.requests[0]!.tools!.map((t) => t.name);
  assert.ok(offered.includes('write_file') && offered.includes('list_directory'), offered.join());
  const write = model.requests[0]!.tools!.find((t) => t.name === 'write_file')!;
  assert.deepEqual((write.parameters as { required: string[] }).required.sort(), [
    'content',
    'path',
  ]);
});

test('arguments are checked against the JSON Schema before the call; isError becomes the tool error', async () => {
  const model = scriptedModel([
    scriptedToolCall('write_file', { path: join(dir, 'never.txt') }),
    scriptedToolCall('read_text_file', { path: join(dir, 'missing.txt') }),
    'ok',
  ]);
  const a = agent({ name: 'A', model, tools: [mcpServer(filesystemServer(dir))] });
  const result = await run(a, 'go');
  const [invalid, failed] = toolResults(result.events);
  assert.equal(invalid!.isError, true);
  assert.match(
    invalid!.output,
    /^Error: invalid arguments for write_file: .*required property 'content'/,
  );
  assert.ok(!existsSync(join(dir, 'never.txt')), 'the invalid call never reached the server');
  assert.equal(failed!.isError, true);
  assert.match(
    failed!.output,
    /MCP tool read_text_file \(server "filesystem"\) reported an error: .*ENOENT|no such file/i,
  );
  assert.deepEqual(servers(), []);
});

test('a server that hangs: the call fails at its time limit with a clear error, the run goes on', async () => {
  const model = scriptedModel([
    scriptedToolCall('trigger-long-running-operation', { duration: 60, steps: 1 }),
    (r) => scriptedText(lastToolText(r)),
  ]);
  const a = agent({
    name: 'A',
    model,
    tools: [mcpServer({ ...everythingServer(), timeoutMs: 300 })],
  });
  const result = await run(a, 'go');
  assert.match(
    String(result.finalOutput),
    /^Error: trigger-long-running-operation failed: MCP server "everything" did not answer trigger-long-running-operation within 0\.3 s/,
  );
  assert.deepEqual(servers(), []);
});

test('a server killed mid-call: the call fails with its message, later calls say it is gone, nothing is left', async () => {
  const memory = mcpServer(memoryServer(join(dir, 'memory.jsonl')));
  const slow = mcpServer({ ...everythingServer(), prefix: 'ev_' });
  const model = scriptedModel([
    scriptedToolCall('create_entities', {
      entities: [{ name: 'Ada', entityType: 'person', observations: ['writes programs'] }],
    }),
    scriptedToolCall('ev_trigger-long-running-operation', { duration: 30, steps: 1 }),
    scriptedToolCall('ev_echo', { message: 'still there?' }),
    scriptedToolCall('read_graph', {}),
    'done',
  ]);
  const a = agent({ name: 'A', model, tools: [memory, slow] });
  const streamed = run(a, 'remember Ada', { stream: true });
  for await (const e of streamed) {
    // Kill the everything server while it works on the long call.
    if (e.type === 'tool-call' && e.name === 'ev_trigger-long-running-operation') {
      const before = servers();
      assert.equal(before.length, 2, 'both servers run');
      // The newest child is the everything server (opened when its tools were listed, after memory).
      for (const pid of before) {
        const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        if (cmd.includes('server-everything')) process.kill(pid, 'SIGKILL');
      }
    }
  }
  const result = await streamed.result;
  const outputs = toolResults(result.events);
  assert.equal(outputs[0]!.isError, false);
  assert.match(
    outputs[1]!.output,
    /MCP server "everything" \(pid \d+\) exited during the call to trigger-long-running-operation/,
  );
  assert.match(outputs[2]!.output, /MCP server "everything" \(pid \d+\) is no longer running/);
  assert.equal(outputs[3]!.isError, false, 'the other server still answers');
  assert.match(outputs[3]!.output, /Ada/);
  assert.equal(result.finalOutput, 'done');
  assert.deepEqual(servers(), [], 'no server process is left');
});

test('Streamable HTTP: the everything server over HTTP, structured content and plain text', async () => {
  const model = scriptedModel([
    scriptedToolCall('get-sum', { a: 2, b: 3 }),
    (r) => scriptedText(lastToolText(r)),
  ]);
  const a = agent({
    name: 'A',
    model,
    tools: [mcpServer({ url: http.url, name: 'everything-http' })],
  });
  const result = await run(a, 'add');
  assert.match(String(result.finalOutput), /5/);
  assert.equal(toolResults(result.events)[0]!.isError, false);
});

test("a server that dies at start is quoted by its error line, not by Node's version banner", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-mcp-dies-'));
  try {
    const script = join(dir, 'server.js');
    writeFileSync(script, "throw new Error('no database at /srv/notes.db');\n");
    const a = agent({
      name: 'A',
      model: scriptedModel(['unused']),
      tools: [mcpServer({ command: process.execPath, args: [script], name: 'notes' })],
    });
    await assert.rejects(run(a, 'go'), (err: unknown) => {
      assert.ok(err instanceof UserError, String(err));
      assert.equal(err.code, 'MCP_START_FAILED');
      assert.match(err.message, /its last words: Error: no database at \/srv\/notes\.db$/);
      return true;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a server that cannot start fails the run with one clear line; a bad config is refused at once', async () => {
  const a = agent({
    name: 'A',
    model: scriptedModel(['unused']),
    tools: [mcpServer({ command: 'atelier-no-such-mcp-server', name: 'ghost' })],
  });
  await assert.rejects(run(a, 'go'), (err: unknown) => {
    assert.ok(err instanceof UserError, String(err));
    assert.equal(err.code, 'MCP_START_FAILED');
    assert.match(
      err.message,
      /^cannot start MCP server "ghost" \(atelier-no-such-mcp-server\): .*ENOENT/,
    );
    assert.match(err.hint ?? '', /installed and on the PATH/);
    return true;
  });
  assert.throws(
    () => mcpServer({ command: 'x', url: 'http://127.0.0.1:1/mcp' } as never),
    (e: unknown) => e instanceof UserError && e.code === 'MCP_BAD_CONFIG',
  );
  assert.throws(
    () => mcpServer({ url: 'ftp://example.com' }),
    (e: unknown) => e instanceof UserError && /field "url"/.test(e.message),
  );
  assert.deepEqual(servers(), []);
});

test('callMcpTool: one call, start to stop — text and structured content, or a typed failure', async () => {
  const ok = await callMcpTool(everythingServer(), 'get-structured-content', {
    location: 'New York',
  });
  assert.ok(ok.ok, JSON.stringify(ok));
  assert.equal(typeof ok.structured, 'object');
  assert.ok(ok.text.length > 0);
  const unknown = await callMcpTool(everythingServer(), 'no-such-tool', {});
  assert.ok(!unknown.ok && unknown.failure.kind === 'unknown-tool');
  const invalid = await callMcpTool(everythingServer(), 'get-sum', { a: 'two' });
  assert.ok(!invalid.ok && invalid.failure.kind === 'invalid-arguments', JSON.stringify(invalid));
  const away = await callMcpTool(
    { url: 'http://127.0.0.1:9/mcp', connectTimeoutMs: 2000 },
    'x',
    {},
  );
  assert.ok(!away.ok && away.failure.kind === 'unavailable', JSON.stringify(away));
  assert.deepEqual(servers(), []);
});
