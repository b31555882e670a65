import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadMission, resumeRun, startRun } from '../../src/team/index.js';
import { workshop } from './workshop.js';
import type { Mission, RunEvent, RunLog, ToolModel } from '../../src/team/index.js';
import { openRunStore } from '../../src/store/index.js';
import { createOpenAICompatibleModel } from '../../src/models/index.js';
import { reply, startChatCompletionsServer } from '../helpers/openai-compatible-server.js';

const tempDir = () => mkdtempSync(join(tmpdir(), 'atelier-learned-'));
const tempStore = () => openRunStore(join(tempDir(), 'runs.db'));

async function run(
  store: RunLog,
  mission: Mission,
  goal: string,
  model?: Parameters<typeof startRun>[1]['model'],
) {
  const events: RunEvent[] = [];
  const summary = await (
    await startRun(mission, {
      store,
      goal,
      timeScale: 0,
      onEvent: (e) => events.push(e),
      ...(model === undefined ? {} : { model }),
    })
  ).done;
  const modelled = events.flatMap((e) => (e.type === 'tools.modelled' ? [e.data.tools] : []));
  return { summary, events, modelled };
}
const makeModel = (tools: ToolModel[]) => tools.find((t) => t.tool === 'make')!;

/** The model played by a local OpenAI-compatible server started by the test. */
const testModel = (baseURL: string) =>
  createOpenAICompatibleModel({ baseURL, model: 'test-model', apiKey: 'sk-test', maxRetries: 0 });

