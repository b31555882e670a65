// Bounded fuzz over the server's JSON bodies: whatever a client posts, the answer is a
// response (never a 5xx, never a dropped connection), and a refusal is a JSON error body
// that says what was wrong. Seeded, so a failure reproduces.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { openRunStore } from '../../src/store/index.js';
import type { RunStore } from '../../src/team/index.js';
import { testServer } from './helpers.js';
import type { TestServer } from './helpers.js';

const ENDPOINTS = [
  '/api/plan',
  '/api/reason',
  '/api/runs',
  '/api/conversations',
  '/v1/chat/completions',
  '/v1/responses',
];

/** Bodies near the real shapes (right keys, wrong values) as well as arbitrary JSON. */
const body = fc.oneof(
  fc.jsonValue(),
  fc.record(
    {
      mission: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
      domain: fc.oneof(fc.string(), fc.constant('(define (domain d)'), fc.integer()),
      problem: fc.oneof(fc.string(), fc.constant([])),
      program: fc.oneof(fc.string(), fc.constant('p(X) :- q(X).'), fc.boolean()),
      model: fc.oneof(fc.string(), fc.constant('team:nope'), fc.integer()),
      messages: fc.oneof(fc.jsonValue(), fc.constant([{ role: 'user' }])),
      input: fc.oneof(fc.jsonValue(), fc.string()),
      target: fc.oneof(fc.string(), fc.constant(null)),
      seed: fc.oneof(fc.integer(), fc.double(), fc.string()),
      n: fc.oneof(fc.integer(), fc.string()),
    },
    { requiredKeys: [] },
  ),
);

describe('the server under fuzzed JSON bodies', () => {
  let server: TestServer;
  let store: RunStore;

  before(async () => {
    store = openRunStore(join(mkdtempSync(join(tmpdir(), 'atelier-fuzz-')), 'atelier.db'));
    server = await testServer({ runs: { store, timeScale: 0 } });
  });
  after(async () => {
    await server.close();
    await store.close();
  });

  it('answers every body with a response below 500; a refusal is a JSON error with a message', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ENDPOINTS), body, async (path, json) => {
        const res = await server.call(path, { json });
        const text = await res.text();
        assert.ok(res.status < 500, `${path} ${JSON.stringify(json)}: ${res.status} ${text}`);
        if (res.status >= 400) {
          const parsed = JSON.parse(text) as { error?: { message?: unknown } | string };
          const message = typeof parsed.error === 'string' ? parsed.error : parsed.error?.message;
          assert.equal(typeof message, 'string', `${path}: ${text}`);
          assert.ok((message as string).length > 0, `${path}: empty message`);
        }
        // A run or an answer that was accepted is left to finish: stop nothing half-way.
      }),
      { numRuns: 150, seed: 20261202 },
    );
  });
});
