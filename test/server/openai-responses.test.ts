/**
 * POST /v1/responses with the official openai client: plain and streamed (the Responses
 * event types in order), previous_response_id continuing a conversation kept in the
 * store (also by a second server on the same database), structured output, incomplete
 * answers, a team whose stream waits for approval; Idempotency-Key retries rejoin.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { agent } from '../../src/agents/index.js';
import { scriptedModel } from '../../src/models/index.js';
import { agentTarget, teamTarget } from '../../src/server/index.js';
import type { ChatTarget } from '../../src/server/index.js';
import { listExampleMissions, listRuns, loadMission } from '../../src/team/index.js';
import { openRunStore } from '../../src/store/index.js';
import type { RunStore } from '../../src/team/index.js';
import { TOKEN, errorOf, readSse, testServer } from './helpers.js';
import type { TestServer } from './helpers.js';

/** A scripted model (not a real one): repeats every user message of the conversation. */
const model = scriptedModel((req) => {
  const said = req.messages.filter((m) => m.role === 'user').map((m) => m.content);
  const last = said.at(-1) ?? '';
  if (req.output) return JSON.stringify({ answer: last.length });
  if (last.includes('truncate')) return { text: 'Cut', toolCalls: [], finishReason: 'length' };
  const system = req.messages.filter((m) => m.role === 'system').map((m) => m.content);
  return `Heard: ${said.join(' | ')} [system: ${system.join(' + ')}]`;
});

