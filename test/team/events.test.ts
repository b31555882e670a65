import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { openRunStore } from '../../src/store/index.js';
import {
  EVENT_KINDS,
  RUN_EVENT_TYPES,
  RunEventSchema,
  RunLogError,
  findEvent,
  getRun,
  parseEvent,
  readEvents,
  startRun,
  subscribe,
} from '../../src/team/index.js';
import type { LoggedEvent, RunEventBody } from '../../src/team/index.js';
import { toLoggedForm } from '../../src/team/log/codec.js';
import { dinnerMission, tempStore } from './helpers.js';

const ROOT = resolve(import.meta.dirname, '../..');

/** One event of every kind, with its optional fields present. */
const SAMPLES: RunEventBody[] = [
  { type: 'run.started', data: { mission: 'm', goal: '(and (x))', seed: 3, facts: ['(a)'] } },
  { type: 'facts.derived', data: { facts: ['(d)'] } },
  {
    type: 'plan.made',
    data: {
      version: 1,
      reason: 'initial plan',
      cost: 2,
      planMs: 1.25,
      steps: [
        { id: 's1', action: 'go', args: ['a'], agent: 'ann', dependsOn: [], supports: ['goal'] },
      ],
    },
  },
  { type: 'plan.failed', data: { reason: 'no plan', whyNot: ['(x) is false'] } },
  {
    type: 'tools.modelled',
    data: {
      tools: [
        { tool: 'ship', source: 'declared', observations: 2 },
        {
          tool: 'make',
          source: 'proposed',
          observations: 0,
          by: 'bootstrap',
          precondition: '(in_stock ?p)',
          effect: '(made ?p)',
        },
      ],
    },
  },
  { type: 'step.assigned', data: { stepId: 's1', agent: 'ann', action: 'go', args: ['a'] } },
  {
    type: 'step.started',
    data: { stepId: 's1', agent: 'ann', action: 'go', args: ['a'], attempt: 2 },
  },
  {
    type: 'step.in-doubt',
    data: {
      stepId: 's1',
      agent: 'ann',
      action: 'go',
      args: ['a'],
      reason: 'in flight at the stop',
    },
  },
  { type: 'approval.requested', data: { stepId: 's1', agent: 'ann', action: 'go', args: [] } },
  { type: 'approval.given', data: { stepId: 's1', approved: false, by: 'bob', reason: 'no' } },
  {
    type: 'step.finished',
    data: { stepId: 's1', agent: 'ann', action: 'go', args: ['a'], ms: 4, note: 'fine' },
  },
  {
    type: 'step.failed',
    data: { stepId: 's1', agent: 'ann', action: 'go', args: ['a'], ms: 4, reason: 'closed' },
  },
  {
    type: 'facts.changed',
    data: {
      stepId: 's1',
      added: ['(b)'],
      deleted: ['(a)'],
      diverged: true,
      derivedAdded: ['(d2)'],
      derivedRemoved: ['(d)'],
    },
  },
  { type: 'replan', data: { version: 2, reason: 'step s1 failed' } },
  {
    type: 'work.product',
    data: {
      stepId: 's2',
      agent: 'writer',
      action: 'write_doc',
      args: ['policy'],
      title: 'AI policy',
      markdown: '# AI policy',
    },
  },
  {
    type: 'teammate.asked',
    data: {
      stepId: 's2',
      from: 'writer',
      to: 'reviewer',
      question: 'Which tone?',
      depth: 1,
      answer: 'Formal.',
    },
  },
  {
    type: 'run.finished',
    data: {
      runId: 'r',
      status: 'failed',
      steps: 5,
      replans: 1,
      elapsedMs: 30,
      sessionSteps: 2,
      reason: 'no plan',
      whyNot: ['(x) is false'],
    },
  },
  { type: 'run.interrupted', data: { reason: 'interrupted' } },
  { type: 'run.resumed', data: { planVersion: 2, again: ['s1'] } },
  {
    type: 'usage.recorded',
    data: {
      agent: 'ann',
      stepId: 's1',
      model: 'm',
      inputTokens: 10,
      outputTokens: 5,
      costUsd: 0.001,
    },
  },
  { type: 'budget.set', data: { tokens: 100, costUsd: 0.5 } },
  {
    type: 'budget.exceeded',
    data: { limit: 'tokens', used: 120, budget: 100, reason: 'token budget exceeded' },
  },
];

/** A log holding the run 'r' with the given raw events. */
async function logWith(events: { type: string; v: number; data: unknown }[]) {
  const { store } = tempStore();
  await store.createRun({
    id: 'r',
    mission: 'm',
    missionDir: null,
    status: 'running',
    seed: 1,
    goal: '(and)',
    options: {},
    startedAt: new Date().toISOString(),
  });
  await store.append('r', events);
  return store;
}

