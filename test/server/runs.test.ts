import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRunStore } from '../../src/store/index.js';
import type { RunStore } from '../../src/team/index.js';
import { FLAGSHIP_MISSION } from '../../src/cli/serve.js';
import { TOKEN, errorOf, testServer } from './helpers.js';
import type { TestServer } from './helpers.js';

interface Sse {
  id: string | undefined;
  event: string;
  data: string;
}

/** Reads SSE messages until `stop` says so (or the stream ends), then closes the connection. */
async function readSse(
  url: string,
  headers: Record<string, string>,
  stop: (m: Sse, all: Sse[]) => boolean,
  cancel?: AbortSignal,
): Promise<Sse[]> {
  const abort = new AbortController();
  cancel?.addEventListener(
    'abort',
    () => abort.abort(new Error('the stream did not end in time')),
    { once: true },
  );
  const res = await fetch(url, {
    headers: { authorization: `Bearer ${TOKEN}`, ...headers },
    signal: abort.signal,
  });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /text\/event-stream/);
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  const out: Sse[] = [];
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return out;
      buffer += value;
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        if (block.startsWith(':')) continue;
        const m: Sse = { id: undefined, event: 'message', data: '' };
        for (const line of block.split('\n')) {
          const [field, ...rest] = line.split(':');
          const v = rest.join(':').replace(/^ /, '');
          if (field === 'id') m.id = v;
          else if (field === 'event') m.event = v;
          else if (field === 'data') m.data += v;
        }
        out.push(m);
        if (stop(m, out)) return out;
      }
    }
  } finally {
    abort.abort();
  }
}

