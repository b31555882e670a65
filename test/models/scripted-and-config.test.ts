import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { UserError } from '../../src/errors.js';
import { loadConfig } from '../../src/config.js';
import { modelFromEnv, scriptedModel, scriptedToolCall } from '../../src/models/index.js';

test('the scripted model replays its steps in order, records requests, and says when it runs out', async () => {
  const m = scriptedModel(['first', scriptedToolCall('look', { q: 'x' }, 'id1')]);
  assert.equal(m.name, 'scripted');
  assert.equal((await m.generate({ messages: [{ role: 'user', content: 'a' }] })).text, 'first');
  const second = await m.generate({ messages: [{ role: 'user', content: 'b' }] });
  assert.deepEqual(second.toolCalls, [{ id: 'id1', name: 'look', arguments: '{"q":"x"}' }]);
  assert.deepEqual(
    m.requests.map((r) => r.messages[0]),
    [
      { role: 'user', content: 'a' },
      { role: 'user', content: 'b' },
    ],
  );
  await assert.rejects(
    m.generate({ messages: [] }),
    /no response scripted for request #3 \(2 given\)/,
  );
});

test('the scripted model streams its text in deltas and ends with the whole response', async () => {
  const m = scriptedModel(['hello world'], { chunkSize: 3 });
  const deltas: string[] = [];
  let whole = '';
  for await (const e of m.stream!({ messages: [] })) {
    if (e.type === 'text-delta') deltas.push(e.text);
    else if (e.type === 'response') whole = e.response.text ?? '';
  }
  assert.deepEqual(deltas, ['hel', 'lo ', 'wor', 'ld']);
  assert.equal(whole, 'hello world');
});

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'atelier-config-'));
}

test('modelFromEnv returns undefined when no model is configured', () => {
  const dir = tempDir();
  try {
    assert.equal(modelFromEnv({ cwd: dir, env: {} }), undefined);
    assert.equal(modelFromEnv({ cwd: dir, env: { OPENAI_API_KEY: 'sk-x' } }), undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('environment variables override atelier.config.json; the default base URL is OpenAI', () => {
  const dir = tempDir();
  try {
    writeFileSync(
      join(dir, 'atelier.config.json'),
      JSON.stringify({
        model: { baseURL: 'http://127.0.0.1:9/v1', name: 'from-file', apiKey: 'k' },
        db: 'x.db',
      }),
    );
    const fromFile = modelFromEnv({ cwd: dir, env: {} });
    assert.equal(fromFile?.name, 'from-file');
    assert.equal(fromFile?.endpoint, 'http://127.0.0.1:9/v1/chat/completions');
    const fromEnv = modelFromEnv({
      cwd: dir,
      env: { ATELIER_MODEL: 'from-env', OPENAI_BASE_URL: 'http://127.0.0.1:8/v1/' },
    });
    assert.equal(fromEnv?.name, 'from-env');
    assert.equal(fromEnv?.endpoint, 'http://127.0.0.1:8/v1/chat/completions');
    assert.equal(loadConfig({ cwd: dir, env: { ATELIER_DB: 'y.db' } }).db, 'y.db');
    rmSync(join(dir, 'atelier.config.json'));
    const openai = modelFromEnv({
      cwd: dir,
      env: { ATELIER_MODEL: 'gpt-4o-mini', OPENAI_API_KEY: 'sk' },
    });
    assert.equal(openai?.baseURL, 'https://api.openai.com/v1');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a bad config file or a model on OpenAI without a key is a UserError naming what to fix', () => {
  const dir = tempDir();
  try {
    assert.throws(
      () => modelFromEnv({ cwd: dir, env: { ATELIER_MODEL: 'gpt-4o-mini' } }),
      (err: unknown) =>
        err instanceof UserError &&
        /no API key/.test(err.message) &&
        /OPENAI_API_KEY/.test(err.hint ?? ''),
    );
    writeFileSync(join(dir, 'atelier.config.json'), '{ "model": { "name": 3 } }');
    assert.throws(
      () => loadConfig({ cwd: dir, env: {} }),
      (err: unknown) =>
        err instanceof UserError && /field "model.name" must be a string/.test(err.message),
    );
    writeFileSync(join(dir, 'atelier.config.json'), '{ nope');
    assert.throws(
      () => loadConfig({ cwd: dir, env: {} }),
      (err: unknown) => err instanceof UserError && /is not valid JSON/.test(err.message),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the scripted-model helpers are exported only under scripted names, from src/models and the package root', async () => {
  for (const mod of [
    await import('../../src/models/index.js'),
    await import('../../src/index.js'),
  ]) {
    const names = Object.keys(mod);
    for (const generic of ['text', 'toolCall', 'toolCalls'])
      assert.ok(!names.includes(generic), `${generic} is not exported`);
    for (const scripted of [
      'scriptedModel',
      'scriptedText',
      'scriptedToolCall',
      'scriptedToolCalls',
    ])
      assert.ok(names.includes(scripted), `${scripted} is exported`);
  }
  const { scriptedText, scriptedToolCalls } = await import('../../src/models/index.js');
  assert.deepEqual(scriptedText('hi'), { text: 'hi', toolCalls: [], finishReason: 'stop' });
  assert.deepEqual(scriptedToolCalls({ name: 'a', arguments: { x: 1 }, id: 'i' }).toolCalls, [
    { id: 'i', name: 'a', arguments: '{"x":1}' },
  ]);
});