test('a tool never observed cannot be planned with: the failure names it', async () => {
  const store = tempStore();
  const { summary, modelled } = await run(store, workshop(), '(shipped p1)');
  await store.close();
  assert.equal(summary.status, 'failed');
  assert.match(
    summary.reason ?? '',
    /no plan reaches the goal \(shipped p1\); it may need the tool 'make' \(never observed in the mission's runs, no model\), which the planner cannot use without a model/,
  );
  assert.ok(summary.whyNot?.some((l) => /bootstrap model/.test(l)));
  assert.deepEqual(
    modelled[0]!.map((t) => [t.tool, t.source, t.observations]),
    [
      ['ship', 'declared', 0],
      ['make', 'unobserved', 0],
    ],
  );
});

test('a learned tool: bootstrapped unverified, then learned from the earlier runs and planned with', async () => {
  const store = tempStore();
  // The bootstrap model misses that making takes the part out of stock.
  const first = await run(
    store,
    workshop({ bootstrap: { precondition: '(in_stock ?p)', effect: '(made ?p)' } }),
    '(shipped p1)',
  );
  assert.equal(first.summary.status, 'succeeded');
  const proposed = makeModel(first.modelled[0]!);
  assert.deepEqual(
    [proposed.source, proposed.by, proposed.observations, proposed.effect],
    ['proposed', 'bootstrap', 0, '(made ?p)'],
  );
  // The step changed what the world reported, not what the bootstrap model said.
  const changed = first.events.find((e) => e.type === 'facts.changed');
  assert.ok(changed?.type === 'facts.changed');
  assert.deepEqual(changed.data.deleted, ['(in_stock p1)']);
  assert.equal(changed.data.diverged, true);

  // The next run of the mission (no bootstrap now) learns make from the first one.
  const second = await run(store, workshop(), '(shipped p2)');
  await store.close();
  assert.equal(second.summary.status, 'succeeded', second.summary.reason);
  const learned = makeModel(second.modelled[0]!);
  assert.equal(learned.source, 'learned');
  assert.equal(learned.observations, 1);
  assert.equal(learned.effect, '(and (not (in_stock ?p)) (made ?p))');
  assert.match(learned.precondition ?? '', /\(in_stock \?p\)/);
  const made = second.events.find((e) => e.type === 'step.started' && e.data.action === 'make');
  assert.deepEqual(made?.type === 'step.started' ? made.data.args : [], ['p2']);
});

test('a proposal contradicted by its first step is replaced by the learned model within the run', async () => {
  const store = tempStore();
  // Wrong: making needs nothing and also ships. The world does not ship: the plan breaks.
  const mission = workshop({ bootstrap: { effect: '(and (made ?p) (shipped ?p))' } });
  const { summary, modelled, events } = await run(store, mission, '(shipped p1)');
  await store.close();
  assert.equal(summary.status, 'succeeded', summary.reason);
  assert.equal(modelled.length, 2, JSON.stringify(modelled));
  assert.equal(makeModel(modelled[0]!).source, 'proposed');
  const replaced = makeModel(modelled[1]!);
  assert.equal(replaced.source, 'learned');
  assert.match(
    replaced.note ?? '',
    /^the unverified bootstrap proposal was replaced: make: proposed effect \(shipped \?p\) did not happen \(1 of 1 observation/,
  );
  const actions = events.flatMap((e) => (e.type === 'step.finished' ? [e.data.action] : []));
  assert.deepEqual(actions, ['make', 'ship']);
});

test("the model's proposal for an unobserved tool: checked against the vocabulary, marked unverified, replaced", async () => {
  const server = await startChatCompletionsServer([
    // First an invalid answer (a predicate the mission does not have): sent back.
    reply.text(JSON.stringify({ precondition: '(in_stock ?p)', effect: '(built ?p)' })),
    reply.text(JSON.stringify({ precondition: '(in_stock ?p)', effect: '(made ?p)' })),
  ]);
  const model = testModel(server.url);
  const store = tempStore();
  try {
    const first = await run(store, workshop(), '(shipped p1)', model);
    assert.equal(first.summary.status, 'succeeded', first.summary.reason);
    const proposed = makeModel(first.modelled[0]!);
    assert.deepEqual(
      [proposed.source, proposed.by, proposed.precondition, proposed.effect],
      ['proposed', 'model', '(in_stock ?p)', '(made ?p)'],
    );
    assert.equal(server.requests.length, 2);
    const correction = JSON.stringify(server.requests[1]!.body.messages);
    assert.match(correction, /That model is invalid: .*built/);
    assert.ok(first.events.some((e) => e.type === 'usage.recorded' && e.data.agent === 'learn'));
    // Observed once: the next run learns it and does not ask the model.
    const second = await run(store, workshop(), '(shipped p2)', model);
    assert.equal(second.summary.status, 'succeeded');
    assert.equal(makeModel(second.modelled[0]!).source, 'learned');
    assert.equal(server.requests.length, 2);
  } finally {
    await store.close();
    await server.close();
  }
});

test('mission.yaml: learn: auto learns the tools without an effect; mistakes are located', async () => {
  const dir = tempDir();
  const yaml = (tools: string, extra = '') =>
    writeFileSync(
      join(dir, 'mission.yaml'),
      `name: workshop\n${extra}objects:\n  part: [p1]\nfacts: ["(in_stock p1)"]\ngoal: (shipped p1)\ntools:\n${tools}agents:\n  - name: ann\n    capabilities: [make, ship]\n`,
    );
  const ship =
    '  ship:\n    params: { p: part }\n    precondition: (made ?p)\n    effect: (shipped ?p)\n';
  yaml(
    `  make:\n    params: { p: part }\n    bootstrap: { effect: (made ?p) }\n${ship}`,
    'learn: auto\n',
  );
  const m = await loadMission(dir);
  assert.deepEqual(
    m.domain.actions.map((a) => a.name),
    ['ship'],
  );
  assert.deepEqual(
    m.learnedActions?.map((l) => [l.action.name, l.bootstrap !== undefined]),
    [['make', true]],
  );
  yaml(`  make:\n    params: { p: part }\n${ship}`);
  await assert.rejects(loadMission(dir), (err: Error & { hint?: string }) => {
    assert.match(err.message, /tools\.make\.effect: missing; expected a PDDL effect/);
    assert.match(err.hint ?? '', /learned: true/);
    return true;
  });
  yaml(`  make:\n    params: { p: part }\n    learned: true\n    effect: (made ?p)\n${ship}`);
  await assert.rejects(
    loadMission(dir),
    (err: Error & { code?: string; location?: { line: number } }) => {
      assert.equal(err.code, 'MISSION_LEARNED_TOOL');
      assert.equal(err.message, 'tools.make.effect: a learned tool declares no effect');
      assert.equal(err.location?.line, 10);
      return true;
    },
  );
});

test("a resumed run keeps the model's proposal it recorded and learns from its own steps", async () => {
  const server = await startChatCompletionsServer([
    reply.text(JSON.stringify({ precondition: '(in_stock ?p)', effect: '(made ?p)' })),
  ]);
  const model = testModel(server.url);
  const store = tempStore();
  try {
    const mission = workshop({ approveShip: true });
    const stop = new AbortController();
    const events: RunEvent[] = [];
    const handle = await startRun(mission, {
      store,
      timeScale: 0,
      model,
      signal: stop.signal,
      onEvent: (e) => {
        events.push(e);
        if (e.type === 'approval.requested') stop.abort('test');
      },
    });
    await handle.done.catch(() => undefined);
    assert.ok(events.some((e) => e.type === 'step.finished' && e.data.action === 'make'));
    const again: RunEvent[] = [];
    const resumed = await resumeRun(store, handle.id, {
      mission,
      model,
      approve: 'auto',
      onEvent: (e) => again.push(e),
    });
    assert.equal((await resumed.done).status, 'succeeded');
    // The model was asked once, before the interruption; the resumed round goes on.
    assert.equal(server.requests.length, 1);
    const started = again.flatMap((e) => (e.type === 'step.started' ? [e.data.action] : []));
    assert.deepEqual(started, ['ship']);
    // Before the round goes on, make's models come from the steps observed so far.
    const resumedModels = again.find((e) => e.type === 'tools.modelled');
    assert.ok(resumedModels?.type === 'tools.modelled');
    assert.equal(makeModel(resumedModels.data.tools).source, 'learned');
  } finally {
    await store.close();
    await server.close();
  }
});
