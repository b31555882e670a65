/**
 * The conversations API of the Chat page: bad input is a 400 naming the field; a message
 * is answered on the server and written as it streams; Stop cancels the upstream model
 * request; a model that fails mid-answer leaves the text written so far and a clear
 * error; a team answer starts a run; a restarted server keeps every conversation.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { agent } from '../../src/agents/index.js';
import { createOpenAICompatibleModel } from '../../src/models/index.js';
import { agentTarget, teamTarget } from '../../src/server/index.js';
import type { ChatTarget } from '../../src/server/index.js';
import { listExampleMissions, loadMission } from '../../src/team/index.js';
import { openRunStore } from '../../src/store/index.js';
import type { RunStore } from '../../src/team/index.js';
import { reply, startChatCompletionsServer } from '../helpers/openai-compatible-server.js';
import type { ChatCompletionsServer } from '../helpers/openai-compatible-server.js';
import { errorOf, testServer } from './helpers.js';
import type { TestServer } from './helpers.js';

interface Msg {
  id: string;
  role: string;
  content: string;
  status: string;
  runId: string | null;
  error: { code: string; message: string } | null;
}

/** Reads an answer's event stream to its `end` event; returns the deltas and the end. */
async function follow(server: TestServer, conv: string, msg: string) {
  const res = await server.call(`/api/conversations/${conv}/messages/${msg}/events`);
  assert.equal(res.status, 200);
  const text = await res.text();
  const events = text
    .split('\n\n')
    .filter((b) => b.includes('data:'))
    .map((b) => ({
      event: /^event: (.*)$/m.exec(b)?.[1] ?? 'message',
      data: JSON.parse(/^data: (.*)$/m.exec(b)![1]!) as Record<string, unknown>,
    }));
  const end = events.find((e) => e.event === 'end');
  assert.ok(end, `the stream ends with an end event: ${text.slice(0, 300)}`);
  return {
    deltas: events.filter((e) => e.event === 'delta'),
    events,
    end: end.data as unknown as Msg,
  };
}

