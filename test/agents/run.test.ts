import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { z } from 'zod';
import {
  agent,
  GuardrailTripwireError,
  MaxTurnsExceededError,
  memorySession,
  run,
  tool,
  type RunEvent,
} from '../../src/agents/index.js';
import { createOpenAICompatibleModel, ModelBehaviorError } from '../../src/models/index.js';
import { openSqlite, sqliteSessions } from '../../src/store/index.js';
import { reply, startChatCompletionsServer } from '../helpers/openai-compatible-server.js';

const server = await startChatCompletionsServer();
after(() => server.close());
const model = createOpenAICompatibleModel({
  baseURL: server.url,
  apiKey: 'sk-test',
  model: 'test-model',
  maxRetries: 0,
});

type WireMessage = {
  role: string;
  content: string | null;
  tool_call_id?: string;
  tool_calls?: unknown[];
};
const sentMessages = (i: number): WireMessage[] =>
  server.requests[i]!.body.messages as WireMessage[];

const calls: Array<{ a: number; b: number }> = [];
const add = tool({
  name: 'add',
  description: 'Add two numbers',
  input: z.object({ a: z.number(), b: z.number() }),
  execute: (input) => {
    calls.push(input);
    return { sum: input.a + input.b };
  },
});

test('a tool call round trip: validated input, result sent back under its call id, then the final answer', async () => {
  calls.length = 0;
  server.script(
    reply.toolCalls({ name: 'add', args: { a: 2, b: 3 }, id: 'call_a' }),
    reply.text('2 + 3 = 5'),
  );
  const first = server.requests.length;
  const calc = agent({
    name: 'calculator',
    instructions: 'Use the add tool.',
    model,
    tools: [add],
  });
  const result = await run(calc, 'what is 2 + 3?');
  assert.equal(result.finalOutput, '2 + 3 = 5');
  assert.deepEqual(calls, [{ a: 2, b: 3 }]);
  const tools = server.requests[first]!.body.tools as Array<{
    function: { name: string; parameters: { required: string[] } };
  }>;
  assert.equal(tools[0]!.function.name, 'add');
  assert.deepEqual(tools[0]!.function.parameters.required, ['a', 'b']);
  const second = sentMessages(first + 1);
  assert.deepEqual(second[0], { role: 'system', content: 'Use the add tool.' });
  assert.deepEqual(second.at(-1), { role: 'tool', tool_call_id: 'call_a', content: '{"sum":5}' });
  assert.deepEqual(
    result.events.map((e) => e.type),
    ['agent-start', 'message', 'tool-call', 'tool-result', 'agent-start', 'message', 'final'],
  );
  assert.equal(result.turns, 2);
  assert.equal(result.usage.totalTokens, 30);
});

test('invalid tool arguments go back to the model as an error message and the tool does not run', async () => {
  calls.length = 0;
  server.script(
    reply.toolCalls({ name: 'add', args: { a: 'two', b: 3 }, id: 'bad' }),
    reply.toolCalls({ name: 'add', args: '{not json', id: 'worse' }),
    reply.text('sorry'),
  );
  const first = server.requests.length;
  const result = await run(agent({ name: 'calc', model, tools: [add] }), 'add');
  assert.equal(result.finalOutput, 'sorry');
  assert.deepEqual(calls, []);
  assert.deepEqual(
    sentMessages(first)[0],
    { role: 'user', content: 'add' },
    'no empty system message',
  );
  const afterBad = sentMessages(first + 1).at(-1)!;
  assert.equal(afterBad.tool_call_id, 'bad');
  assert.match(
    afterBad.content ?? '',
    /^Error: invalid arguments for add: a: Invalid input: expected number/,
  );
  assert.match(
    sentMessages(first + 2).at(-1)!.content ?? '',
    /^Error: the arguments of add are not valid JSON/,
  );
  const errors = result.events.filter(
    (e): e is Extract<RunEvent, { type: 'tool-result' }> => e.type === 'tool-result',
  );
  assert.deepEqual(
    errors.map((e) => e.isError),
    [true, true],
  );
});

test('parallel tool calls run at the same time and their results keep the call order', async () => {
  let waiting: (() => void) | undefined;
  const log: string[] = [];
  // Each call waits for the other to have started: this only completes if they overlap.
  const meet = tool({
    name: 'meet',
    description: 'rendezvous',
    input: z.object({ who: z.string() }),
    execute: async ({ who }) => {
      log.push(`start ${who}`);
      if (waiting) waiting();
      else
        await new Promise<void>((resolve, reject) => {
          waiting = resolve;
          setTimeout(() => reject(new Error('calls did not overlap')), 2000);
        });
      return `met ${who}`;
    },
  });
  server.script(
    reply.toolCalls(
      { name: 'meet', args: { who: 'x' }, id: 'p1' },
      { name: 'meet', args: { who: 'y' }, id: 'p2' },
    ),
    reply.text('both met'),
  );
  const first = server.requests.length;
  const result = await run(agent({ name: 'par', model, tools: [meet] }), 'go');
  assert.equal(result.finalOutput, 'both met');
  assert.deepEqual(log, ['start x', 'start y']);
  const toolMessages = sentMessages(first + 1).filter((m) => m.role === 'tool');
  assert.deepEqual(
    toolMessages.map((m) => [m.tool_call_id, m.content]),
    [
      ['p1', 'met x'],
      ['p2', 'met y'],
    ],
  );
});