interface RunDetail {
  id: string;
  status: string;
  derived: string[];
  pendingApprovals: Array<{ stepId: string }>;
  plans: Array<{ version: number; steps: Array<{ id: string }> }>;
}

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  ms = 20_000,
): Promise<T> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const v = await probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('runs API over HTTP', () => {
  let server: TestServer;
  let store: RunStore;
  before(async () => {
    store = openRunStore(join(mkdtempSync(join(tmpdir(), 'atelier-runs-')), 'atelier.db'));
    server = await testServer({ runs: { store, timeScale: 0 } });
  });
  after(async () => {
    await server.close();
    await store.close();
  });

  const detail = async (id: string): Promise<RunDetail> =>
    (await (await server.call(`/api/runs/${id}`)).json()) as RunDetail;
  const waitingStep = (id: string) =>
    waitFor('a step waiting for approval', async () => {
      const d = await detail(id);
      return d.pendingApprovals[0]?.stepId;
    });

  it('lists the example missions, the flagship among them', async () => {
    const res = await server.call('/api/missions');
    assert.equal(res.status, 200);
    const missions = (await res.json()) as Array<{ name: string; source: string }>;
    assert.ok(missions.some((m) => m.name === FLAGSHIP_MISSION && m.source === 'example'));
  });

  it('validates the start request, naming the field', async () => {
    let res = await server.call('/api/runs', {
      json: { mission: FLAGSHIP_MISSION, seed: 'seven' },
    });
    assert.equal(res.status, 400);
    let err = await errorOf(res);
    assert.equal(err.code, 'invalid_request');
    assert.equal(err.param, 'seed');
    assert.match(err.message, /^seed: /);

    res = await server.call('/api/runs', { json: {} });
    assert.equal(res.status, 400);
    assert.equal((await errorOf(res)).param, 'mission');

    res = await server.call('/api/runs', {
      method: 'POST',
      body: '{"mission": ',
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(res.status, 400);
    assert.equal((await errorOf(res)).code, 'invalid_json');

    res = await server.call('/api/runs', { json: { mission: 'no-such-mission' } });
    assert.equal(res.status, 404);
    err = await errorOf(res);
    assert.equal(err.code, 'mission_not_found');
    assert.match(String(err.hint), new RegExp(FLAGSHIP_MISSION));
  });

  it('answers a goal naming an unknown object with 400 on the goal field, said once', async () => {
    const res = await server.call('/api/runs', {
      json: { mission: FLAGSHIP_MISSION, goal: '(and (hired zed))' },
    });
    assert.equal(res.status, 400);
    const err = await errorOf(res);
    assert.equal(err.code, 'invalid_goal');
    assert.equal(err.param, 'goal');
    assert.match(err.message, /^goal: [^:]*zed/);
  });

  it('answers 404 for an unknown run, on every run route', async () => {
    for (const path of ['/api/runs/nope', '/api/runs/nope/events']) {
      const res = await server.call(path);
      assert.equal(res.status, 404, path);
      assert.equal((await errorOf(res)).code, 'run_not_found');
    }
    const res = await server.call('/api/runs/nope/steps/s1/approve', { json: {} });
    assert.equal(res.status, 404);
  });

  it('starts a run, streams its events, resumes after Last-Event-ID without loss or repeats, and ends', async () => {
    const res = await server.call('/api/runs', { json: { mission: FLAGSHIP_MISSION, seed: 3 } });
    assert.equal(res.status, 201);
    const { id } = (await res.json()) as { id: string };
    const listed = (
      (await (await server.call('/api/runs')).json()) as { runs: Array<{ id: string }> }
    ).runs;
    assert.equal(listed[0]!.id, id);

    const url = `${server.url}/api/runs/${id}/events`;
    // First connection: read three events, then drop it.
    const first = await readSse(url, {}, (_m, all) => all.length === 3);
    assert.deepEqual(
      first.map((m) => m.id),
      ['1', '2', '3'],
    );
    assert.equal((JSON.parse(first[0]!.data) as { type: string }).type, 'run.started');

    // Let the run go on (approve what waits) while nobody listens.
    const step = await waitingStep(id);
    const ok = await server.call(`/api/runs/${id}/steps/${step}/approve`, { json: { by: 'test' } });
    assert.equal(ok.status, 200);

    // Reconnect with Last-Event-ID: the rest, from seq 4, in order, up to the end.
    const rest = await readSse(url, { 'last-event-id': '3' }, (m) => m.event === 'end');
    const events = rest
      .filter((m) => m.event === 'message')
      .map((m) => JSON.parse(m.data) as { seq: number; type: string; data: { status?: string } });
    assert.deepEqual(
      events.map((e) => e.seq),
      events.map((_e, i) => i + 4),
    );
    assert.equal(events.at(-1)!.type, 'run.finished');
    assert.equal(rest.at(-1)!.event, 'end');
    assert.ok(events.some((e) => e.type === 'approval.given'));

    const d = await detail(id);
    assert.equal(d.status, events.at(-1)!.data.status);
    assert.ok(d.plans.length >= 1);
  });

  it('ends a stream resumed at the last event of a finished run at once, with no events', async () => {
    const { runs } = (await (await server.call('/api/runs')).json()) as {
      runs: Array<{ id: string; status: string }>;
    };
    const done = runs.find((r) => r.status !== 'running' && r.status !== 'waiting-approval');
    assert.ok(done, 'the previous test left a finished run');
    const url = `${server.url}/api/runs/${done.id}/events`;
    const all = await readSse(url, {}, (m) => m.event === 'end');
    const lastId = all.filter((m) => m.event === 'message').at(-1)!.id!;
    for (const resumeAt of [lastId, String(Number(lastId) + 5)]) {
      // Without the fix this waits on keepalives forever; the timer turns that into a failure.
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(), 5_000);
      try {
        const rest = await readSse(
          url,
          { 'last-event-id': resumeAt },
          (m) => m.event === 'end',
          abort.signal,
        );
        assert.deepEqual(
          rest.map((m) => m.event),
          ['end'],
          `resumed at ${resumeAt}`,
        );
        assert.equal((JSON.parse(rest[0]!.data) as { lastSeq: number }).lastSeq, Number(lastId));
      } finally {
        clearTimeout(timer);
      }
    }
  });

  it("explains a run's derived fact with its proof, and a fact that does not hold with why not", async () => {
    const listed = (
      (await (await server.call('/api/runs')).json()) as { runs: Array<{ id: string }> }
    ).runs;
    const d = await detail(listed.at(-1)!.id);
    assert.ok(d.derived.length > 0, 'the flagship derives facts');
    const fact = d.derived[0]!;
    const res = await server.call(`/api/runs/${d.id}/why`, { json: { fact } });
    assert.equal(res.status, 200);
    const body = (await res.json()) as {
      fact: string;
      proof?: { via: string; children: unknown[] };
      whyNot?: string[];
    };
    assert.ok(body.proof, JSON.stringify(body));
    assert.notEqual(body.proof.via, 'given');
    assert.ok(body.proof.children.length > 0);

    const pred = fact.slice(1).split(' ')[0]!;
    const no = await server.call(`/api/runs/${d.id}/why`, {
      json: { fact: `(${pred} nobody_at_all)` },
    });
    const nb = (await no.json()) as { proof?: unknown; whyNot?: string[] };
    assert.equal(nb.proof, undefined);
    assert.ok((nb.whyNot ?? []).length > 0);

    const bad = await server.call(`/api/runs/${d.id}/why`, { json: { fact: 'not a fact' } });
    assert.equal(bad.status, 400);
    assert.equal((await errorOf(bad)).param, 'fact');
  });

  it('refuses a malformed Last-Event-ID', async () => {
    const listed = (
      (await (await server.call('/api/runs')).json()) as { runs: Array<{ id: string }> }
    ).runs;
    const res = await server.call(`/api/runs/${listed[0]!.id}/events`, {
      headers: { 'last-event-id': 'abc' },
    });
    assert.equal(res.status, 400);
    assert.equal((await errorOf(res)).param, 'Last-Event-ID');
  });

  it('rejects a waiting step: the team re-plans, and a step not waiting gets 409', async () => {
    const res = await server.call('/api/runs', { json: { mission: FLAGSHIP_MISSION, seed: 5 } });
    const { id } = (await res.json()) as { id: string };
    const step = await waitingStep(id);
    const no = await server.call(`/api/runs/${id}/steps/${step}/reject`, {
      json: { by: 'test', reason: 'not today' },
    });
    assert.equal(no.status, 200);
    assert.deepEqual(await no.json(), { runId: id, stepId: step, approved: false });

    const again = await server.call(`/api/runs/${id}/steps/${step}/approve`, { json: {} });
    assert.equal(again.status, 409);
    // Decided but not yet taken up by the team, or already gone from the waiting list.
    assert.match((await errorOf(again)).code, /^(already_decided|not_waiting)$/);

    const events = await readSse(`${server.url}/api/runs/${id}/events`, {}, (m) => {
      if (m.event !== 'message') return false;
      const e = JSON.parse(m.data) as { type: string };
      return e.type === 'replan' || e.type === 'run.finished';
    });
    const types = events.map((m) => (JSON.parse(m.data) as { type: string }).type);
    const given = events
      .map(
        (m) =>
          JSON.parse(m.data) as { type: string; data: { approved?: boolean; reason?: string } },
      )
      .find((e) => e.type === 'approval.given');
    assert.equal(given?.data.approved, false);
    assert.equal(given?.data.reason, 'not today');
    assert.ok(types.includes('replan') || types.includes('run.finished'));
  });

  it('resumes a run interrupted by a server shutdown, from its log', async () => {
    const res = await server.call('/api/runs', { json: { mission: FLAGSHIP_MISSION } });
    const { id } = (await res.json()) as { id: string };
    await waitingStep(id);
    const running = await server.call(`/api/runs/${id}/resume`, { method: 'POST' });
    assert.equal(running.status, 409);
    assert.equal((await errorOf(running)).code, 'not_interrupted');

    // Another server on the same store takes over after this one stops.
    await server.close();
    server = await testServer({ runs: { store, timeScale: 0 } });
    const stopped = await waitFor('the run to be marked interrupted', async () => {
      const d = await detail(id);
      return d.status === 'interrupted' ? d : undefined;
    });
    assert.equal(stopped.status, 'interrupted');
    const resumed = await server.call(`/api/runs/${id}/resume`, { method: 'POST' });
    assert.equal(resumed.status, 200);
    const step = await waitingStep(id);
    // Only the step of the new plan waits, not the one the interruption left behind.
    assert.deepEqual(
      (await detail(id)).pendingApprovals.map((a) => a.stepId),
      [step],
    );
    assert.equal(
      (await server.call(`/api/runs/${id}/steps/${step}/approve`, { json: {} })).status,
      200,
    );
    const done = await waitFor('the resumed run to finish', async () => {
      const d = await detail(id);
      return d.status === 'succeeded' || d.status === 'failed' ? d : undefined;
    });
    assert.equal(done.status, 'succeeded');
  });

  it('pages GET /api/runs with ?limit= and the nextCursor, and refuses a bad limit or cursor', async () => {
    type Page = { runs: Array<{ id: string }>; nextCursor: string | null };
    const all = ((await (await server.call('/api/runs?limit=500')).json()) as Page).runs;
    assert.ok(all.length >= 2, 'earlier tests left runs');
    const seen: string[] = [];
    let url = '/api/runs?limit=1';
    for (;;) {
      const page = (await (await server.call(url)).json()) as Page;
      assert.ok(page.runs.length <= 1);
      seen.push(...page.runs.map((r) => r.id));
      if (page.nextCursor === null) break;
      url = `/api/runs?limit=1&cursor=${encodeURIComponent(page.nextCursor)}`;
    }
    assert.deepEqual(
      seen,
      all.map((r) => r.id),
    );
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=many', 'limit'],
      ['limit=501', 'limit'],
      ['cursor=forged', 'cursor'],
    ] as const) {
      const res = await server.call(`/api/runs?${query}`);
      assert.equal(res.status, 400, query);
      assert.equal((await errorOf(res)).field, field);
    }
  });
});
