/**
 * /v1 as OpenAI's clients expect it: errors in OpenAI's shape and statuses, `n`, the real
 * finish_reason, response_format, CORS preflight, upstream failures mapped (429 stays 429
 * with Retry-After) without exposing the upstream, keep-alive comments while a team waits.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { z } from 'zod';
import { agent, tool } from '../../src/agents/index.js';
import { createOpenAICompatibleModel, scriptedModel } from '../../src/models/index.js';
import type { ModelRequest } from '../../src/models/index.js';
import { agentTarget, teamTarget } from '../../src/server/index.js';
import { listExampleMissions, listRuns, loadMission } from '../../src/team/index.js';
import { openRunStore } from '../../src/store/index.js';
import type { RunStore } from '../../src/team/index.js';
import { reply, startChatCompletionsServer } from '../helpers/openai-compatible-server.js';
import type { ChatCompletionsServer } from '../helpers/openai-compatible-server.js';
import { TOKEN, errorOf, readSse, testServer } from './helpers.js';
import type { TestServer } from './helpers.js';

function lastUser(req: ModelRequest): string {
  const m = [...req.messages].reverse().find((x) => x.role === 'user');
  return m && m.role === 'user' ? m.content : '';
}

/** A scripted model (not a real one): answers by the question's words. */
const echoModel = scriptedModel((req) => {
  const q = lastUser(req);
  if (req.output) return JSON.stringify({ city: 'Paris', people: 12 });
  if (q.includes('truncate')) return { text: 'Partial ans', toolCalls: [], finishReason: 'length' };
  if (q.includes('filter')) return { text: '', toolCalls: [], finishReason: 'content_filter' };
  return `You said: ${q}`;
});

const lookup = tool({
  name: 'lookup',
  description: 'looks something up',
  input: z.object({}),
  execute: () => 'found it',
});

