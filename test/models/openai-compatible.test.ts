import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { UserError } from '../../src/errors.js';
import {
  createOpenAICompatibleModel,
  ModelConfigError,
  ModelError,
  type ModelResponse,
} from '../../src/models/index.js';
import { reply, startChatCompletionsServer } from '../helpers/openai-compatible-server.js';

const server = await startChatCompletionsServer();
after(() => server.close());

function model(extra: Partial<Parameters<typeof createOpenAICompatibleModel>[0]> = {}) {
  return createOpenAICompatibleModel({
    baseURL: server.url,
    apiKey: 'sk-test',
    model: 'test-model',
    ...extra,
  });
}
const ask = { messages: [{ role: 'user' as const, content: 'hello' }] };

async function collect(
  m: ReturnType<typeof model>,
  request = ask,
): Promise<{ deltas: string[]; response: ModelResponse }> {
  const deltas: string[] = [];
  let response: ModelResponse | undefined;
  for await (const e of m.stream!(request)) {
    if (e.type === 'text-delta') deltas.push(e.text);
    else if (e.type === 'response') response = e.response;
  }
  assert.ok(response);
  return { deltas, response };
}

test('a plain completion sends model, messages and the bearer key, and returns text and usage', async () => {
  server.script(reply.text('Hi there!'));
  const before = server.requests.length;
  const res = await model().generate(ask);
  assert.equal(res.text, 'Hi there!');
  assert.deepEqual(res.usage, { inputTokens: 10, outputTokens: 5, totalTokens: 15 });
  assert.equal(res.finishReason, 'stop');
  const req = server.requests[before]!;
  assert.equal(req.headers.authorization, 'Bearer sk-test');
  assert.equal(req.body.model, 'test-model');
  assert.deepEqual(req.body.messages, [{ role: 'user', content: 'hello' }]);
  assert.equal(req.body.stream, undefined);
});

test('streaming reassembles text deltas from server-sent events and reads usage', async () => {
  server.script(reply.text('The quick brown fox.'));
  const { deltas, response } = await collect(model());
  assert.ok(deltas.length > 3, 'text came in several deltas');
  assert.equal(deltas.join(''), 'The quick brown fox.');
  assert.equal(response.text, 'The quick brown fox.');
  assert.equal(response.usage?.totalTokens, 15);
  assert.equal(server.requests.at(-1)!.body.stream, true);
});

test('parallel tool calls come back whole, plain and streamed, and tools are sent as functions', async () => {
  const calls = reply.toolCalls(
    { name: 'add', args: { a: 1, b: 2 }, id: 'c1' },
    { name: 'mul', args: { a: 3, b: 4 }, id: 'c2' },
  );
  server.script(calls, calls);
  const tools = [
    {
      name: 'add',
      description: 'adds',
      parameters: { type: 'object', properties: { a: { type: 'number' } } },
    },
    { name: 'mul', description: 'multiplies', parameters: { type: 'object', properties: {} } },
  ];
  const expected = [
    { id: 'c1', name: 'add', arguments: '{"a":1,"b":2}' },
    { id: 'c2', name: 'mul', arguments: '{"a":3,"b":4}' },
  ];
  const plain = await model().generate({ ...ask, tools });
  assert.deepEqual(plain.toolCalls, expected);
  assert.equal(plain.finishReason, 'tool_calls');
  const sent = server.requests.at(-1)!.body.tools as Array<{
    type: string;
    function: { name: string };
  }>;
  assert.deepEqual(
    sent.map((t) => [t.type, t.function.name]),
    [
      ['function', 'add'],
      ['function', 'mul'],
    ],
  );
  const { response } = await collect(model(), { ...ask, tools } as typeof ask);
  assert.deepEqual(response.toolCalls, expected);
  assert.equal(response.text, null);
});

test('assistant tool calls and tool results are sent in the chat-completions shape', async () => {
  server.script(reply.text('done'));
  await model().generate({
    messages: [
      { role: 'user', content: 'add' },
      {
        role: 'assistant',
        content: null,
        toolCalls: [{ id: 'c1', name: 'add', arguments: '{}' }],
        agent: 'x',
      },
      { role: 'tool', toolCallId: 'c1', content: '3' },
    ],
  });
  assert.deepEqual(server.requests.at(-1)!.body.messages, [
    { role: 'user', content: 'add' },
    {
      role: 'assistant',
      content: null,
      tool_calls: [{ id: 'c1', type: 'function', function: { name: 'add', arguments: '{}' } }],
    },
    { role: 'tool', tool_call_id: 'c1', content: '3' },
  ]);
});

test('structured output is requested with response_format json_schema', async () => {
  server.script(reply.text('{"x":1}'));
  const schema = {
    type: 'object',
    properties: { x: { type: 'number' } },
    required: ['x'],
    additionalProperties: false,
  };
  await model().generate({ ...ask, output: { name: 'answer', schema, strict: true } });
  assert.deepEqual(server.requests.at(-1)!.body.response_format, {
    type: 'json_schema',
    json_schema: { name: 'answer', schema, strict: true },
  });
});

