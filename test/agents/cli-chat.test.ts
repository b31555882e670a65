import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { reply, startChatCompletionsServer } from '../helpers/openai-compatible-server.js';

const bin = resolve('bin/atelier');
const server = await startChatCompletionsServer();
const dir = mkdtempSync(join(tmpdir(), 'atelier-chat-'));
after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The environment without any model configuration, plus `extra`. */
function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = { ...process.env };
  for (const key of ['OPENAI_BASE_URL', 'OPENAI_API_KEY', 'ATELIER_MODEL', 'ATELIER_DB'])
    delete clean[key];
  return { ...clean, ...extra };
}

function atelier(
  args: string[],
  extraEnv: Record<string, string>,
  stdin?: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: dir,
      env: env(extraEnv),
      stdio: [stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    });
    if (stdin) {
      // One line per answer: the next line goes in once the previous answer is printed.
      const lines = [...stdin];
      child.stdin!.write(`${lines.shift()}\n`);
      child.stdout!.on('data', (d: Buffer) => {
        if (!d.toString().endsWith('> ')) return;
        const next = lines.shift();
        if (next === undefined) child.stdin!.end();
        else child.stdin!.write(`${next}\n`);
      });
    }
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

const configured = {
  OPENAI_BASE_URL: server.url,
  ATELIER_MODEL: 'test-model',
  OPENAI_API_KEY: 'sk-cli',
};

test('atelier chat -m answers once from the configured endpoint, streamed, and exits 0', async () => {
  server.script(reply.text('Hello from the test server!'));
  const before = server.requests.length;
  const r = await atelier(['chat', '-m', 'hi'], configured);
  assert.equal(r.stderr, '');
  assert.equal(r.code, 0);
  assert.equal(r.stdout, 'Hello from the test server!\n');
  const req = server.requests[before]!;
  assert.equal(req.body.stream, true);
  assert.equal(req.body.model, 'test-model');
  assert.equal(req.headers.authorization, 'Bearer sk-cli');
  assert.deepEqual((req.body.messages as Array<{ role: string; content: string }>).at(-1), {
    role: 'user',
    content: 'hi',
  });
});

test('atelier chat --session continues the stored conversation', async () => {
  const db = { ATELIER_DB: join(dir, 'chat.db') };
  server.script(reply.text('Noted: blue.'), reply.text('Blue.'));
  assert.equal(
    (
      await atelier(['chat', '--session', 'colours', '-m', 'my favourite colour is blue'], {
        ...configured,
        ...db,
      })
    ).code,
    0,
  );
  const before = server.requests.length;
  const r = await atelier(['chat', '--session', 'colours', '-m', 'what is my favourite colour?'], {
    ...configured,
    ...db,
  });
  assert.equal(r.code, 0);
  assert.equal(r.stdout, 'Blue.\n');
  const contents = (server.requests[before]!.body.messages as Array<{ content: string }>).map(
    (m) => m.content,
  );
  assert.deepEqual(contents.slice(1), [
    'my favourite colour is blue',
    'Noted: blue.',
    'what is my favourite colour?',
  ]);
});

test('atelier chat without -m is a conversation: each line is answered with the earlier ones as context', async () => {
  server.script(reply.text('Hello Ada.'), reply.text('You are Ada.'));
  const before = server.requests.length;
  const r = await atelier(['chat'], configured, ['I am Ada', 'who am I?']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^atelier chat with test-model/);
  assert.match(r.stdout, /> Hello Ada\.\n> You are Ada\.\n> $/);
  const contents = (server.requests[before + 1]!.body.messages as Array<{ content: string }>).map(
    (m) => m.content,
  );
  assert.deepEqual(contents.slice(1), ['I am Ada', 'Hello Ada.', 'who am I?']);
});

test('atelier chat --tools shows tool calls and results as they happen', async () => {
  server.script(
    reply.toolCalls({ name: 'calculate', args: { expression: '6 * 7' }, id: 'k1' }),
    reply.text('It is 42.'),
  );
  const before = server.requests.length;
  const r = await atelier(['chat', '--tools', '-m', 'what is 6 * 7?'], configured);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    r.stdout,
    '  -> calculate({"expression":"6 * 7"})\n  <- calculate: {"expression":"6 * 7","value":42}\nIt is 42.\n',
  );
  const tools = server.requests[before]!.body.tools as Array<{ function: { name: string } }>;
  assert.deepEqual(
    tools.map((t) => t.function.name),
    ['current_time', 'calculate'],
  );
});

test('without a model configured, atelier chat says how to configure one and exits 2 without a stack trace', async () => {
  const r = await atelier(['chat', '-m', 'hi'], {});
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^error\[MODEL_NOT_CONFIGURED\]: no model is configured/);
  assert.match(r.stderr, /ATELIER_MODEL/);
  assert.match(r.stderr, /OPENAI_BASE_URL/);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
});

test('a rejected API key is reported with the endpoint and a hint, exit 2, no stack trace', async () => {
  server.script(reply.status(401, 'invalid key'));
  const r = await atelier(['chat', '-m', 'hi'], configured);
  assert.equal(r.code, 2);
  assert.ok(
    r.stderr.includes(`${server.url}/chat/completions refused the API key (401): invalid key`),
    r.stderr,
  );
  assert.match(r.stderr, /hint: check OPENAI_API_KEY/);
  assert.doesNotMatch(r.stderr, /\n\s+at /);
});

test('a refusal or a filtered answer is an error line and exit 1, not an empty answer', async () => {
  server.script(reply.refusal('I will not do that.'));
  const refused = await atelier(['chat', '-m', 'do it'], configured);
  assert.equal(refused.code, 1, refused.stderr);
  assert.match(
    refused.stderr,
    /^error\[MODEL_BAD_OUTPUT\]: model test-model refused to answer: I will not do that\./,
  );
  assert.doesNotMatch(refused.stderr, /\n\s+at /);

  server.script(reply.contentFilter());
  const filtered = await atelier(['chat', '-m', 'do it'], configured);
  assert.equal(filtered.code, 1, filtered.stderr);
  assert.match(filtered.stderr, /content filter/);
});
