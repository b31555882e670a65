import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createOpenAICompatibleModel, type ModelResponse } from '../../src/models/index.js';
import { reply, startChatCompletionsServer } from '../helpers/openai-compatible-server.js';

// Tool-call fragments as different servers stream them, sent over real SSE.
const server = await startChatCompletionsServer();
after(() => server.close());

const model = createOpenAICompatibleModel({
  baseURL: server.url,
  apiKey: 'sk-test',
  model: 'test-model',
  maxRetries: 0,
});
const tools = [
  {
    name: 'weather',
    description: 'weather in a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } } },
  },
];
const chunk = (toolCalls: unknown[]): unknown => ({
  choices: [{ index: 0, delta: { tool_calls: toolCalls }, finish_reason: null }],
});
const finish = { choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] };

async function streamed(): Promise<ModelResponse> {
  let response: ModelResponse | undefined;
  for await (const e of model.stream!({ messages: [{ role: 'user', content: 'weather?' }], tools }))
    if (e.type === 'response') response = e.response;
  assert.ok(response);
  return response;
}

const expected = [
  { id: 'call_a', name: 'weather', arguments: '{"city":"Paris"}' },
  { id: 'call_b', name: 'weather', arguments: '{"city":"Oslo"}' },
];

test('parallel calls that all come with index 0 stay separate when each has its own id', async () => {
  server.script(
    reply.sse(
      chunk([
        { index: 0, id: 'call_a', type: 'function', function: { name: 'weather', arguments: '' } },
      ]),
      chunk([{ index: 0, function: { arguments: '{"city":' } }]),
      chunk([{ index: 0, function: { arguments: '"Paris"}' } }]),
      chunk([
        {
          index: 0,
          id: 'call_b',
          type: 'function',
          function: { name: 'weather', arguments: '{"city":' },
        },
      ]),
      chunk([{ index: 0, function: { arguments: '"Oslo"}' } }]),
      finish,
    ),
  );
  assert.deepEqual((await streamed()).toolCalls, expected);
});

test('a server repeating the id on every fragment of a call still yields one call per id', async () => {
  server.script(
    reply.sse(
      chunk([{ index: 0, id: 'call_a', function: { name: 'weather', arguments: '{"city":' } }]),
      chunk([{ index: 0, id: 'call_a', function: { arguments: '"Paris"}' } }]),
      chunk([
        { index: 0, id: 'call_b', function: { name: 'weather', arguments: '{"city":"Oslo"}' } },
      ]),
      chunk([{ index: 0, id: '', function: { arguments: '' } }]),
      finish,
    ),
  );
  assert.deepEqual((await streamed()).toolCalls, expected);
});

test('calls with distinct indexes (OpenAI style) are assembled by index, fragments without ids included', async () => {
  server.script(
    reply.sse(
      chunk([{ index: 0, id: 'call_a', function: { name: 'weather', arguments: '' } }]),
      chunk([{ index: 1, id: 'call_b', function: { name: 'weather', arguments: '' } }]),
      chunk([{ index: 0, function: { arguments: '{"city":"Paris"}' } }]),
      chunk([{ index: 1, function: { arguments: '{"city":"Oslo"}' } }]),
      finish,
    ),
  );
  assert.deepEqual((await streamed()).toolCalls, expected);
});
