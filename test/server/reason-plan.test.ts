import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { errorOf, testServer } from './helpers.js';
import type { TestServer } from './helpers.js';

const PROGRAM = `reports_to(ana, bo).
reports_to(bo, cy).
senior(cy).
manages(X, Y) :- reports_to(Y, X).
manages(X, Z) :- manages(X, Y), manages(Y, Z).
may_approve(X, Y) :- manages(X, Y), senior(X).
`;

interface Node {
  fact: string;
  via: string;
  children: Node[];
}

function leaves(n: Node): string[] {
  return n.children.length === 0 ? [n.fact] : n.children.flatMap(leaves);
}

describe('POST /api/reason and POST /api/plan', () => {
  let server: TestServer;
  before(async () => {
    server = await testServer();
  });
  after(() => server.close());

  it('answers a query with bindings and a proof down to the given facts', async () => {
    const res = await server.call('/api/reason', {
      json: { program: PROGRAM, query: 'may_approve(X, ana)' },
    });
    assert.equal(res.status, 200);
    const body = (await res.json()) as {
      answers: Array<{ bindings: Record<string, string>; fact: string; proof: Node }>;
      total: number;
    };
    assert.equal(body.total, 1);
    assert.deepEqual(body.answers[0]!.bindings, { X: 'cy' });
    assert.equal(body.answers[0]!.proof.fact, 'may_approve(cy, ana)');
    assert.match(body.answers[0]!.proof.via, /^may_approve\(X, Y\) :- /);
    assert.deepEqual(leaves(body.answers[0]!.proof).sort(), [
      'reports_to(ana, bo)',
      'reports_to(bo, cy)',
      'senior(cy)',
    ]);
  });

  it('answers with a deep proof cut at a fixed depth instead of failing', async () => {
    const edges = Array.from({ length: 5000 }, (_, i) => `edge(${i}, ${i + 1}).`).join('\n');
    const program = `${edges}\nreach(0).\nreach(Y) :- reach(X), edge(X, Y).\n`;
    const res = await server.call('/api/reason', { json: { program, query: 'reach(5000)' } });
    assert.equal(res.status, 200);
    const body = (await res.json()) as { answers: Array<{ proof: Node }> };
    let node = body.answers[0]!.proof;
    let depth = 0;
    while (node.children.length > 0) {
      node = node.children[0]!;
      depth++;
    }
    assert.equal(depth, 200);
    assert.match(node.via, /deeper than 200 levels/);
  });

  it('says why not for a ground query that fails', async () => {
    const res = await server.call('/api/reason', {
      json: { program: PROGRAM, query: 'may_approve(bo, ana)' },
    });
    const body = (await res.json()) as { answers: unknown[]; whyNot: string[] };
    assert.deepEqual(body.answers, []);
    assert.ok(
      body.whyNot.some((l) => l.includes('senior(bo)')),
      body.whyNot.join('\n'),
    );
  });

  it('locates a mistake in the program or in the query', async () => {
    let res = await server.call('/api/reason', {
      json: { program: 'ok.\np(X) :- q(Y).', query: 'p(a)' },
    });
    assert.equal(res.status, 400);
    let err = await errorOf(res);
    assert.equal(err.code, 'logic_error');
    assert.deepEqual(err.location, { file: 'program', line: 2, col: 3 });

    res = await server.call('/api/reason', { json: { program: PROGRAM, query: 'manages(X' } });
    err = await errorOf(res);
    assert.equal((err.location as { file: string }).file, 'query');
  });

  it('validates the body, naming the field', async () => {
    const res = await server.call('/api/reason', { json: { program: PROGRAM, query: 7 } });
    assert.equal(res.status, 400);
    const err = await errorOf(res);
    assert.equal(err.param, 'query');
    assert.match(err.message, /^query: /);
  });

  const domain = readFileSync('examples/pddl/blocks/domain.pddl', 'utf8');
  const problem = readFileSync('examples/pddl/blocks/problem.pddl', 'utf8');

  it('plans: PDDL in, a plan out in the CLI format', async () => {
    const res = await server.call('/api/plan', { json: { domain, problem } });
    assert.equal(res.status, 200);
    const body = (await res.json()) as {
      status: string;
      plan: Array<{ action: string; args: string[] }>;
      text: string;
      cost: number;
    };
    assert.equal(body.status, 'solved');
    assert.ok(body.plan.length > 0);
    assert.equal(body.cost, body.plan.length);
    assert.match(body.text, /; cost = \d+ \(unit cost\)/);
    assert.equal(
      body.text.split('\n')[0],
      `(${[body.plan[0]!.action, ...body.plan[0]!.args].join(' ')})`,
    );
  });

  it('answers a PDDL mistake with its place: which text, line and column', async () => {
    const broken = problem.replace(/\(:init/i, '(:init (no-such-predicate a)');
    const res = await server.call('/api/plan', { json: { domain, problem: broken } });
    assert.equal(res.status, 400);
    const err = await errorOf(res);
    assert.equal(err.code, 'pddl_error');
    const loc = err.location as { file: string; line: number; col: number };
    assert.equal(loc.file, 'problem');
    const line = broken.split('\n')[loc.line - 1]!;
    assert.ok(
      line.slice(loc.col - 1).startsWith('(no-such-predicate') ||
        line.slice(loc.col - 1).startsWith('no-such-predicate'),
      line,
    );
  });

  it('requires both texts', async () => {
    const res = await server.call('/api/plan', { json: { domain } });
    assert.equal(res.status, 400);
    assert.equal((await errorOf(res)).param, 'problem');
  });

  it('describes every route in the OpenAPI document, with request schemas from zod', async () => {
    const doc = (await (await server.call('/api/openapi.json')).json()) as {
      paths: Record<
        string,
        Record<
          string,
          { requestBody?: { content: Record<string, { schema: { required?: string[] } }> } }
        >
      >;
    };
    for (const path of ['/api/plan', '/api/reason', '/v1/chat/completions', '/v1/models'])
      assert.ok(doc.paths[path], path);
    const planBody = doc.paths['/api/plan']!.post!.requestBody!.content['application/json']!.schema;
    assert.deepEqual(planBody.required?.sort(), ['domain', 'problem']);
  });
});
