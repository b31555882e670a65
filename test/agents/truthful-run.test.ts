// A run tells its caller how the model's answer ended: a refusal or a filtered answer is
// an error, a truncated one fails (or is returned as such, or continued), reasoning is its
// own event kind, finishReason reaches the result. Against a local OpenAI-compatible
// server started here, each case both streamed and not.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  agent,
  run,
  type RunEvent,
  type RunOptions,
  type RunResult,
} from '../../src/agents/index.js';
import {
  createOpenAICompatibleModel,
  ModelError,
  ModelRefusalError,
  ModelTruncatedError,
} from '../../src/models/index.js';
import { reply, startChatCompletionsServer } from '../helpers/openai-compatible-server.js';

const server = await startChatCompletionsServer();
after(() => server.close());
const model = createOpenAICompatibleModel({
  baseURL: server.url,
  apiKey: 'sk-test',
  model: 'test-model',
  maxRetries: 0,
});
const assistant = agent({ name: 'Assistant', model });

/** Runs streamed or not; the events seen live (streamed) or returned. */
async function go(
  stream: boolean,
  options: Pick<RunOptions, 'onLength'> = {},
): Promise<{ result: RunResult<string>; events: RunEvent[] }> {
  if (!stream) {
    const result = await run(assistant, 'hello', options);
    return { result, events: result.events };
  }
  const s = run(assistant, 'hello', { ...options, stream: true });
  const events: RunEvent[] = [];
  for await (const e of s) events.push(e);
  return { result: await s.result, events };
}

for (const stream of [false, true]) {
  const mode = stream ? 'streamed' : 'not streamed';

  test(`${mode}: a refusal rejects with ModelRefusalError carrying the model's words`, async () => {
    server.script(reply.refusal("I can't help with that."));
    await assert.rejects(go(stream), (err: unknown) => {
      assert.ok(err instanceof ModelRefusalError, String(err));
      assert.equal(err.reason, 'refusal');
      assert.equal(err.refusal, "I can't help with that.");
      assert.match(err.message, /refused.*I can't help with that/);
      return true;
    });
  });

  test(`${mode}: finish_reason content_filter rejects with ModelRefusalError`, async () => {
    server.script(reply.contentFilter('Part'));
    await assert.rejects(go(stream), (err: unknown) => {
      assert.ok(err instanceof ModelRefusalError, String(err));
      assert.equal(err.reason, 'content_filter');
      assert.match(err.message, /content filter/);
      return true;
    });
  });

  test(`${mode}: a truncated answer fails by default with ModelTruncatedError`, async () => {
    server.script(reply.length('The answer is cut'));
    await assert.rejects(go(stream), (err: unknown) => {
      assert.ok(err instanceof ModelTruncatedError, String(err));
      assert.equal(err.text, 'The answer is cut');
      assert.match(err.message, /token limit/);
      return true;
    });
  });

  test(`${mode}: onLength 'return' gives the truncated answer with finishReason length`, async () => {
    server.script(reply.length('The answer is cut'));
    const { result, events } = await go(stream, { onLength: 'return' });
    assert.equal(result.finalOutput, 'The answer is cut');
    assert.equal(result.finishReason, 'length');
    const final = events.find((e) => e.type === 'final');
    assert.equal(final?.type === 'final' && final.finishReason, 'length');
    const message = events.find((e) => e.type === 'message');
    assert.equal(message?.type === 'message' && message.finishReason, 'length');
  });

  test(`${mode}: onLength 'continue' asks the model to go on and joins the parts`, async () => {
    server.script(reply.length('The answer '), reply.text('is complete.'));
    const before = server.requests.length;
    const { result } = await go(stream, { onLength: 'continue' });
    assert.equal(result.finalOutput, 'The answer is complete.');
    assert.equal(result.finishReason, 'stop');
    assert.equal(result.turns, 2);
    const second = server.requests[before + 1]!.body.messages as Array<{
      role: string;
      content: string;
    }>;
    assert.deepEqual(second.at(-2), { role: 'assistant', content: 'The answer ' });
    assert.equal(second.at(-1)?.role, 'user');
    assert.match(second.at(-1)!.content, /continue/i);
  });

  test(`${mode}: reasoning is its own event kind, kept out of the answer`, async () => {
    server.script(reply.reasoning('Think: 6 times 7.', 'It is 42.'));
    const { result, events } = await go(stream);
    assert.equal(result.finalOutput, 'It is 42.');
    assert.equal(result.finishReason, 'stop');
    const reasoning = events.filter((e) => e.type === 'reasoning');
    assert.deepEqual(
      reasoning.map((e) => e.type === 'reasoning' && e.text),
      ['Think: 6 times 7.'],
    );
    const answerText = events.map((e) => (e.type === 'text-delta' ? e.text : '')).join('');
    assert.equal(answerText, stream ? 'It is 42.' : '');
    if (stream) {
      const deltas = events.map((e) => (e.type === 'reasoning-delta' ? e.text : '')).join('');
      assert.equal(deltas, 'Think: 6 times 7.');
    }
    const message = events.find((e) => e.type === 'message');
    assert.equal(message?.type === 'message' && message.message.content, 'It is 42.');
  });
}

test('streamed: a stream cut before finish_reason and [DONE] fails the run', async () => {
  server.script(reply.cut('The first half of'));
  await assert.rejects(go(true), (err: unknown) => {
    assert.ok(err instanceof ModelError, String(err));
    assert.match(err.message, /ended before the answer was complete/);
    return true;
  });
});
