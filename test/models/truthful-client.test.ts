// What the chat-completions client reports when the upstream does not simply answer:
// refusals, content filtering, truncation, reasoning text and streams cut short. Each is
// replayed by a local OpenAI-compatible server started here, as JSON and as SSE.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  createOpenAICompatibleModel,
  ModelError,
  type ModelResponse,
  type ModelStreamEvent,
} from '../../src/models/index.js';
import {
  reply,
  startChatCompletionsServer,
  type Reply,
} from '../helpers/openai-compatible-server.js';

const server = await startChatCompletionsServer();
after(() => server.close());
const model = createOpenAICompatibleModel({
  baseURL: server.url,
  apiKey: 'sk-test',
  model: 'test-model',
  maxRetries: 0,
});
const ask = { messages: [{ role: 'user' as const, content: 'hello' }] };

async function streamed(): Promise<{ events: ModelStreamEvent[]; response: ModelResponse }> {
  const events: ModelStreamEvent[] = [];
  for await (const e of model.stream!(ask)) events.push(e);
  const last = events.at(-1);
  assert.ok(last?.type === 'response', 'the stream ends with the whole response');
  return { events, response: last.response };
}
const textOf = (events: ModelStreamEvent[]): string =>
  events.map((e) => (e.type === 'text-delta' ? e.text : '')).join('');

test('a refusal is reported as such, not as an empty answer (JSON and stream)', async () => {
  server.script(reply.refusal("I can't help with that."));
  const whole = await model.generate(ask);
  assert.equal(whole.refusal, "I can't help with that.");
  assert.equal(whole.text, null);

  server.script(reply.refusal("I can't help with that."));
  const { events, response } = await streamed();
  assert.equal(response.refusal, "I can't help with that.");
  assert.equal(textOf(events), '', 'the refusal is not streamed as answer text');
});

test('finish_reason content_filter and length reach the response (JSON and stream)', async () => {
  server.script(reply.contentFilter('Partial'), reply.length('The answer is cut'));
  assert.equal((await model.generate(ask)).finishReason, 'content_filter');
  const cut = await model.generate(ask);
  assert.equal(cut.finishReason, 'length');
  assert.equal(cut.text, 'The answer is cut');

  server.script(reply.contentFilter('Partial'), reply.length('The answer is cut'));
  assert.equal((await streamed()).response.finishReason, 'content_filter');
  assert.equal((await streamed()).response.finishReason, 'length');
});

for (const field of ['reasoning_content', 'reasoning'] as const) {
  test(`reasoning text in \`${field}\` is kept apart from the answer (JSON and stream)`, async () => {
    server.script(reply.reasoning('Think: 6 times 7.', 'It is 42.', field));
    const whole = await model.generate(ask);
    assert.equal(whole.text, 'It is 42.');
    assert.equal(whole.reasoning, 'Think: 6 times 7.');

    server.script(reply.reasoning('Think: 6 times 7.', 'It is 42.', field));
    const { events, response } = await streamed();
    assert.equal(textOf(events), 'It is 42.');
    const thinking = events.map((e) => (e.type === 'reasoning-delta' ? e.text : '')).join('');
    assert.equal(thinking, 'Think: 6 times 7.');
    assert.ok(
      events.findIndex((e) => e.type === 'reasoning-delta') <
        events.findIndex((e) => e.type === 'text-delta'),
      'reasoning streams before the answer',
    );
    assert.equal(response.text, 'It is 42.');
    assert.equal(response.reasoning, 'Think: 6 times 7.');
  });
}

test('a stream that ends without finish_reason or [DONE] is an error, not a final answer', async () => {
  server.script(reply.cut('The first half of'));
  await assert.rejects(streamed(), (err: unknown) => {
    assert.ok(err instanceof ModelError, String(err));
    assert.match(err.message, /ended before the answer was complete/);
    assert.ok(err.message.includes(`${server.url}/chat/completions`));
    return true;
  });
});

test('a stream with finish_reason but no [DONE] (some servers omit it) is complete', async () => {
  server.script({
    ...(reply.text('All of it.') as Extract<Reply, { kind: 'message' }>),
    done: false,
  });
  const { response } = await streamed();
  assert.equal(response.text, 'All of it.');
  assert.equal(response.finishReason, 'stop');
});
