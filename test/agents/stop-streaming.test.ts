import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { agent, run, tool } from '../../src/agents/index.js';
import { createOpenAICompatibleModel } from '../../src/models/index.js';
import { reply, startChatCompletionsServer } from '../helpers/openai-compatible-server.js';

// Leaving a streamed run's `for await` early must cancel the run, not only the iterator.
const server = await startChatCompletionsServer();
after(() => server.close());
const model = createOpenAICompatibleModel({
  baseURL: server.url,
  apiKey: 'sk-test',
  model: 'test-model',
  maxRetries: 0,
});

/** Rejects if `promise` has not settled within `ms`. */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    sleep(ms).then(() => Promise.reject(new Error(`still running after ${ms} ms`))),
  ]);
}

test('breaking out while the model streams cancels its HTTP request and rejects the result with an AbortError', async () => {
  server.script(reply.stall('Once upon'));
  const streamed = run(agent({ name: 'storyteller', model }), 'tell me a story', { stream: true });
  for await (const e of streamed) if (e.type === 'text-delta') break;
  await within(assert.rejects(streamed.result, { name: 'AbortError' }), 2000);
  for (let i = 0; i < 100 && server.held() > 0; i++) await sleep(10);
  assert.equal(server.held(), 0, 'the client closed the stalled connection');
});

test('breaking out at a tool call starts no further model call and no further tool', async () => {
  let started = 0;
  const step = tool({
    name: 'step',
    description: 'one slow step (does not watch the signal)',
    input: z.object({}),
    execute: async () => {
      started++;
      await sleep(50);
      return 'done';
    },
  });
  server.script(
    reply.toolCalls({ name: 'step', args: {} }),
    reply.toolCalls({ name: 'step', args: {} }),
    reply.text('all steps done'),
  );
  const before = server.requests.length;
  const streamed = run(agent({ name: 'worker', model, tools: [step] }), 'do the steps', {
    stream: true,
  });
  for await (const e of streamed) if (e.type === 'tool-call') break;
  await within(assert.rejects(streamed.result, { name: 'AbortError' }), 2000);
  await sleep(200);
  assert.equal(server.requests.length - before, 1, 'one model call');
  assert.equal(started, 1, 'only the tool already running when the loop was left');
  // Drop the replies this test left unused.
  while (server.remaining() > 0)
    await model.generate({ messages: [{ role: 'user', content: 'x' }] });
});

test('iterating a streamed run to its end still resolves the result', async () => {
  server.script(reply.text('fine'));
  const streamed = run(agent({ name: 'plain', model }), 'hi', { stream: true });
  const types: string[] = [];
  for await (const e of streamed) types.push(e.type);
  assert.equal((await streamed.result).finalOutput, 'fine');
  assert.equal(types.at(-1), 'final');
});