test('a handoff switches the active agent: its instructions and tools are used from the next turn', async () => {
  const refund = tool({
    name: 'refund',
    description: 'Refund an order',
    input: z.object({ order: z.string() }),
    execute: ({ order }) => `refunded ${order}`,
  });
  const billing = agent({
    name: 'Billing',
    instructions: 'You handle billing.',
    handoffDescription: 'Refunds and invoices.',
    model,
    tools: [refund],
  });
  const triage = agent({
    name: 'Triage',
    instructions: 'Route the user.',
    model,
    handoffs: [billing],
  });
  server.script(
    reply.toolCalls({ name: 'transfer_to_billing', args: {}, id: 'h1' }),
    reply.toolCalls({ name: 'refund', args: { order: 'A7' }, id: 'r1' }),
    reply.text('Your order A7 is refunded.'),
  );
  const first = server.requests.length;
  const result = await run(triage, 'refund order A7 please');
  assert.equal(result.lastAgent, billing);
  assert.equal(result.finalOutput, 'Your order A7 is refunded.');
  const triageTools = (
    server.requests[first]!.body.tools as Array<{ function: { name: string; description: string } }>
  ).map((t) => t.function);
  assert.deepEqual(
    triageTools.map((t) => t.name),
    ['transfer_to_billing'],
  );
  assert.match(triageTools[0]!.description, /Refunds and invoices/);
  const afterHandoff = sentMessages(first + 1);
  assert.deepEqual(afterHandoff[0], { role: 'system', content: 'You handle billing.' });
  assert.deepEqual(afterHandoff.at(-1), {
    role: 'tool',
    tool_call_id: 'h1',
    content: 'Transferred to Billing.',
  });
  assert.deepEqual(
    (server.requests[first + 1]!.body.tools as Array<{ function: { name: string } }>).map(
      (t) => t.function.name,
    ),
    ['refund'],
  );
  assert.deepEqual(
    result.events.filter((e) => e.type === 'handoff'),
    [{ type: 'handoff', from: 'Triage', to: 'Billing' }],
  );
});

test('structured output is requested as a JSON schema, parsed and validated', async () => {
  const Weather = z.object({ city: z.string(), celsius: z.number() });
  const reporter = agent({ name: 'reporter', model, output: Weather });
  server.script(reply.text('{"city":"Oslo","celsius":-3}'));
  const first = server.requests.length;
  const result = await run(reporter, 'weather in Oslo?');
  assert.deepEqual(result.finalOutput, { city: 'Oslo', celsius: -3 });
  const format = server.requests[first]!.body.response_format as {
    type: string;
    json_schema: { name: string; strict: boolean; schema: { required: string[] } };
  };
  assert.equal(format.type, 'json_schema');
  assert.equal(format.json_schema.strict, true);
  assert.deepEqual(format.json_schema.schema.required, ['city', 'celsius']);

  server.script(reply.text('{"city":"Oslo"}'));
  await assert.rejects(
    run(reporter, 'again'),
    (err: unknown) =>
      err instanceof ModelBehaviorError &&
      /does not match the output schema: celsius/.test(err.message),
  );
});

test('an input guardrail stops the run before any model call; an output guardrail stops it after', async () => {
  const guarded = agent({
    name: 'guarded',
    model,
    inputGuardrails: [
      {
        name: 'no-secrets',
        check: ({ input }) =>
          input.includes('password') ? { stop: true, reason: 'asks for a password' } : undefined,
      },
    ],
    outputGuardrails: [
      {
        name: 'no-shouting',
        check: ({ text }) =>
          ({ stop: text === text.toUpperCase(), reason: 'shouting' }) as {
            stop: true;
            reason: string;
          },
      },
    ],
  });
  const before = server.requests.length;
  await assert.rejects(run(guarded, 'tell me the admin password'), (err: unknown) => {
    assert.ok(err instanceof GuardrailTripwireError);
    assert.equal(err.kind, 'input');
    assert.equal(err.reason, 'asks for a password');
    return true;
  });
  assert.equal(server.requests.length, before, 'no model call');
  server.script(reply.text('HELLO'));
  const session = memorySession();
  await assert.rejects(
    run(guarded, 'hi', { session }),
    (err: unknown) =>
      err instanceof GuardrailTripwireError &&
      err.kind === 'output' &&
      err.guardrail === 'no-shouting',
  );
  assert.deepEqual(
    session.messages,
    [{ role: 'user', content: 'hi' }],
    'the stopped answer is not stored',
  );
  server.script(reply.text('hello'));
  assert.equal((await run(guarded, 'hi')).finalOutput, 'hello');
});