describe('conversations API', () => {
  let upstream: ChatCompletionsServer;
  let store: RunStore;
  let server: TestServer;
  let dbFile: string;
  let targets: ChatTarget[];

  before(async () => {
    upstream = await startChatCompletionsServer();
    dbFile = join(mkdtempSync(join(tmpdir(), 'atelier-conv-')), 'atelier.db');
    store = openRunStore(dbFile);
    const model = createOpenAICompatibleModel({
      baseURL: upstream.url,
      model: 'test-model',
      apiKey: 'sk-test',
      maxRetries: 0,
    });
    const info = listExampleMissions().find((m) => m.name === 'pddl-mission')!;
    targets = [
      agentTarget(agent({ name: 'assistant', instructions: 'Help.', model })),
      teamTarget(await loadMission(info.dir), { store, timeScale: 0 }),
    ];
    server = await testServer({ runs: { store, timeScale: 0 }, chatTargets: targets });
  });
  after(async () => {
    await server.close();
    await upstream.close();
    store.close();
  });

  const create = async (target = 'assistant'): Promise<string> => {
    const res = await server.call('/api/conversations', { json: { target } });
    assert.equal(res.status, 201);
    return ((await res.json()) as { id: string }).id;
  };
  const send = async (conv: string, content: string) => {
    const res = await server.call(`/api/conversations/${conv}/messages`, { json: { content } });
    assert.equal(res.status, 201, await res.clone().text());
    return (await res.json()) as { user: Msg; assistant: Msg };
  };

  it('refuses bad input with a 400 naming the field', async () => {
    let e = await errorOf(await server.call('/api/conversations', { json: { target: 7 } }));
    assert.equal(e.param, 'target');
    e = await errorOf(await server.call('/api/conversations', { json: { target: 'nobody' } }));
    assert.equal(e.param, 'target');
    assert.match(String(e.hint), /assistant/);
    const conv = await create();
    const long = 'x'.repeat(100_001);
    let res = await server.call(`/api/conversations/${conv}/messages`, { json: { content: long } });
    assert.equal(res.status, 400);
    e = await errorOf(res);
    assert.equal(e.param, 'content');
    assert.match(e.message, /100001 characters, over the limit of 100000/);
    res = await server.call(`/api/conversations/${conv}/messages`, { json: { content: '  ' } });
    assert.equal((await errorOf(res)).param, 'content');
    res = await server.call(`/api/conversations/${conv}`, { method: 'PATCH', json: { title: '' } });
    assert.equal((await errorOf(res)).param, 'title');
    res = await server.call('/api/conversations/conv_missing');
    assert.equal(res.status, 404);
    assert.deepEqual(
      ((await (await server.call(`/api/conversations/${conv}`)).json()) as { messages: Msg[] })
        .messages,
      [],
    );
  });

  it('answers a message, streamed, and keeps the history; rename, list and delete', async () => {
    upstream.script(reply.drip(['Hello', ', ', 'world', '!'], 5));
    const conv = await create();
    const { user, assistant } = await send(conv, 'Say hello');
    assert.equal(user.content, 'Say hello');
    assert.equal(assistant.status, 'streaming');
    const { deltas, end } = await follow(server, conv, assistant.id);
    assert.ok(deltas.length >= 1);
    assert.equal(end.content, 'Hello, world!');
    assert.equal(end.status, 'done');
    const got = (await (await server.call(`/api/conversations/${conv}`)).json()) as {
      title: string;
      messages: Msg[];
    };
    assert.equal(got.title, 'Say hello');
    assert.deepEqual(
      got.messages.map((m) => [m.role, m.content]),
      [
        ['user', 'Say hello'],
        ['assistant', 'Hello, world!'],
      ],
    );
    const renamed = await server.call(`/api/conversations/${conv}`, {
      method: 'PATCH',
      json: { title: 'Greetings' },
    });
    assert.equal(((await renamed.json()) as { title: string }).title, 'Greetings');
    const list = (await (await server.call('/api/conversations')).json()) as Array<{ id: string }>;
    assert.equal(list[0]!.id, conv, 'the conversation just used is first');
    assert.equal(
      (await server.call(`/api/conversations/${conv}`, { method: 'DELETE' })).status,
      200,
    );
    assert.equal((await server.call(`/api/conversations/${conv}`)).status, 404);
  });

  it('Stop cancels the upstream request and keeps what was written', async () => {
    const before = upstream.cancelled();
    upstream.script(
      reply.drip(
        Array.from({ length: 400 }, (_, i) => `t${i} `),
        20,
      ),
    );
    const conv = await create();
    const { assistant } = await send(conv, 'Count slowly');
    const res = await server.call(`/api/conversations/${conv}/messages/${assistant.id}/events`);
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let seen = '';
    while (!seen.includes('t2 ')) seen += (await reader.read()).value ?? '';
    const stop = await server.call(`/api/conversations/${conv}/messages/${assistant.id}/stop`, {
      method: 'POST',
    });
    assert.deepEqual(await stop.json(), { id: assistant.id, stopped: true });
    while (!seen.includes('event: end')) {
      const { value, done } = await reader.read();
      if (done) break;
      seen += value;
    }
    const end = JSON.parse(/event: end\ndata: (.*)/.exec(seen)![1]!) as Msg;
    assert.equal(end.status, 'stopped');
    assert.match(end.content, /^t0 t1 t2 /);
    assert.ok(!end.content.includes('t399'), 'the answer was cut');
    // The model server saw its client go away before the last token.
    for (let i = 0; i < 100 && upstream.cancelled() === before; i++)
      await new Promise((r) => setTimeout(r, 20));
    assert.equal(upstream.cancelled(), before + 1);
  });

  it('a model failing mid-answer: the text so far stays, with an error and a retry', async () => {
    upstream.script(reply.stall('Partial answer'));
    const conv = await create();
    // A stalled upstream is cut by the client's own timeout; stop it here instead, then
    // check a failing status is reported on regenerate.
    const { assistant } = await send(conv, 'Go');
    await new Promise((r) => setTimeout(r, 200));
    await server.call(`/api/conversations/${conv}/messages/${assistant.id}/stop`, {
      method: 'POST',
    });
    const first = await follow(server, conv, assistant.id);
    assert.equal(first.end.content, 'Partial answer');
    upstream.script(reply.status(500, 'upstream exploded'));
    const again = await server.call(
      `/api/conversations/${conv}/messages/${assistant.id}/regenerate`,
      { method: 'POST' },
    );
    assert.equal(again.status, 201);
    const { assistant: second } = (await again.json()) as { assistant: Msg };
    const { end } = await follow(server, conv, second.id);
    assert.equal(end.status, 'error');
    assert.equal(end.error?.code, 'upstream_error');
    assert.match(end.error!.message, /failed/);
    assert.ok(!end.error!.message.includes(upstream.url), 'the upstream URL is not shown');
  });

  it('a model refusing mid-answer ends the answer with finish content_filter, text kept', async () => {
    upstream.script(reply.contentFilter('Here is the start'));
    const conv = await create();
    const { assistant } = await send(conv, 'Something touchy');
    const { end } = await follow(server, conv, assistant.id);
    assert.equal(end.status, 'done');
    assert.equal((end as Msg & { finish: string }).finish, 'content_filter');
    assert.equal(end.content, 'Here is the start');
  });

  it('a team answer says plain words need a model; "run" starts a run and narrates it', async () => {
    const conv = await create('team:pddl-mission');
    const words = await send(conv, 'Deliver everything please');
    const plain = (await follow(server, conv, words.assistant.id)).end;
    assert.match(plain.content, /^Without a model I do not understand plain words/);
    assert.equal(plain.runId ?? null, null, 'no run for words not understood');
    const { assistant } = await send(conv, 'run');
    const { end } = await follow(server, conv, assistant.id);
    // The run event comes while the answer is live; the stored message names the run too.
    assert.match(String(end.runId), /^run-/);
    assert.equal((await server.call(`/api/runs/${end.runId}`)).status, 200);
    assert.match(end.content, /^Started run run-/);
    assert.match(end.content, /Run (succeeded|failed)/);
  });

  it('a target that is no longer served is a 409 naming it; history survives a restart', async () => {
    const conv = await create('team:pddl-mission');
    await server.close();
    // The same store, served again without that team.
    server = await testServer({ runs: { store, timeScale: 0 }, chatTargets: [targets[0]!] });
    const res = await server.call(`/api/conversations/${conv}/messages`, {
      json: { content: '(and)' },
    });
    assert.equal(res.status, 409);
    const e = await errorOf(res);
    assert.equal(e.code, 'target_gone');
    assert.match(e.message, /team:pddl-mission/);
    const list = (await (await server.call('/api/conversations')).json()) as Array<{ id: string }>;
    assert.ok(list.some((c) => c.id === conv));
    const spec = (await (await server.call('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    assert.ok(spec.paths['/api/conversations/{id}']?.patch, 'PATCH is described');
    assert.ok(spec.paths['/api/conversations/{id}/messages']?.post);
  });
});
