import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { z } from 'zod';
import { agent, tool } from '../../src/agents/index.js';
import { scriptedModel, scriptedToolCall as toolCall } from '../../src/models/index.js';
import type { ModelRequest } from '../../src/models/index.js';
import { agentTarget } from '../../src/server/index.js';
import { TOKEN, errorOf, testServer } from './helpers.js';
import type { TestServer } from './helpers.js';

/** The last user message of a request, to check the conversation reached the model. */
function lastUser(req: ModelRequest): string {
  const m = [...req.messages].reverse().find((x) => x.role === 'user');
  return m && m.role === 'user' ? m.content : '';
}

describe('OpenAI-compatible /v1 with the official openai client', () => {
  let server: TestServer;
  let client: OpenAI;
  // A scripted model (not a real one): echoes the question, or calls the clock tool first when asked the time.
  const model = scriptedModel((req) => {
    const question = lastUser(req);
    const toolResult = req.messages.find((m) => m.role === 'tool');
    if (question.includes('time') && !toolResult) return toolCall('clock', {});
    if (toolResult && toolResult.role === 'tool') return `It is ${toolResult.content}.`;
    return `You said: ${question}`;
  });
  const clock = tool({
    name: 'clock',
    description: 'current time',
    input: z.object({}),
    execute: () => '12:00',
  });
  const helper = agent({
    name: 'helper',
    instructions: 'Be brief.',
    model,
    tools: [clock],
    handoffDescription: 'A brief helper',
  });

  before(async () => {
    server = await testServer({ chatTargets: [agentTarget(helper)] });
    client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: TOKEN, maxRetries: 0 });
  });
  after(() => server.close());

  it('lists served agents as models', async () => {
    const page = await client.models.list();
    const ids = page.data.map((m) => m.id);
    assert.deepEqual(ids, ['helper']);
    assert.equal(page.data[0]!.owned_by, 'atelier-agent');
  });

  it('chats without streaming: the agent sees the conversation and its answer comes back', async () => {
    const res = await client.chat.completions.create({
      model: 'helper',
      messages: [
        { role: 'system', content: 'extra context' },
        { role: 'user', content: 'hello there' },
      ],
    });
    assert.equal(res.object, 'chat.completion');
    assert.equal(res.choices[0]!.message.content, 'You said: hello there');
    assert.equal(res.choices[0]!.finish_reason, 'stop');
    const seen = model.requests.at(-1)!;
    assert.ok(seen.messages.some((m) => m.role === 'system' && m.content === 'extra context'));
  });

  it('runs the agent loop with tools behind one completion', async () => {
    const res = await client.chat.completions.create({
      model: 'helper',
      messages: [{ role: 'user', content: 'what time is it?' }],
    });
    assert.equal(res.choices[0]!.message.content, 'It is 12:00.');
  });

  it('streams chunks that add up to the answer, with usage when asked', async () => {
    const stream = await client.chat.completions.create({
      model: 'helper',
      messages: [{ role: 'user', content: 'stream this please' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let chunks = 0;
    let finish: string | null | undefined;
    let sawUsage = false;
    for await (const chunk of stream) {
      chunks++;
      if (chunk.usage) sawUsage = true;
      const choice = chunk.choices[0];
      if (!choice) continue;
      text += choice.delta.content ?? '';
      if (choice.finish_reason) finish = choice.finish_reason;
    }
    assert.equal(text, 'You said: stream this please');
    assert.ok(chunks > 3, `expected several chunks, got ${chunks}`);
    assert.equal(finish, 'stop');
    assert.ok(sawUsage);
  });

  it('answers an unknown model with 404 the client understands', async () => {
    await assert.rejects(
      client.chat.completions.create({
        model: 'nobody',
        messages: [{ role: 'user', content: 'hi' }],
      }),
      (err: unknown) => err instanceof OpenAI.NotFoundError && /nobody/.test(err.message),
    );
  });

  it('rejects a request without messages, naming the field', async () => {
    const res = await server.call('/v1/chat/completions', {
      json: { model: 'helper', messages: [] },
    });
    assert.equal(res.status, 400);
    const err = await errorOf(res);
    assert.equal(err.param, 'messages');
    assert.match(err.message, /messages: at least one message/);
  });

  it('refuses a client without the token', async () => {
    const anonymous = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'wrong', maxRetries: 0 });
    await assert.rejects(
      anonymous.models.list(),
      (err: unknown) => err instanceof OpenAI.AuthenticationError,
    );
  });
});
