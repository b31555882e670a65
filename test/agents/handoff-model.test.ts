import { test } from 'node:test';
import assert from 'node:assert/strict';
import { agent, NoModelError, run } from '../../src/agents/index.js';
import { scriptedModel, scriptedToolCall, type Model } from '../../src/models/index.js';

test('agents that hand off to each other share the conversation and the model of the agent that handed off', async () => {
  const model = scriptedModel([
    scriptedToolCall('transfer_to_expert', {}),
    scriptedToolCall('transfer_to_front_desk', {}),
    'back at the desk',
  ]);
  const frontDesk = agent({ name: 'Front desk', instructions: 'front', model });
  const expert = agent({ name: 'Expert', instructions: 'expert' });
  frontDesk.handoffs.push(expert);
  expert.handoffs.push(frontDesk);
  const result = await run(frontDesk, 'question');
  assert.equal(result.lastAgent, frontDesk);
  assert.equal(result.finalOutput, 'back at the desk');
  assert.deepEqual(
    model.requests.map((r) => r.messages[0]?.content),
    ['front', 'expert', 'front'],
  );
  assert.deepEqual(
    model.requests.map((r) => r.tools?.map((t) => t.name)),
    [['transfer_to_expert'], ['transfer_to_front_desk'], ['transfer_to_expert']],
  );
  assert.deepEqual(
    result.events
      .filter((e) => e.type === 'handoff')
      .map((e) => e.type === 'handoff' && `${e.from}>${e.to}`),
    ['Front desk>Expert', 'Expert>Front desk'],
  );
});

test('a run whose agent has no model and is given none fails with a NoModelError that says what to pass', async () => {
  await assert.rejects(
    run(agent({ name: 'lonely' }), 'hi'),
    (err: unknown) =>
      err instanceof NoModelError &&
      /agent lonely has no model/.test(err.message) &&
      /modelFromEnv/.test(err.hint ?? ''),
  );
});

test('a streamed run on a model that cannot stream still yields the answer as one text delta', async () => {
  const wholeOnly: Model = {
    name: 'whole-only',
    generate: () => Promise.resolve({ text: 'all at once', toolCalls: [], finishReason: 'stop' }),
  };
  const streamed = run(agent({ name: 'a', model: wholeOnly }), 'hi', { stream: true });
  const deltas: string[] = [];
  for await (const e of streamed) if (e.type === 'text-delta') deltas.push(e.text);
  assert.deepEqual(deltas, ['all at once']);
  assert.equal((await streamed.result).text, 'all at once');
});