test('a 429 is retried after the Retry-After delay, then succeeds', async () => {
  server.script(reply.status(429, 'slow down', { 'retry-after': '1' }), reply.text('ok now'));
  const before = server.requests.length;
  const res = await model().generate(ask);
  assert.equal(res.text, 'ok now');
  const [first, second] = server.requests.slice(before);
  assert.ok(first && second, 'two attempts');
  assert.ok(
    second.at - first.at >= 900,
    `waited ${second.at - first.at} ms, Retry-After asked 1000`,
  );
});

test('5xx answers are retried maxRetries times, then fail with a ModelError naming the endpoint', async () => {
  server.script(
    ...Array.from({ length: 3 }, () => reply.status(503, 'overloaded', { 'retry-after-ms': '5' })),
  );
  const before = server.requests.length;
  await assert.rejects(model({ maxRetries: 2 }).generate(ask), (err: unknown) => {
    assert.ok(err instanceof ModelError);
    assert.equal(err.status, 503);
    assert.match(err.message, /chat\/completions answered 503: overloaded/);
    assert.ok(err.message.includes(server.url));
    return true;
  });
  assert.equal(server.requests.length - before, 3);
});

test('the 520-524 answers of a proxy in front of the server (Cloudflare) are retried, then succeed', async () => {
  const statuses = [520, 521, 522, 523, 524];
  server.script(
    ...statuses.map((s) => reply.status(s, `origin error ${s}`, { 'retry-after-ms': '1' })),
    reply.text('through'),
  );
  const before = server.requests.length;
  const res = await model({ maxRetries: statuses.length }).generate(ask);
  assert.equal(res.text, 'through');
  assert.equal(server.requests.length - before, statuses.length + 1);
});

test('a 401 is a configuration error naming the endpoint and the key to check, not retried', async () => {
  server.script(reply.status(401, 'Incorrect API key provided'));
  const before = server.requests.length;
  await assert.rejects(model().generate(ask), (err: unknown) => {
    assert.ok(err instanceof ModelConfigError);
    assert.ok(err instanceof UserError, 'user-facing');
    assert.ok(err.message.includes(`${server.url}/chat/completions`));
    assert.match(err.message, /refused the API key \(401\): Incorrect API key provided/);
    assert.match(err.hint ?? '', /OPENAI_API_KEY/);
    return true;
  });
  assert.equal(server.requests.length - before, 1);
});

test('a 404 names the model and says to check ATELIER_MODEL and the base URL', async () => {
  server.script(reply.status(404, 'model "nope" not found'));
  await assert.rejects(model({ model: 'nope' }).generate(ask), (err: unknown) => {
    assert.ok(err instanceof ModelConfigError);
    assert.match(err.message, /404 for model "nope"/);
    assert.match(err.hint ?? '', /ATELIER_MODEL.*OPENAI_BASE_URL/);
    return true;
  });
});

test('a 400 about tools is a ModelError with the server message and a hint about tool support', async () => {
  server.script(reply.status(400, 'registry.ollama.ai/library/gemma:2b does not support tools'));
  await assert.rejects(model().generate(ask), (err: unknown) => {
    assert.ok(err instanceof ModelError);
    assert.equal(err.status, 400);
    assert.match(err.message, /rejected the request \(400\): .*does not support tools/);
    assert.match(err.hint ?? '', /may not support tool calling/);
    return true;
  });
});

test('a refused connection says nothing is listening at the base URL', async () => {
  const port = await new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
  const m = createOpenAICompatibleModel({ baseURL: `http://127.0.0.1:${port}/v1`, model: 'x' });
  await assert.rejects(m.generate(ask), (err: unknown) => {
    assert.ok(err instanceof ModelConfigError);
    assert.match(
      err.message,
      new RegExp(
        `cannot reach the model endpoint http://127.0.0.1:${port}/v1/chat/completions \\(connection refused\\)`,
      ),
    );
    assert.match(err.hint ?? '', /OPENAI_BASE_URL/);
    return true;
  });
});

test('a body that is not JSON is a ModelError that says to check the base URL', async () => {
  server.script(reply.raw(200, 'text/html', '<html>not an API</html>'));
  await assert.rejects(model().generate(ask), (err: unknown) => {
    assert.ok(err instanceof ModelError);
    assert.match(err.message, /not JSON: <html>/);
    assert.match(err.hint ?? '', /OPENAI_BASE_URL/);
    return true;
  });
});

test('an AbortSignal cancels a request the server never answers', async () => {
  server.script(reply.hang());
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 50);
  const started = Date.now();
  await assert.rejects(model().generate({ ...ask, signal: controller.signal }), {
    name: 'AbortError',
  });
  assert.ok(Date.now() - started < 5000);
});

test('a request that exceeds timeoutMs fails with a ModelError saying so', async () => {
  server.script(reply.hang());
  await assert.rejects(model({ timeoutMs: 100, maxRetries: 0 }).generate(ask), (err: unknown) => {
    assert.ok(err instanceof ModelError);
    assert.match(err.message, /no answer from .* within 0.1s/);
    return true;
  });
});
