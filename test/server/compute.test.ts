/**
 * Planning and reasoning requests run in worker threads: a heavy request does not stop
 * the server answering others, is stopped when its client leaves, at the time limit (504)
 * or at the memory limit (422), and a full queue is a 503. Before, a 51 KB reasoner body
 * blocked every other client of `atelier serve` for 5.2 s (a 49 KB one for 9.4 s in the
 * issue), and a 206 KB one took the server to 5.4 GB.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { errorOf, testServer } from './helpers.js';
import type { TestServer } from './helpers.js';

/**
 * A small program that is slow to evaluate but needs little memory: paths of length 4 in
 * a complete graph of `n` nodes (n^5 joins; n = 45 takes minutes, in ~80 MB).
 */
function slowProgram(n = 45): { program: string; query: string } {
  let program = '';
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) if (i !== j) program += `e(a${i}, a${j}).\n`;
  program += 'q(X, Y) :- e(X, A), e(A, B), e(B, C), e(C, Y).\n';
  return { program, query: 'q(a0, a1)' };
}

/** A 250-byte program whose answers need ~130 MB of heap: all 4-tuples over 30 constants. */
function bigProgram(n = 30): { program: string; query: string } {
  let program = '';
  for (let i = 0; i < n; i++) program += `d(c${i}). `;
  program += '\nr(X, Y, Z, W) :- d(X), d(Y), d(Z), d(W).\n';
  return { program, query: 'r(X, Y, Z, W)' };
}

interface Stats {
  size: number;
  busy: number;
  queued: number;
  started: number;
  cancelled: number;
  timedOut: number;
  outOfMemory: number;
}

async function stats(server: TestServer): Promise<Stats> {
  const res = await server.call('/api/health');
  assert.equal(res.status, 200);
  return ((await res.json()) as { compute: Stats }).compute;
}

/** Polls /api/health until `ok` holds (the test's own timeout bounds the wait). */
async function waitFor(server: TestServer, ok: (s: Stats) => boolean): Promise<Stats> {
  for (;;) {
    const s = await stats(server);
    if (ok(s)) return s;
    await new Promise((r) => setTimeout(r, 50));
  }
}

const small = {
  program:
    'edge(a, b). edge(b, c). path(X, Y) :- edge(X, Y). path(X, Z) :- path(X, Y), edge(Y, Z).',
  query: 'path(a, X)',
};

describe('planning and reasoning in worker threads', () => {
  let server: TestServer;
  before(async () => {
    server = await testServer({ reasonTimeLimitMs: 600_000, compute: { size: 2 } });
  });
  after(() => server.close());

  it('serves other clients while a heavy reasoning request runs, and stops it when its client leaves', async () => {
    const heavyClient = new AbortController();
    const heavy = server
      .call('/api/reason', { json: slowProgram(), signal: heavyClient.signal })
      .then(
        () => 'answered',
        () => 'aborted',
      );
    await waitFor(server, (s) => s.busy === 1);

    // Another client: the API answers, and a small reasoning request runs beside the heavy one.
    const missions = await server.call('/v1/models');
    assert.equal(missions.status, 200);
    const res = await server.call('/api/reason', { json: small });
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as { total: number }).total, 2);
    const during = await stats(server);
    assert.equal(during.busy, 1, 'the heavy request is still running');

    heavyClient.abort();
    assert.equal(await heavy, 'aborted');
    const afterwards = await waitFor(server, (s) => s.busy === 0);
    assert.equal(afterwards.cancelled, 1, 'its worker was stopped, not left to finish');

    // The pool still works: the stopped worker is replaced.
    const again = await server.call('/api/reason', { json: small });
    assert.equal(again.status, 200);
  });
});

describe('compute limits', () => {
  let server: TestServer;
  before(async () => {
    server = await testServer({
      reasonTimeLimitMs: 1500,
      planTimeLimitMs: 1000,
      compute: { size: 1, maxQueued: 0 },
      bodyLimitBytes: 200_000,
    });
  });
  after(() => server.close());

  it('answers 504 when reasoning passes the time limit, and keeps serving', async () => {
    const res = await server.call('/api/reason', { json: slowProgram() });
    assert.equal(res.status, 504);
    const err = await errorOf(res);
    assert.equal(err.code, 'time_limit');
    assert.equal(err.type, 'server_error');
    assert.match(err.message, /reasoning did not finish within 1.5 s/);
    assert.equal((await stats(server)).timedOut, 1);
    assert.equal((await server.call('/api/reason', { json: small })).status, 200);
  });

  it('answers 503 with Retry-After when every worker is busy and the queue is full', async () => {
    const heavyClient = new AbortController();
    const heavy = server
      .call('/api/reason', { json: slowProgram(), signal: heavyClient.signal })
      .catch(() => undefined);
    await waitFor(server, (s) => s.busy === 1);
    const res = await server.call('/api/reason', { json: small });
    assert.equal(res.status, 503);
    assert.equal(res.headers.get('retry-after'), '1');
    assert.equal((await errorOf(res)).code, 'busy');
    heavyClient.abort();
    await heavy;
    await waitFor(server, (s) => s.busy === 0);
  });

  it('answers 413 for a reasoner body over the limit', async () => {
    const res = await server.call('/api/reason', {
      json: { program: 'd(c1). '.repeat(30_000), query: 'd(X)' },
    });
    assert.equal(res.status, 413);
    const err = await errorOf(res);
    assert.equal(err.code, 'body_too_large');
    assert.equal(err.type, 'invalid_request_error');
  });

  it('plans in a worker, and a located PDDL error still comes back as a 400', async () => {
    const domain =
      '(define (domain d) (:predicates (p)) (:action a :parameters () :precondition () :effect (p)))';
    const ok = await server.call('/api/plan', {
      json: { domain, problem: '(define (problem q) (:domain d) (:init) (:goal (p)))' },
    });
    assert.equal(ok.status, 200);
    assert.equal(((await ok.json()) as { text: string }).text, '(a)\n; cost = 1 (unit cost)\n');
    const bad = await server.call('/api/plan', {
      json: { domain, problem: '(define (problem q) (:domain d) (:init (nope)) (:goal (p)))' },
    });
    assert.equal(bad.status, 400);
    const err = await errorOf(bad);
    assert.equal(err.code, 'pddl_error');
    assert.equal((err.location as { file: string }).file, 'problem');
  });
});

describe('compute memory limit', () => {
  let server: TestServer;
  before(async () => {
    server = await testServer({ reasonTimeLimitMs: 300_000, compute: { size: 1, memoryMb: 64 } });
  });
  after(() => server.close());

  it('answers 422 when a request needs more memory than a worker has, and keeps serving', async () => {
    const res = await server.call('/api/reason', { json: bigProgram() });
    assert.equal(res.status, 422);
    const err = await errorOf(res);
    assert.equal(err.code, 'memory_limit');
    assert.equal(err.type, 'invalid_request_error');
    assert.match(err.message, /64 MB/);
    assert.equal((await stats(server)).outOfMemory, 1);
    assert.equal((await server.call('/api/reason', { json: small })).status, 200);
  });
});