describe('/v1 conformance', () => {
  let server: TestServer;
  let upstream: ChatCompletionsServer;
  let store: RunStore;
  let client: OpenAI;
  before(async () => {
    upstream = await startChatCompletionsServer();
    store = openRunStore(join(mkdtempSync(join(tmpdir(), 'atelier-v1-')), 'atelier.db'));
    const info = listExampleMissions().find((m) => m.name === 'paris-office')!;
    const upstreamModel = createOpenAICompatibleModel({
      baseURL: upstream.url,
      model: 'upstream-model',
      apiKey: 'sk-upstream-secret',
    });
    server = await testServer({
      bodyLimitBytes: 64 * 1024,
      sseKeepAliveMs: 100,
      corsOrigins: ['http://app.example'],
      runs: { store, timeScale: 0 },
      chatTargets: [
        agentTarget(agent({ name: 'echo', instructions: 'Echo.', model: echoModel })),
        agentTarget(
          agent({ name: 'relay', instructions: 'Relay.', model: upstreamModel, tools: [lookup] }),
        ),
        teamTarget(await loadMission(info.dir), { store, timeScale: 0 }),
      ],
    });
    client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: TOKEN, maxRetries: 0 });
  });
  after(async () => {
    await server.close();
    await upstream.close();
    store.close();
  });

  it('answers errors in OpenAI shape: 401, 400 with the param, invalid JSON, 413, 404 model', async () => {
    const noKey = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'wrong', maxRetries: 0 });
    await assert.rejects(noKey.models.list(), (err: unknown) => {
      assert.ok(err instanceof OpenAI.AuthenticationError);
      assert.equal(err.type, 'invalid_request_error');
      assert.equal(err.code, 'unauthorized');
      return true;
    });
    await assert.rejects(
      client.chat.completions.create({
        model: 'echo',
        messages: [{ role: 'user', content: 'hi' }],
        temperature: 'hot' as unknown as number,
        stream_options: 5 as never,
      }),
      (err: unknown) => {
        assert.ok(err instanceof OpenAI.BadRequestError);
        assert.equal(err.type, 'invalid_request_error');
        assert.equal(err.param, 'stream_options');
        assert.equal(err.code, 'invalid_request');
        return true;
      },
    );
    const notJson = await server.call('/v1/chat/completions', {
      method: 'POST',
      body: '{"model": "echo", ',
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(notJson.status, 400);
    const e1 = await errorOf(notJson);
    assert.deepEqual([e1.type, e1.code, e1.param], ['invalid_request_error', 'invalid_json', null]);
    const big = await server.call('/v1/chat/completions', {
      json: { model: 'echo', messages: [{ role: 'user', content: 'x'.repeat(70_000) }] },
    });
    assert.equal(big.status, 413);
    const e2 = await errorOf(big);
    assert.deepEqual([e2.type, e2.code], ['invalid_request_error', 'body_too_large']);
    await assert.rejects(
      client.chat.completions.create({
        model: 'nobody',
        messages: [{ role: 'user', content: 'x' }],
      }),
      (err: unknown) => {
        assert.ok(err instanceof OpenAI.NotFoundError);
        assert.equal(err.param, 'model');
        assert.equal(err.code, 'model_not_found');
        return true;
      },
    );
  });

  it('refuses n > 1 with a 400 on n', async () => {
    await assert.rejects(
      client.chat.completions.create({
        model: 'echo',
        n: 2,
        messages: [{ role: 'user', content: 'two answers' }],
      }),
      (err: unknown) =>
        err instanceof OpenAI.BadRequestError && err.param === 'n' && /only 1/.test(err.message),
    );
  });

  it("reports the model's finish_reason: length and content_filter, streamed or not", async () => {
    const cut = await client.chat.completions.create({
      model: 'echo',
      messages: [{ role: 'user', content: 'please truncate' }],
    });
    assert.equal(cut.choices[0]!.finish_reason, 'length');
    assert.equal(cut.choices[0]!.message.content, 'Partial ans');
    const stream = await client.chat.completions.create({
      model: 'echo',
      messages: [{ role: 'user', content: 'filter me' }],
      stream: true,
    });
    let finish: string | null | undefined;
    for await (const chunk of stream) finish = chunk.choices[0]?.finish_reason ?? finish;
    assert.equal(finish, 'content_filter');
  });

  it('honours response_format json_schema for an agent, and refuses it for a team', async () => {
    const schema = {
      type: 'object',
      properties: { city: { type: 'string' }, people: { type: 'integer' } },
      required: ['city', 'people'],
      additionalProperties: false,
    };
    const res = await client.chat.completions.create({
      model: 'echo',
      messages: [{ role: 'user', content: 'where and how many?' }],
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'office', schema, strict: true },
      },
    });
    assert.deepEqual(JSON.parse(res.choices[0]!.message.content!), { city: 'Paris', people: 12 });
    const seen = echoModel.requests.at(-1)!;
    assert.ok(seen.output, 'the model was asked for structured output');
    assert.deepEqual(Object.keys(seen.output.schema.properties as object), ['city', 'people']);
    await assert.rejects(
      client.chat.completions.create({
        model: 'team:paris-office',
        messages: [{ role: 'user', content: 'run' }],
        response_format: { type: 'json_schema', json_schema: { name: 'x', schema } },
      }),
      (err: unknown) =>
        err instanceof OpenAI.BadRequestError &&
        err.param === 'response_format.json_schema.schema' &&
        /answers in text/.test(err.message),
    );
  });

  it('answers a bad goal with 400 whether streamed or not', async () => {
    for (const stream of [false, true]) {
      const res = await server.call('/v1/chat/completions', {
        json: {
          model: 'team:paris-office',
          stream,
          messages: [{ role: 'user', content: '(no-such-predicate x)' }],
        },
      });
      assert.equal(res.status, 400, `stream: ${stream}`);
      const err = await errorOf(res);
      assert.equal(err.code, 'invalid_goal');
      assert.equal(err.param, 'messages');
    }
  });

  it('answers CORS preflights without a token: allowed origins only, never 401', async () => {
    const preflight = (origin: string) =>
      fetch(`${server.url}/v1/chat/completions`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type, idempotency-key',
        },
      });
    const ok = await preflight('http://app.example');
    assert.equal(ok.status, 204);
    assert.equal(ok.headers.get('access-control-allow-origin'), 'http://app.example');
    assert.match(ok.headers.get('access-control-allow-headers') ?? '', /idempotency-key/);
    const other = await preflight('http://evil.example');
    assert.equal(other.status, 204);
    assert.equal(other.headers.get('access-control-allow-origin'), null);
    const get = await server.call('/v1/models', { headers: { origin: 'http://app.example' } });
    assert.equal(get.headers.get('access-control-allow-origin'), 'http://app.example');
  });

  it('keeps a rate-limited upstream a 429 with Retry-After, and a retry does not run the agent again', async () => {
    const before = upstream.requests.length;
    const limited = () => reply.status(429, 'slow down', { 'retry-after-ms': '10' });
    upstream.script(limited(), limited(), limited());
    let attempts = 0;
    const retrying = new OpenAI({
      baseURL: `${server.url}/v1`,
      apiKey: TOKEN,
      maxRetries: 3,
      fetch: (url, init) => (attempts++, fetch(url, init)),
    });
    const ask = () =>
      retrying.chat.completions.create(
        { model: 'relay', messages: [{ role: 'user', content: 'hi' }] },
        { headers: { 'Idempotency-Key': 'rate-limited-1' } },
      );
    const check = (err: unknown) => {
      assert.ok(err instanceof OpenAI.RateLimitError, String(err));
      assert.equal(err.headers.get('retry-after'), '1');
      assert.equal(err.type, 'rate_limit_error');
      assert.equal(err.code, 'rate_limit_exceeded');
      assert.doesNotMatch(err.message, /127\.0\.0\.1|slow down/);
      return true;
    };
    await assert.rejects(ask(), check);
    assert.equal(attempts, 1, 'the client is told not to retry the whole agent loop');
    // One agent loop: the model client's own three attempts.
    assert.equal(upstream.requests.length - before, 3);
    // Asked again with the same key, it gets the same answer; the agent does not run again.
    await assert.rejects(ask(), check);
    assert.equal(upstream.requests.length - before, 3);
  });

  it('never shows the upstream URL or body, in an error answer or inside a stream', async () => {
    const page = `<html><body>Bad gateway at ${upstream.url}</body></html>`;
    const failing = () => reply.raw(500, 'text/html', page);
    upstream.script(failing(), failing(), failing());
    const res = await server.call('/v1/chat/completions', {
      json: { model: 'relay', messages: [{ role: 'user', content: 'hi' }] },
    });
    assert.equal(res.status, 502);
    assert.equal(res.headers.get('x-should-retry'), 'false');
    const err = await errorOf(res);
    assert.equal(err.code, 'upstream_error');
    assert.equal(err.type, 'server_error');
    assert.doesNotMatch(JSON.stringify(err), /127\.0\.0\.1|html|sk-upstream/i);

    // Text first (and a tool call), then the upstream fails: the error comes inside the stream.
    upstream.script(
      {
        kind: 'message',
        content: 'Let me look.',
        toolCalls: [{ id: 'c1', name: 'lookup', arguments: '{}' }],
      },
      failing(),
      failing(),
      failing(),
    );
    const open = await server.call('/v1/chat/completions', {
      json: { model: 'relay', stream: true, messages: [{ role: 'user', content: 'hi' }] },
    });
    assert.equal(open.status, 200);
    const raw = await readSse(open, () => false);
    assert.match(raw, /"content":"Let"/);
    assert.match(raw, /"code":"upstream_error"/);
    assert.match(raw, /data: \[DONE\]/);
    assert.doesNotMatch(raw, /127\.0\.0\.1|<html|sk-upstream/i);
  });

  it('sends keep-alive comments on every stream while a team waits for approval', async () => {
    const runsBefore = (await listRuns(store)).length;
    const res = await server.call('/v1/chat/completions', {
      json: {
        model: 'team:paris-office',
        stream: true,
        messages: [{ role: 'user', content: 'run' }],
      },
    });
    assert.equal(res.status, 200);
    let runId = '';
    let approved = false;
    let sinceWait = 0;
    let text = '';
    await readSse(res, async (item) => {
      if (item.kind === 'event' && item.data !== '[DONE]') {
        const chunk = JSON.parse(item.data) as { choices: Array<{ delta: { content?: string } }> };
        text += chunk.choices[0]?.delta.content ?? '';
        runId ||= /Started run (\S+)/.exec(text)?.[1] ?? '';
      }
      if (!approved && /waits for approval \(step (\S+)\)/.test(text)) {
        if (item.kind === 'comment') sinceWait++;
        // Several intervals pass with nothing to say: each one sends a comment.
        if (sinceWait >= 3) {
          // While waiting, the run's own event stream also keeps alive.
          const events = await server.call(`/api/runs/${runId}/events?after=100000`);
          let comments = 0;
          await readSse(events, (i) => i.kind === 'comment' && ++comments >= 2);
          const step = /waits for approval \(step (\S+)\)/.exec(text)![1]!;
          const ok = await server.call(`/api/runs/${runId}/steps/${step}/approve`, { json: {} });
          assert.equal(ok.status, 200);
          approved = true;
        }
      }
      return item.kind === 'event' && item.data === '[DONE]';
    });
    assert.ok(approved);
    assert.equal(sinceWait, 3);
    assert.match(text, /Run (succeeded|failed)/);
    assert.equal((await listRuns(store)).length, runsBefore + 1);
  });
});
