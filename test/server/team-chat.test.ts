import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { teamTarget } from '../../src/server/index.js';
import { openRunStore } from '../../src/store/index.js';
import { listExampleMissions, listRuns, loadMission } from '../../src/team/index.js';
import type { RunStore } from '../../src/team/index.js';
import { TOKEN, testServer } from './helpers.js';
import type { TestServer } from './helpers.js';

describe('a team as an OpenAI model', () => {
  let server: TestServer;
  let store: RunStore;
  let client: OpenAI;
  before(async () => {
    store = openRunStore(join(mkdtempSync(join(tmpdir(), 'atelier-team-chat-')), 'atelier.db'));
    const info = listExampleMissions().find((m) => m.name === 'pddl-mission');
    assert.ok(info, 'the pddl-mission example exists');
    const mission = await loadMission(info.dir);
    server = await testServer({
      chatTargets: [teamTarget(mission, { store, timeScale: 0 })],
      runs: { store, timeScale: 0 },
    });
    client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: TOKEN, maxRetries: 0 });
  });
  after(async () => {
    await server.close();
    await store.close();
  });

  it('is listed as team:<mission>', async () => {
    const models = await client.models.list();
    assert.deepEqual(
      models.data.map((m) => [m.id, m.owned_by]),
      [['team:pddl-mission', 'atelier-team']],
    );
  });

  it('runs the mission for "run" and narrates it to the end, streamed', async () => {
    const before = (await listRuns(store)).length;
    const stream = await client.chat.completions.create({
      model: 'team:pddl-mission',
      messages: [{ role: 'user', content: 'run' }],
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    // "run" is understood without a model: the mission's own goal runs.
    assert.match(text, /^Started run run-\S+ of pddl-mission/);
    assert.match(text, /Plan v1: \d+ steps/);
    assert.match(text, /Run (succeeded|failed): \d+ steps/);
    const runs = await listRuns(store);
    assert.equal(runs.length, before + 1);
    assert.ok(text.includes(runs[0]!.id));
  });

  it('answers plain words, without a model, with a sentence saying they need one (no run)', async () => {
    const before = (await listRuns(store)).length;
    const reply = await client.chat.completions.create({
      model: 'team:pddl-mission',
      messages: [{ role: 'user', content: 'Deliver everything.' }],
    });
    assert.match(
      reply.choices[0]?.message.content ?? '',
      /^Without a model I do not understand plain words/,
    );
    assert.equal((await listRuns(store)).length, before);
  });

  it('takes a PDDL goal from the message; a goal that does not fit the mission is a 400', async () => {
    await assert.rejects(
      client.chat.completions.create({
        model: 'team:pddl-mission',
        messages: [{ role: 'user', content: '(no-such-predicate x)' }],
      }),
      (err: unknown) => err instanceof OpenAI.BadRequestError,
    );
  });
});
