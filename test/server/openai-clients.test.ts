/**
 * Real clients nobody here wrote against the real `atelier serve` (a child process on
 * 127.0.0.1): the official `openai` client and `@openai/agents` (its default Responses
 * model and its chat-completions model). The served `assistant` agent's model is the
 * local OpenAI-compatible test server (scripted replies), as OPENAI_BASE_URL.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import {
  Agent,
  OpenAIChatCompletionsModel,
  run,
  setDefaultOpenAIClient,
  setOpenAIAPI,
  setTracingDisabled,
} from '@openai/agents';
import { z } from 'zod';
import { reply, startChatCompletionsServer } from '../helpers/openai-compatible-server.js';
import type { ChatCompletionsServer } from '../helpers/openai-compatible-server.js';
import { startServeProcess } from './helpers.js';
import type { ServeProcess } from './helpers.js';

const TOKEN = 'clients-test-token';
const KEEP_ALIVE_S = 0.2;
/**
 * The client's idle timeout in the keep-alive test: far above the keep-alive interval,
 * and above the longest the server's event loop is busy planning under load.
 */
const IDLE_MS = 3000;

/**
 * fetch whose response bodies fail when no byte arrives for `idleMs`, as Node's fetch does
 * after its 300 s body timeout (UND_ERR_BODY_TIMEOUT), scaled down; counts comment lines.
 */
function idleTimeoutFetch(idleMs: number, seen: { comments: number }): typeof fetch {
  return async (input, init) => {
    const res = await fetch(input, init);
    if (!res.body) return res;
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        let timer: ReturnType<typeof setTimeout> | undefined;
        const idle = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`body idle for ${idleMs} ms`)), idleMs);
        });
        try {
          const { value, done } = await Promise.race([reader.read(), idle]);
          if (done) controller.close();
          else {
            seen.comments += (decoder.decode(value).match(/^: keep-alive$/gm) ?? []).length;
            controller.enqueue(value);
          }
        } catch (err) {
          void reader.cancel();
          controller.error(err);
        } finally {
          clearTimeout(timer);
        }
      },
    });
    return new Response(body, {
      status: res.status,
      statusText: res.statusText,
      headers: res.headers,
    });
  };
}

