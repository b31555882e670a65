import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  createOpenAICompatibleModel,
  ModelError,
  type ModelRequest,
} from '../../src/models/index.js';
import { reply, startChatCompletionsServer } from '../helpers/openai-compatible-server.js';

// The server sends its headers (and part of the body), then stops: the timeout or the
// caller's signal fires while the body is being read, after fetch has resolved.
// The timeout is generous (1.5 s) so that a loaded machine still delivers the first event.
const server = await startChatCompletionsServer();
after(() => server.close());

const model = (timeoutMs = 1500) =>
  createOpenAICompatibleModel({
    baseURL: server.url,
    apiKey: 'sk-test',
    model: 'test-model',
    timeoutMs,
    maxRetries: 0,
  });
const ask: ModelRequest = { messages: [{ role: 'user', content: 'hello' }] };
const endpoint = `${server.url}/chat/completions`;

function isStallTimeout(err: unknown): boolean {
  assert.ok(err instanceof ModelError, `expected a ModelError, got ${String(err)}`);
  assert.equal(err.endpoint, endpoint);
  assert.ok(err.message.includes(endpoint), err.message);
  assert.match(err.message, /within 1\.5s/);
  assert.match(err.hint ?? '', /timeoutMs/);
  return true;
}

async function drain(request: ModelRequest, m = model()): Promise<string[]> {
  const deltas: string[] = [];
  for await (const e of m.stream!(request)) if (e.type === 'text-delta') deltas.push(e.text);
  return deltas;
}

test('a plain answer that stalls after its headers times out with a ModelError naming the endpoint', async () => {
  server.script(reply.stall());
  await assert.rejects(model().generate(ask), isStallTimeout);
});

test('a stream that stalls after its first event times out with a ModelError naming the endpoint', async () => {
  server.script(reply.stall('Partial'));
  const deltas: string[] = [];
  await assert.rejects(
    (async () => {
      for await (const e of model().stream!(ask)) if (e.type === 'text-delta') deltas.push(e.text);
    })(),
    isStallTimeout,
  );
  assert.deepEqual(deltas, ['Partial'], 'the event before the stall was delivered');
});

test("cancelling by the caller while a plain body is read rejects with the caller's abort, not a timeout", async () => {
  server.script(reply.stall());
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 50);
  await assert.rejects(
    model(10_000).generate({ ...ask, signal: controller.signal }),
    (err: unknown) => {
      assert.ok(!(err instanceof ModelError));
      assert.equal((err as Error).name, 'AbortError');
      return true;
    },
  );
});

test("cancelling by the caller mid-stream rejects with the caller's reason, not a timeout", async () => {
  server.script(reply.stall());
  const controller = new AbortController();
  const reason = new Error('user pressed Ctrl-C');
  setTimeout(() => controller.abort(reason), 50);
  await assert.rejects(
    drain({ ...ask, signal: controller.signal }, model(10_000)),
    (err: unknown) => err === reason,
  );
});

test('a stream whose connection drops mid-answer fails with a ModelError naming the endpoint', async () => {
  const dropping = await startChatCompletionsServer([reply.stall()]);
  const m = createOpenAICompatibleModel({
    baseURL: dropping.url,
    model: 'test-model',
    maxRetries: 0,
  });
  const reading = drain(ask, m);
  // Wait until the server holds the connection open, then cut it.
  while (dropping.remaining() > 0) await new Promise((r) => setTimeout(r, 10));
  await new Promise((r) => setTimeout(r, 50));
  await dropping.close();
  await assert.rejects(reading, (err: unknown) => {
    assert.ok(err instanceof ModelError, `expected a ModelError, got ${String(err)}`);
    assert.equal(err.endpoint, m.endpoint);
    assert.match(err.message, /connection .* broke while reading/);
    return true;
  });
});