describe('/v1/responses', () => {
  let server: TestServer;
  let store: RunStore;
  let client: OpenAI;
  let targets: ChatTarget[];
  before(async () => {
    store = openRunStore(join(mkdtempSync(join(tmpdir(), 'atelier-responses-')), 'atelier.db'));
    const info = listExampleMissions().find((m) => m.name === 'paris-office')!;
    targets = [
      agentTarget(agent({ name: 'echo', instructions: 'Be an echo.', model })),
      teamTarget(await loadMission(info.dir), { store, timeScale: 0 }),
    ];
    server = await testServer({
      sseKeepAliveMs: 100,
      runs: { store, timeScale: 0 },
      chatTargets: targets,
    });
    client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: TOKEN, maxRetries: 0 });
  });
  after(async () => {
    await server.close();
    store.close();
  });

  it('answers a plain request as a response object', async () => {
    const res = await client.responses.create({
      model: 'echo',
      input: 'hello',
      instructions: 'Be brief.',
    });
    assert.equal(res.object, 'response');
    assert.match(res.id, /^resp_/);
    assert.equal(res.status, 'completed');
    assert.equal(res.output_text, 'Heard: hello [system: Be an echo. + Be brief.]');
    assert.equal(res.output[0]!.type, 'message');
    assert.ok(res.usage && res.usage.total_tokens >= 0);
  });

  it('streams the Responses events in order, the deltas adding up to the answer', async () => {
    const stream = await client.responses.create({
      model: 'echo',
      input: 'stream me',
      stream: true,
    });
    const types: string[] = [];
    let text = '';
    let seq = -1;
    let completed: OpenAI.Responses.Response | undefined;
    for await (const event of stream) {
      assert.ok(event.sequence_number > seq, 'sequence numbers increase');
      seq = event.sequence_number;
      if (!types.includes(event.type)) types.push(event.type);
      if (event.type === 'response.output_text.delta') text += event.delta;
      if (event.type === 'response.completed') completed = event.response;
    }
    assert.deepEqual(types, [
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    assert.equal(text, 'Heard: stream me [system: Be an echo.]');
    assert.equal(completed?.status, 'completed');
    const again = await client.responses.retrieve(completed!.id);
    assert.equal(again.output_text, text);
  });

  it('continues a conversation with previous_response_id, also on a second server on the same database', async () => {
    const first = await client.responses.create({ model: 'echo', input: 'my name is Ann' });
    const second = await client.responses.create({
      model: 'echo',
      input: [{ role: 'user', content: [{ type: 'input_text', text: 'what is my name?' }] }],
      previous_response_id: first.id,
    });
    assert.equal(second.previous_response_id, first.id);
    assert.match(second.output_text, /^Heard: my name is Ann \| what is my name\?/);
    const seen = model.requests.at(-1)!.messages;
    assert.ok(seen.some((m) => m.role === 'assistant' && m.content === first.output_text));

    const other = await testServer({ runs: { store, timeScale: 0 }, chatTargets: targets });
    try {
      const otherClient = new OpenAI({ baseURL: `${other.url}/v1`, apiKey: TOKEN, maxRetries: 0 });
      const third = await otherClient.responses.create({
        model: 'echo',
        input: 'and now?',
        previous_response_id: second.id,
      });
      assert.match(third.output_text, /my name is Ann \| what is my name\? \| and now\?/);
    } finally {
      await other.close();
    }
    await assert.rejects(
      client.responses.create({ model: 'echo', input: 'x', previous_response_id: 'resp_nope' }),
      (err: unknown) =>
        err instanceof OpenAI.BadRequestError &&
        err.param === 'previous_response_id' &&
        err.code === 'previous_response_not_found',
    );
  });

  it('honours text.format json_schema, and says when an answer was cut', async () => {
    const res = await client.responses.create({
      model: 'echo',
      input: 'four',
      text: {
        format: {
          type: 'json_schema',
          name: 'count',
          strict: true,
          schema: {
            type: 'object',
            properties: { answer: { type: 'integer' } },
            required: ['answer'],
            additionalProperties: false,
          },
        },
      },
    });
    assert.deepEqual(JSON.parse(res.output_text), { answer: 4 });
    const cut = await client.responses.create({ model: 'echo', input: 'please truncate' });
    assert.equal(cut.status, 'incomplete');
    assert.equal(cut.incomplete_details?.reason, 'max_output_tokens');
    assert.equal(cut.output_text, 'Cut');
  });

  it('streams a team run through its approval wait with keep-alive comments', async () => {
    const res = await server.call('/v1/responses', {
      json: { model: 'team:paris-office', input: 'run', stream: true },
    });
    assert.equal(res.status, 200);
    let text = '';
    let comments = 0;
    let waitingSince: number | undefined;
    let approved = false;
    const types: string[] = [];
    await readSse(res, async (item) => {
      if (item.kind === 'comment') comments++;
      else {
        const e = JSON.parse(item.data) as { type: string; delta?: string };
        types.push(e.type);
        if (e.type === 'response.output_text.delta') text += e.delta;
        if (e.type === 'response.completed') return true;
      }
      const waiting = /Started run (\S+)[\s\S]*waits for approval \(step (\S+)\)/.exec(text);
      if (waiting && waitingSince === undefined) waitingSince = comments;
      // Several keep-alive intervals pass while the step waits; then it is approved.
      if (waiting && !approved && comments >= waitingSince! + 3) {
        approved = true;
        const ok = await server.call(`/api/runs/${waiting[1]}/steps/${waiting[2]}/approve`, {
          json: {},
        });
        assert.equal(ok.status, 200);
      }
      return false;
    });
    assert.ok(comments >= 3);
    assert.equal(types.at(-1), 'response.completed');
    assert.match(text, /Run (succeeded|failed)/);
  });

  it('rejoins the answer under way when a request is retried with the same Idempotency-Key', async () => {
    const runsBefore = (await listRuns(store)).length;
    const body = { model: 'team:paris-office', input: 'run' };
    const headers = { 'idempotency-key': 'office-2' };
    // The first attempt gives up (a client timeout) while the run waits for approval.
    const gaveUp = new AbortController();
    const first = server
      .call('/v1/responses', { json: body, headers, signal: gaveUp.signal })
      .catch(() => 'aborted');
    let waiting;
    for (;;) {
      waiting = (await listRuns(store)).find((r) => r.id && r.status === 'waiting-approval');
      if (waiting && (await listRuns(store)).length > runsBefore) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    gaveUp.abort();
    assert.equal(await first, 'aborted');
    // The retry attaches to the same run; then the step is approved and the answer comes.
    const retry = server.call('/v1/responses', { json: body, headers });
    const detail = (await (await server.call(`/api/runs/${waiting.id}`)).json()) as {
      pendingApprovals: Array<{ stepId: string }>;
    };
    const step = detail.pendingApprovals[0]!.stepId;
    await server.call(`/api/runs/${waiting.id}/steps/${step}/approve`, { json: {} });
    const res = await retry;
    assert.equal(res.status, 200);
    const answer = (await res.json()) as { output: Array<{ content: Array<{ text: string }> }> };
    assert.ok(answer.output[0]!.content[0]!.text.includes(waiting.id));
    assert.equal((await listRuns(store)).length, runsBefore + 1, 'one run for one key');

    const reused = await server.call('/v1/responses', {
      json: { ...body, input: 'something else' },
      headers,
    });
    assert.equal(reused.status, 409);
    assert.equal((await errorOf(reused)).code, 'idempotency_key_reused');
  });
});