describe('official OpenAI clients against atelier serve', () => {
  let upstream: ChatCompletionsServer;
  let serve: ServeProcess;
  let client: OpenAI;
  const api = (path: string, init: RequestInit = {}) =>
    fetch(`${serve.url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    });
  const runCount = async () =>
    ((await (await api('/api/runs?limit=500')).json()) as { runs: unknown[] }).runs.length;

  before(async () => {
    upstream = await startChatCompletionsServer();
    const dir = mkdtempSync(join(tmpdir(), 'atelier-clients-'));
    serve = await startServeProcess(
      ['--db', join(dir, 'atelier.db'), '--keep-alive', String(KEEP_ALIVE_S), '--time-scale', '0'],
      {
        ATELIER_TOKEN: TOKEN,
        ATELIER_MODEL: 'upstream-model',
        OPENAI_BASE_URL: upstream.url,
        OPENAI_API_KEY: 'sk-upstream',
      },
    );
    client = new OpenAI({ baseURL: `${serve.url}/v1`, apiKey: TOKEN, maxRetries: 0 });
    setTracingDisabled(true);
    setDefaultOpenAIClient(client);
  });
  after(async () => {
    assert.equal(await serve?.stop(), 0);
    await upstream?.close();
  });

  it('openai: streams a chat with the served agent, whose model is the upstream', async () => {
    upstream.script(reply.text('Bonjour, Ann!'));
    const stream = await client.chat.completions.create({
      model: 'assistant',
      messages: [{ role: 'user', content: 'Say hello to Ann' }],
      stream: true,
    });
    let text = '';
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    assert.equal(text, 'Bonjour, Ann!');
    assert.equal(finish, 'stop');
    const sent = upstream.requests.at(-1)!.body as {
      messages: Array<{ role: string; content: string }>;
    };
    assert.deepEqual(sent.messages.at(-1), { role: 'user', content: 'Say hello to Ann' });
  });

  it('openai: parses structured output (zodResponseFormat), the schema reaching the upstream', async () => {
    const Office = z.object({ city: z.string(), desks: z.number().int() });
    upstream.script(reply.text(JSON.stringify({ city: 'Paris', desks: 12 })));
    const res = await client.chat.completions.parse({
      model: 'assistant',
      messages: [{ role: 'user', content: 'Which office?' }],
      response_format: zodResponseFormat(Office, 'office'),
    });
    assert.deepEqual(res.choices[0]!.message.parsed, { city: 'Paris', desks: 12 });
    const format = (
      upstream.requests.at(-1)!.body as {
        response_format?: { type: string; json_schema: { schema: { required: string[] } } };
      }
    ).response_format;
    assert.equal(format?.type, 'json_schema');
    assert.deepEqual(format?.json_schema.schema.required, ['city', 'desks']);
  });

  it('openai: errors the client understands (401, 404, 400 n, 429 with Retry-After and one agent loop)', async () => {
    const wrong = new OpenAI({ baseURL: `${serve.url}/v1`, apiKey: 'nope', maxRetries: 0 });
    await assert.rejects(wrong.models.list(), OpenAI.AuthenticationError);
    await assert.rejects(
      client.chat.completions.create({
        model: 'gpt-9',
        messages: [{ role: 'user', content: 'x' }],
      }),
      (err: unknown) => err instanceof OpenAI.NotFoundError && err.param === 'model',
    );
    await assert.rejects(
      client.chat.completions.create({
        model: 'assistant',
        n: 3,
        messages: [{ role: 'user', content: 'x' }],
      }),
      (err: unknown) => err instanceof OpenAI.BadRequestError && err.param === 'n',
    );
    const before = upstream.requests.length;
    const limited = () => reply.status(429, 'quota', { 'retry-after-ms': '20' });
    upstream.script(limited(), limited(), limited());
    const retrying = new OpenAI({ baseURL: `${serve.url}/v1`, apiKey: TOKEN, maxRetries: 2 });
    await assert.rejects(
      retrying.chat.completions.create({
        model: 'assistant',
        messages: [{ role: 'user', content: 'hi' }],
      }),
      (err: unknown) =>
        err instanceof OpenAI.RateLimitError &&
        err.headers.get('retry-after') === '1' &&
        !err.message.includes(upstream.url),
    );
    assert.equal(upstream.requests.length - before, 3, 'one agent loop, not one per client retry');
  });

  it('openai: a request retried after client timeouts rejoins its run: one run per Idempotency-Key', async () => {
    const runsBefore = await runCount();
    let attempts = 0;
    const impatient = new OpenAI({
      baseURL: `${serve.url}/v1`,
      apiKey: TOKEN,
      timeout: 1000,
      maxRetries: 8,
      fetch: (url, init) => (attempts++, fetch(url, init)),
    });
    const answer = impatient.chat.completions.create(
      { model: 'team:paris-office', messages: [{ role: 'user', content: 'run' }] },
      { headers: { 'Idempotency-Key': 'open-office-1' } },
    );
    // The team waits for approval; the client times out and retries meanwhile.
    let waiting: { id: string; pendingApprovals: Array<{ stepId: string }> } | undefined;
    while (!waiting || attempts < 3) {
      await new Promise((r) => setTimeout(r, 100));
      const { runs } = (await (await api('/api/runs')).json()) as {
        runs: Array<{ id: string; status: string }>;
      };
      const w = runs.find((r) => r.status === 'waiting-approval');
      if (w) waiting = (await (await api(`/api/runs/${w.id}`)).json()) as typeof waiting;
    }
    const step = waiting.pendingApprovals[0]!.stepId;
    await api(`/api/runs/${waiting.id}/steps/${step}/approve`, { method: 'POST', body: '{}' });
    const res = await answer;
    assert.match(res.choices[0]!.message.content ?? '', new RegExp(`Started run ${waiting.id}`));
    assert.match(res.choices[0]!.message.content ?? '', /Run (succeeded|failed)/);
    assert.ok(attempts >= 3, `the client retried (${attempts} attempts)`);
    assert.equal(await runCount(), runsBefore + 1, 'one run for one key');
  });

  it('openai: a team stream waiting for approval longer than the client idle timeout is not dropped', async () => {
    // The idle watchdog is real: a stream that goes quiet fails after IDLE_MS.
    const quiet = { comments: 0 };
    const stalls = new OpenAI({
      baseURL: upstream.url,
      apiKey: 'x',
      maxRetries: 0,
      fetch: idleTimeoutFetch(IDLE_MS, quiet),
    });
    upstream.script(reply.stall('partial'));
    await assert.rejects(
      async () => {
        const s = await stalls.chat.completions.create({
          model: 'm',
          messages: [{ role: 'user', content: 'x' }],
          stream: true,
        });
        for await (const _ of s) void _;
      },
      new RegExp(`idle for ${IDLE_MS} ms`),
    );

    const seen = { comments: 0 };
    const watched = new OpenAI({
      baseURL: `${serve.url}/v1`,
      apiKey: TOKEN,
      maxRetries: 0,
      fetch: idleTimeoutFetch(IDLE_MS, seen),
    });
    const stream = await watched.chat.completions.create({
      model: 'team:paris-office',
      messages: [{ role: 'user', content: 'run' }],
      stream: true,
    });
    let text = '';
    let approving: Promise<unknown> | undefined;
    let commentsAtWait = -1;
    const check = setInterval(() => {
      const waiting = /Started run (\S+)[\s\S]*waits for approval \(step (\S+)\)/.exec(text);
      if (!waiting || approving) return;
      if (commentsAtWait < 0) commentsAtWait = seen.comments;
      // 6 s of waiting: twice the idle timeout, thirty keep-alive intervals.
      if (seen.comments - commentsAtWait >= 30)
        approving = api(`/api/runs/${waiting[1]}/steps/${waiting[2]}/approve`, {
          method: 'POST',
          body: '{}',
        });
    }, 50);
    try {
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    } finally {
      clearInterval(check);
    }
    assert.ok(approving, 'the step was approved while the stream stayed open');
    assert.match(text, /approved/);
    assert.match(text, /Run (succeeded|failed)/);
  });

  it('@openai/agents: the default Responses model runs, streams, gives structured output and continues with previousResponseId', async () => {
    setOpenAIAPI('responses');
    const agent = new Agent({
      name: 'caller',
      instructions: 'Ask the assistant.',
      model: 'assistant',
    });
    upstream.script(reply.text('First answer.'));
    const first = await run(agent, 'Hello there');
    assert.equal(first.finalOutput, 'First answer.');
    assert.match(first.lastResponseId ?? '', /^resp_/);
    const sent = upstream.requests.at(-1)!.body as {
      messages: Array<{ role: string; content: string }>;
    };
    assert.ok(sent.messages.some((m) => m.role === 'system' && m.content === 'Ask the assistant.'));

    upstream.script(reply.text('Second, streamed.'));
    const streamed = await run(agent, 'And again?', {
      stream: true,
      previousResponseId: first.lastResponseId!,
    });
    let text = '';
    for await (const piece of streamed.toTextStream()) text += piece;
    await streamed.completed;
    assert.equal(text, 'Second, streamed.');
    const history = (
      upstream.requests.at(-1)!.body as { messages: Array<{ role: string; content: string }> }
    ).messages;
    assert.deepEqual(
      history.filter((m) => m.role !== 'system').map((m) => m.content),
      ['Hello there', 'First answer.', 'And again?'],
    );

    const typed = new Agent({
      name: 'typed',
      instructions: 'Answer as JSON.',
      model: 'assistant',
      outputType: z.object({ city: z.string(), desks: z.number() }),
    });
    upstream.script(reply.text('{"city":"Lyon","desks":4}'));
    const out = await run(typed, 'Where?');
    assert.deepEqual(out.finalOutput, { city: 'Lyon', desks: 4 });
  });

  it('@openai/agents: the chat-completions model runs and streams', async () => {
    const agent = new Agent({
      name: 'chatty',
      instructions: 'Be short.',
      model: new OpenAIChatCompletionsModel(client, 'assistant'),
    });
    upstream.script(reply.text('Short.'));
    const res = await run(agent, 'Talk');
    assert.equal(res.finalOutput, 'Short.');
    upstream.script(reply.text('Streamed short.'));
    const streamed = await run(agent, 'Talk more', { stream: true });
    let text = '';
    for await (const piece of streamed.toTextStream()) text += piece;
    await streamed.completed;
    assert.equal(text, 'Streamed short.');
  });
});
