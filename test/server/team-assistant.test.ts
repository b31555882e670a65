/**
 * `/v1` `model: "team:NAME"` with a model configured: the team's assistant answers (a
 * local OpenAI-compatible server started by the test plays the model). A why question is
 * answered from the reasoner's proof; a run it starts waits on the store for the person's
 * approval (the model has no tool to give it), which the person gives through the API.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { createModel } from '../../src/models/index.js';
import { teamAssistantTarget } from '../../src/server/index.js';
import { openRunStore } from '../../src/store/index.js';
import {
  getRun,
  listExampleMissions,
  listRuns,
  loadMission,
  readEvents,
} from '../../src/team/index.js';
import type { RunStore } from '../../src/team/index.js';
import { reply, startChatCompletionsServer } from '../helpers/openai-compatible-server.js';
import type { ChatCompletionsServer } from '../helpers/openai-compatible-server.js';
import { TOKEN, testServer } from './helpers.js';
import type { TestServer } from './helpers.js';

const toolResults = (body: Record<string, unknown>): string[] =>
  (body.messages as Array<{ role: string; content: unknown }>)
    .filter((m) => m.role === 'tool')
    .map((m) => String(m.content));

describe('a team as an OpenAI model, with a model configured', () => {
  let server: TestServer;
  let model: ChatCompletionsServer;
  let store: RunStore;
  let client: OpenAI;
  before(async () => {
    model = await startChatCompletionsServer();
    store = openRunStore(
      join(mkdtempSync(join(tmpdir(), 'atelier-team-assistant-')), 'atelier.db'),
    );
    const info = listExampleMissions().find((m) => m.name === 'paris-office')!;
    const mission = await loadMission(info.dir);
    const llm = createModel({ model: 'team-test', baseURL: model.url, apiKey: 'k' });
    server = await testServer({
      chatTargets: [teamAssistantTarget(mission, { store, model: llm, timeScale: 0 })],
      runs: { store, timeScale: 0 },
    });
    client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: TOKEN, maxRetries: 0 });
  });
  after(async () => {
    await server.close();
    await model.close();
    await store.close();
  });

  it("answers a why question from the reasoner's proof", async () => {
    model.script(
      reply.toolCalls({ name: 'explain_fact', args: { fact: 'qualified(bastien, ml_engineer)' } }),
      reply.text('Yes: Bastien has ml_systems, which the position requires.'),
    );
    const first = model.requests.length;
    const answer = await client.chat.completions.create({
      model: 'team:paris-office',
      messages: [{ role: 'user', content: 'Is bastien qualified as ml engineer? Why?' }],
    });
    assert.match(answer.choices[0]?.message.content ?? '', /Bastien has ml_systems/);
    const proof = toolResults(model.requests[first + 1]!.body)[0]!;
    assert.ok(proof.includes('has_skill(bastien, ml_systems)  [base fact]'), proof);
  });

  it('starts a run whose approval waits for the person, who gives it through the API', async () => {
    model.script(
      reply.toolCalls({ name: 'start_run', args: { goal: '(and (leased paris))' } }),
      reply.toolCalls({ name: 'approve_step', args: { stepId: 's1' } }),
      reply.text('Started. You approve the lease in the web UI.'),
    );
    const answer = await client.chat.completions.create({
      model: 'team:paris-office',
      messages: [{ role: 'user', content: 'Lease the office and approve it for me.' }],
    });
    assert.match(answer.choices[0]?.message.content ?? '', /You approve the lease/);
    const [started, refused] = toolResults(model.requests.at(-1)!.body);
    assert.match(started!, /started run run-\S+ of paris-office; approvals: the person approves/);
    assert.match(refused!, /no tool named "approve_step"/);
    const [run] = await listRuns(store);
    let pending = (await getRun(store, run!.id))!.pendingApprovals;
    for (let i = 0; pending.length === 0 && i < 600; i++) {
      await new Promise((r) => setTimeout(r, 50));
      pending = (await getRun(store, run!.id))!.pendingApprovals;
    }
    assert.equal(pending[0]?.action, 'sign_lease');
    assert.ok(!(await readEvents(store, run!.id)).some((e) => e.type === 'approval.given'));
    const res = await server.call(`/api/runs/${run!.id}/steps/${pending[0]!.stepId}/approve`, {
      method: 'POST',
      json: { by: 'person' },
    });
    assert.equal(res.status, 200, await res.text());
    for (let i = 0; i < 600 && (await getRun(store, run!.id))!.status !== 'succeeded'; i++)
      await new Promise((r) => setTimeout(r, 50));
    assert.equal((await getRun(store, run!.id))!.status, 'succeeded');
    const given = (await readEvents(store, run!.id)).filter((e) => e.type === 'approval.given');
    assert.deepEqual(
      given.map((e) => e.data.by),
      ['person'],
    );
  });
});
