// The Responses API provider against a local Responses server started here: input items,
// tools, streaming events, structured output, reasoning, refusals and truncation, and the
// choice of protocol by configuration (ATELIER_MODEL_API).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { resolve } from 'node:path';
import { z } from 'zod';
import { UserError } from '../../src/errors.js';
import { agent, run, tool, type RunEvent } from '../../src/agents/index.js';
import {
  createResponsesModel,
  ModelError,
  ModelRefusalError,
  ModelTruncatedError,
  modelFromEnv,
  type ModelStreamEvent,
} from '../../src/models/index.js';
import { responsesReply as reply, startResponsesServer } from '../helpers/responses-server.js';

const server = await startResponsesServer();
after(() => server.close());
const model = createResponsesModel({
  baseURL: server.url,
  apiKey: 'sk-test',
  model: 'test-model',
  maxRetries: 0,
});
type Item = Record<string, unknown>;
const last = () => server.requests.at(-1)!.body;

test('a plain answer: instructions and input items out, text and usage back', async () => {
  server.script(reply.text('Hello!'));
  const res = await model.generate({
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'hi' },
    ],
  });
  assert.equal(res.text, 'Hello!');
  assert.equal(res.finishReason, 'stop');
  assert.deepEqual(res.usage, { inputTokens: 10, outputTokens: 5, totalTokens: 15 });
  const sent = server.requests.at(-1)!;
  assert.equal(sent.path, '/v1/responses');
  assert.equal(sent.headers.authorization, 'Bearer sk-test');
  assert.equal(sent.body.instructions, 'Be brief.');
  assert.deepEqual(sent.body.input, [{ role: 'user', content: 'hi' }]);
  assert.equal(sent.body.store, false);
  assert.equal(sent.body.stream, undefined);
});

test('streaming: text deltas from response.output_text.delta, the response from response.completed', async () => {
  server.script(reply.text('The quick brown fox.'));
  const events: ModelStreamEvent[] = [];
  for await (const e of model.stream!({ messages: [{ role: 'user', content: 'go' }] }))
    events.push(e);
  const deltas = events.flatMap((e) => (e.type === 'text-delta' ? [e.text] : []));
  assert.ok(deltas.length > 3);
  assert.equal(deltas.join(''), 'The quick brown fox.');
  const end = events.at(-1);
  assert.ok(end?.type === 'response');
  assert.equal(end.response.text, 'The quick brown fox.');
  assert.equal(last().stream, true);
});

for (const stream of [false, true]) {
  const mode = stream ? 'streamed' : 'not streamed';

  test(`${mode}: a tool round trip sends function tools, function_call and function_call_output items`, async () => {
    const add = tool({
      name: 'add',
      description: 'Add two numbers',
      input: z.object({ a: z.number(), b: z.number() }),
      execute: ({ a, b }) => ({ sum: a + b }),
    });
    const calc = agent({ name: 'Calc', instructions: 'Use tools.', model, tools: [add] });
    server.script(
      reply.toolCalls({ name: 'add', args: { a: 2, b: 3 }, id: 'call_9' }),
      reply.text('5'),
    );
    const before = server.requests.length;
    const result = stream
      ? await (async () => {
          const s = run(calc, 'two plus three', { stream: true });
          for await (const _ of s);
          return s.result;
        })()
      : await run(calc, 'two plus three');
    assert.equal(result.finalOutput, '5');
    const first = server.requests[before]!.body;
    assert.deepEqual(first.tools, [
      {
        type: 'function',
        name: 'add',
        description: 'Add two numbers',
        parameters: add.parameters,
        strict: false,
      },
    ]);
    const input = server.requests[before + 1]!.body.input as Item[];
    assert.deepEqual(input.slice(1), [
      { type: 'function_call', call_id: 'call_9', name: 'add', arguments: '{"a":2,"b":3}' },
      { type: 'function_call_output', call_id: 'call_9', output: '{"sum":5}' },
    ]);
  });

  test(`${mode}: reasoning summaries are a reasoning event, not answer text; settings.reasoning is sent`, async () => {
    const thinker = agent({
      name: 'Thinker',
      model,
      modelSettings: { reasoning: { effort: 'low', summary: 'auto' } },
    });
    server.script(reply.reasoning('Multiply 6 by 7.', 'It is 42.'));
    const events: RunEvent[] = [];
    let output: unknown;
    if (stream) {
      const s = run(thinker, 'six times seven', { stream: true });
      for await (const e of s) events.push(e);
      output = (await s.result).finalOutput;
    } else {
      const r = await run(thinker, 'six times seven');
      events.push(...r.events);
      output = r.finalOutput;
    }
    assert.equal(output, 'It is 42.');
    assert.deepEqual(
      events.flatMap((e) => (e.type === 'reasoning' ? [e.text] : [])),
      ['Multiply 6 by 7.'],
    );
    if (stream)
      assert.equal(
        events.map((e) => (e.type === 'reasoning-delta' ? e.text : '')).join(''),
        'Multiply 6 by 7.',
      );
    assert.deepEqual(last().reasoning, { effort: 'low', summary: 'auto' });
  });

  test(`${mode}: a refusal, a filtered answer and a cut answer are surfaced`, async () => {
    const a = agent({ name: 'A', model });
    const go = (onLength?: 'return') =>
      stream
        ? (async () => {
            const s = run(a, 'x', { stream: true, ...(onLength ? { onLength } : {}) });
            for await (const _ of s);
            return s.result;
          })()
        : run(a, 'x', onLength ? { onLength } : {});
    server.script(reply.refusal('No.'));
    await assert.rejects(
      go(),
      (e: unknown) => e instanceof ModelRefusalError && e.refusal === 'No.',
    );
    server.script(reply.incomplete('content_filter', 'Pa'));
    await assert.rejects(
      go(),
      (e: unknown) => e instanceof ModelRefusalError && e.reason === 'content_filter',
    );
    server.script(reply.incomplete('max_output_tokens', 'The answer is'));
    await assert.rejects(go(), (e: unknown) => e instanceof ModelTruncatedError);
    server.script(reply.incomplete('max_output_tokens', 'The answer is'));
    const cut = await go('return');
    assert.equal(cut.finalOutput, 'The answer is');
    assert.equal(cut.finishReason, 'length');
  });
}

