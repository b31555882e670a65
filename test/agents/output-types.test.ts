import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { agent, run, type Agent } from '../../src/agents/index.js';
import { scriptedModel, scriptedToolCall } from '../../src/models/index.js';

// The type checks here are enforced by `tsc -p .` (part of `npm test`): each
// `@ts-expect-error` fails the build if the line it marks becomes valid.
type Equal<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const typeIs = <A, B>(_proof: Equal<A, B>): void => undefined;

const Weather = z.object({ city: z.string(), celsius: z.number() });
type Weather = z.infer<typeof Weather>;

test('an agent without an output schema answers a string; one with a schema answers its type', () => {
  const plain = agent({ name: 'plain' });
  const reporter = agent({ name: 'reporter', output: Weather });
  typeIs<typeof plain, Agent<string>>(true);
  typeIs<typeof reporter, Agent<Weather>>(true);
  // @ts-expect-error: without `output` nothing makes the answer a number
  agent<number>({ name: 'claims-number' });
  assert.equal(plain.output, undefined);
  assert.equal(reporter.output, Weather);
});

test('after a handoff to an agent with another schema, finalOutput is typed as either, and is the other', async () => {
  const model = scriptedModel([
    scriptedToolCall('transfer_to_reporter', {}),
    '{"city":"Oslo","celsius":-3}',
  ]);
  const reporter = agent({ name: 'reporter', output: Weather, model });
  const triage = agent({ name: 'triage', model, handoffs: [reporter] });
  typeIs<typeof triage, Agent<string | Weather>>(true);
  const result = await run(triage, 'weather in Oslo?');
  typeIs<typeof result.finalOutput, string | Weather>(true);
  assert.equal(result.lastAgent, reporter);
  assert.deepEqual(result.finalOutput, { city: 'Oslo', celsius: -3 });
});

test('a handoff added later must answer in a type the agent declares', () => {
  const reporter = agent({ name: 'reporter', output: Weather });
  const plain = agent({ name: 'plain' });
  // @ts-expect-error: a text agent cannot gain a handoff that ends with a Weather
  plain.handoffs.push(reporter);
  const wide = agent<Weather | string>({ name: 'wide', output: Weather });
  wide.handoffs.push(plain, reporter);
  assert.deepEqual(wide.handoffs, [plain, reporter]);
});

test("agent() copies the handoffs it is given: pushing to one agent leaves the caller's array alone", () => {
  const helper = agent({ name: 'helper' });
  const given = [helper];
  const triage = agent({ name: 'triage', handoffs: given });
  triage.handoffs.push(agent({ name: 'other' }));
  assert.equal(given.length, 1);
});