describe('run log events: one versioned schema per kind', () => {
  it('has a sample of every kind, and each round-trips through the store unchanged', async () => {
    assert.deepEqual(
      SAMPLES.map((s) => s.type),
      RUN_EVENT_TYPES,
    );
    const store = await logWith(SAMPLES.map(toLoggedForm));
    const back = await readEvents(store, 'r');
    assert.deepEqual(
      back.map((e) => ({ type: e.type, data: e.data })),
      SAMPLES,
    );
    for (const e of back) {
      assert.equal(e.v, EVENT_KINDS[e.type].version);
      assert.deepEqual(RunEventSchema.parse(e), e, 'the union schema accepts what was read');
    }
  });

  it('refuses, before writing, an event whose data does not match its schema', () => {
    const bad = {
      type: 'replan',
      data: { version: 'two', reason: 'x' },
    } as unknown as RunEventBody;
    assert.throws(() => toLoggedForm(bad), /replan event does not match its schema/);
    const extra = {
      type: 'facts.derived',
      data: { facts: [], other: 1 },
    } as unknown as RunEventBody;
    assert.throws(() => toLoggedForm(extra), /facts\.derived event does not match/);
  });

  it('refuses an unknown kind, a newer or older version, and bad data, naming the run and the event', async () => {
    const raw = (type: string, v: number, data: unknown): LoggedEvent => ({
      runId: 'run-7',
      seq: 12,
      at: '2026-01-01T00:00:00.000Z',
      type,
      v,
      data,
    });
    const refused = (e: LoggedEvent, code: string, message: RegExp): void => {
      assert.throws(
        () => parseEvent(e),
        (err: unknown) => {
          assert.ok(err instanceof RunLogError, String(err));
          assert.equal(err.code, code);
          assert.equal(err.runId, 'run-7');
          assert.equal(err.seq, 12);
          assert.match(err.message, /^run run-7: event 12 \(/);
          assert.match(err.message, message);
          return true;
        },
      );
    };
    refused(
      raw('step.teleported', 1, {}),
      'RUNLOG_UNKNOWN_EVENT',
      /\(step\.teleported\): this Atelier does not know this kind of event/,
    );
    refused(
      raw('replan', 2, { version: 2, reason: 'x' }),
      'RUNLOG_NEWER_EVENT',
      /\(replan\): schema version 2; this Atelier reads replan version 1/,
    );
    refused(raw('replan', 0, { version: 2, reason: 'x' }), 'RUNLOG_OLD_EVENT', /version 0/);
    refused(
      raw('step.started', 1, { stepId: 's1', agent: 'a', action: 'go', args: [] }),
      'RUNLOG_BAD_EVENT',
      /\(step\.started\): data does not match version 1 of its schema: attempt: /,
    );
  });

  it('reading a run whose log holds an event of a newer version fails with that event named', async () => {
    const store = await logWith([
      toLoggedForm(SAMPLES[0]!),
      { type: 'facts.derived', v: 9, data: { facts: [] } },
    ]);
    await assert.rejects(readEvents(store, 'r'), /^RunLogError: run r: event 2 \(facts\.derived\)/);
    await assert.rejects(getRun(store, 'r'), RunLogError);
    // Reading from after the bad event still works.
    assert.deepEqual(await readEvents(store, 'r', 2), []);
  });

  it('gives live listeners parsed events, and an unreadable one to onError, not to the writer', async () => {
    const store = await logWith([]);
    const heard: string[] = [];
    const errors: string[] = [];
    subscribe(
      store,
      'r',
      (e) => heard.push(e.type),
      (err) => errors.push(err.code),
    );
    await store.append('r', [toLoggedForm(SAMPLES[1]!), { type: 'nope', v: 1, data: {} }]);
    assert.deepEqual(heard, ['facts.derived']);
    assert.deepEqual(errors, ['RUNLOG_UNKNOWN_EVENT']);
  });

  it('a whole run reads back typed: every event of a real run matches the union schema', async () => {
    const { store } = tempStore();
    const run = await startRun(dinnerMission(), { store, approve: 'auto', timeScale: 0 });
    const summary = await run.done;
    const events = await readEvents(store, run.id);
    for (const e of events) RunEventSchema.parse(e);
    assert.deepEqual(
      events.map((e) => e.seq),
      events.map((_, i) => i + 1),
    );
    const fin = findEvent(events, 'run.finished')!;
    assert.deepEqual(fin.data, { ...summary });
  });

  it('atelier show on a log written by a newer Atelier: one error line naming run and event, exit 2', async () => {
    const { dir } = tempStore();
    const db = join(dir, 'newer.db');
    const store = openRunStore(db);
    await store.createRun({
      id: 'run-new',
      mission: 'm',
      missionDir: null,
      status: 'succeeded',
      seed: 1,
      goal: '(and)',
      options: {},
      startedAt: new Date().toISOString(),
    });
    await store.append('run-new', [
      toLoggedForm(SAMPLES[0]!),
      { type: 'plan.made', v: 2, data: {} },
    ]);
    await store.close();
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), 'show', 'run-new', '--db', db],
      { encoding: 'utf8', cwd: ROOT },
    );
    assert.equal(r.status, 2, r.stderr);
    assert.match(
      r.stderr,
      /error\[RUNLOG_NEWER_EVENT\]: run run-new: event 2 \(plan\.made\): schema version 2/,
    );
    assert.match(r.stderr, /hint: the run was written by a newer Atelier/);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  });
});