test('structured output is asked for with text.format json_schema and parsed', async () => {
  const Weather = z.object({ city: z.string(), celsius: z.number() });
  const reporter = agent({ name: 'Reporter', model, output: Weather });
  server.script(reply.text('{"city":"Oslo","celsius":4}'));
  const { finalOutput } = await run(reporter, 'Weather in Oslo as JSON');
  assert.deepEqual(finalOutput, { city: 'Oslo', celsius: 4 });
  const format = (last().text as { format: Item }).format;
  assert.equal(format.type, 'json_schema');
  assert.equal(format.name, 'reporter_output');
  assert.equal((format.schema as Item).type, 'object');
});

test('a failed response and a stream without response.completed are ModelErrors', async () => {
  server.script(reply.failed('the upstream model crashed'));
  await assert.rejects(
    model.generate({ messages: [{ role: 'user', content: 'x' }] }),
    (e: unknown) => {
      assert.ok(e instanceof ModelError);
      assert.match(e.message, /failed response: the upstream model crashed/);
      return true;
    },
  );
  server.script(reply.cut('Half of'));
  const s = run(agent({ name: 'A', model }), 'x', { stream: true });
  for await (const _ of s);
  await assert.rejects(s.result, /ended before the answer was complete/);
});

test('ATELIER_MODEL_API picks the protocol; a wrong value is a clear configuration error', () => {
  const base = { ATELIER_MODEL: 'm', OPENAI_BASE_URL: server.url, OPENAI_API_KEY: 'k' };
  const cwd = resolve('test/fixtures');
  const responses = modelFromEnv({ cwd, env: { ...base, ATELIER_MODEL_API: 'responses' } });
  assert.equal(responses?.api, 'responses');
  assert.equal(responses?.endpoint, `${server.url}/responses`);
  assert.equal(modelFromEnv({ cwd, env: base })?.api, 'chat');
  assert.throws(
    () => modelFromEnv({ cwd, env: { ...base, ATELIER_MODEL_API: 'completions' } }),
    (e: unknown) => e instanceof UserError && e.code === 'CONFIG_BAD_MODEL_API',
  );
});

test('atelier chat --api responses talks to /v1/responses', async () => {
  server.script(reply.text('Bonjour.'));
  // Not spawnSync: the test server answers from this process's event loop.
  const out = await promisify(execFile)(
    process.execPath,
    [resolve('bin/atelier'), 'chat', '-m', 'salut', '--api', 'responses'],
    {
      env: { ...process.env, ATELIER_MODEL: 'm', OPENAI_BASE_URL: server.url, OPENAI_API_KEY: 'k' },
    },
  );
  assert.equal(out.stdout.trim(), 'Bonjour.');
  assert.equal(server.requests.at(-1)!.path, '/v1/responses');
});