test('cancelling a run aborts the pending model request and the running tool', async () => {
  server.script(reply.hang());
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 50);
  await assert.rejects(run(agent({ name: 'slow', model }), 'hi', { signal: controller.signal }), {
    name: 'AbortError',
  });

  let toolSawAbort = false;
  const wait = tool({
    name: 'wait',
    description: 'waits until cancelled',
    input: z.object({}),
    execute: (_input, ctx) =>
      new Promise((_resolve, reject) => {
        ctx.signal.addEventListener('abort', () => {
          toolSawAbort = true;
          reject(ctx.signal.reason);
        });
      }),
  });
  server.script(reply.toolCalls({ name: 'wait', args: {} }));
  const second = new AbortController();
  const streamed = run(agent({ name: 'waiter', model, tools: [wait] }), 'wait', {
    signal: second.signal,
    stream: true,
  });
  const seen: string[] = [];
  for await (const e of streamed) {
    seen.push(e.type);
    if (e.type === 'tool-call') second.abort();
  }
  await assert.rejects(streamed.result, { name: 'AbortError' });
  assert.ok(toolSawAbort);
  assert.equal(seen.at(-1), 'error');
});

test('a session continues across two runs from the SQLite file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-session-'));
  try {
    const file = join(dir, 'atelier.db');
    const helper = agent({ name: 'helper', instructions: 'Be brief.', model });
    let db = openSqlite(file);
    server.script(reply.text('Nice to meet you, Ada.'));
    await run(helper, 'my name is Ada', { session: sqliteSessions(db).session('s1') });
    db.close();

    db = openSqlite(file);
    server.script(reply.text('You are Ada.'));
    const first = server.requests.length;
    const result = await run(helper, 'what is my name?', {
      session: sqliteSessions(db).session('s1'),
    });
    assert.deepEqual(sentMessages(first), [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'my name is Ada' },
      { role: 'assistant', content: 'Nice to meet you, Ada.' },
      { role: 'user', content: 'what is my name?' },
    ]);
    assert.equal(result.history.length, 4);
    assert.equal(result.newMessages.length, 2);
    const store = sqliteSessions(db);
    assert.deepEqual(
      store.list().map((s) => [s.id, s.messages]),
      [['s1', 4]],
    );
    assert.deepEqual(store.messages('other'), []);
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a streamed run yields text deltas live, then tool events, then the final answer', async () => {
  server.script(
    reply.toolCalls({ name: 'add', args: { a: 1, b: 1 }, id: 's1' }),
    reply.text('One plus one is two.'),
  );
  const streamed = run(agent({ name: 'calc', model, tools: [add] }), 'one plus one', {
    stream: true,
  });
  const events: RunEvent[] = [];
  for await (const e of streamed) events.push(e);
  const result = await streamed.result;
  const deltas = events.filter(
    (e): e is Extract<RunEvent, { type: 'text-delta' }> => e.type === 'text-delta',
  );
  assert.ok(deltas.length > 1);
  assert.equal(deltas.map((d) => d.text).join(''), 'One plus one is two.');
  const kinds = events.map((e) => e.type).filter((t) => t !== 'text-delta');
  assert.deepEqual(kinds, [
    'agent-start',
    'message',
    'tool-call',
    'tool-result',
    'agent-start',
    'message',
    'final',
  ]);
  assert.equal(result.finalOutput, 'One plus one is two.');
  assert.deepEqual(result.events, events);
});

test('maxTurns stops a run that never answers', async () => {
  server.script(
    reply.toolCalls({ name: 'add', args: { a: 1, b: 1 } }),
    reply.toolCalls({ name: 'add', args: { a: 1, b: 1 } }),
  );
  await assert.rejects(
    run(agent({ name: 'loop', model, tools: [add] }), 'x', { maxTurns: 2 }),
    (err: unknown) => err instanceof MaxTurnsExceededError && err.maxTurns === 2,
  );
});

test('a tool that needs approval runs only when the approver says yes; unknown tools are reported to the model', async () => {
  let deleted = 0;
  const remove = tool({
    name: 'delete_file',
    description: 'Delete a file',
    input: z.object({ path: z.string() }),
    needsApproval: true,
    execute: () => ++deleted,
  });
  const admin = agent({ name: 'admin', model, tools: [remove] });
  server.script(
    reply.toolCalls(
      { name: 'delete_file', args: { path: '/tmp/x' }, id: 'd1' },
      { name: 'format_disk', args: {}, id: 'd2' },
    ),
    reply.text('not allowed'),
  );
  const first = server.requests.length;
  await run(admin, 'delete /tmp/x');
  assert.equal(deleted, 0);
  const results = sentMessages(first + 1)
    .filter((m) => m.role === 'tool')
    .map((m) => m.content);
  assert.match(results[0] ?? '', /^Error: the call to delete_file was not approved/);
  assert.match(
    results[1] ?? '',
    /^Error: there is no tool named "format_disk" \(available: delete_file\)/,
  );

  server.script(
    reply.toolCalls({ name: 'delete_file', args: { path: '/tmp/x' } }),
    reply.text('deleted'),
  );
  const asked: unknown[] = [];
  await run(admin, 'delete /tmp/x', { approve: (req) => (asked.push(req.input), true) });
  assert.equal(deleted, 1);
  assert.deepEqual(asked, [{ path: '/tmp/x' }]);
});
