import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  approveStep,
  explainStep,
  findEvent,
  getRun,
  readEvents,
  startRun,
} from '../../src/team/index.js';
import type { RunEvent, RunLog } from '../../src/team/index.js';
import { dinnerMission, tempStore } from './helpers.js';

type Span = { id: string; action: string; start: number; end: number };

/** Start/finish times of each executed step, from the event log. */
function spans(events: RunEvent[]): Map<string, Span> {
  const out = new Map<string, Span>();
  for (const e of events) {
    if (e.type === 'step.started')
      out.set(e.data.stepId, {
        id: e.data.stepId,
        action: [e.data.action, ...e.data.args].join(' '),
        start: Date.parse(e.at),
        end: Infinity,
      });
    if (e.type === 'step.finished' || e.type === 'step.failed')
      out.get(e.data.stepId)!.end = Date.parse(e.at);
  }
  return out;
}

describe('the mission loop', () => {
  it('runs independent steps at the same time and dependent ones one after the other', async () => {
    const { store } = tempStore();
    const run = await startRun(dinnerMission(), { store, approve: 'auto' });
    const summary = await run.done;
    assert.equal(summary.status, 'succeeded');
    const byAction = new Map(
      [...spans(await readEvents(store, run.id)).values()].map((s) => [s.action, s]),
    );
    const pasta = byAction.get('buy pasta grocer') ?? byAction.get('buy pasta market')!;
    const tomatoes = [...byAction.values()].find((s) => s.action.startsWith('buy tomatoes'))!;
    const cook = byAction.get('cook sauce')!;
    const serve = byAction.get('serve sauce')!;
    // Both purchases are in flight together (done by two agents).
    assert.ok(
      pasta.start < tomatoes.end && tomatoes.start < pasta.end,
      'the two purchases overlap',
    );
    // Cooking waits for both purchases; serving waits for cooking.
    assert.ok(cook.start >= Math.max(pasta.end, tomatoes.end));
    assert.ok(serve.start >= cook.end);
    const plan = (await getRun(store, run.id))!.plans[0]!;
    assert.deepEqual(new Set(plan.steps.map((s) => s.agent)), new Set(['ann', 'bob', 'chef']));
  });

  it('re-plans when a step fails and still reaches the goal', async () => {
    const { store } = tempStore();
    const mission = dinnerMission({
      outcome: (a, args) =>
        a === 'buy' && args.i === 'tomatoes' && args.s === 'market'
          ? { ok: false, reason: 'the market is closed', retract: ['(sells market tomatoes)'] }
          : undefined,
    });
    // Force the first plan through the market: the grocer has no tomatoes yet in this variant.
    const run = await startRun(
      { ...mission, facts: mission.facts.filter((f) => f !== 'sells grocer tomatoes') },
      { store, approve: 'auto' },
    );
    const summary = await run.done;
    assert.equal(
      summary.status,
      'failed',
      'with no other shop selling tomatoes there is no plan after the failure',
    );
    const events = await readEvents(store, run.id);
    assert.equal(events.filter((e) => e.type === 'replan').length, 1);
    assert.match(summary.reason ?? '', /no plan reaches the goal/);

    const run2 = await startRun(mission, { store, approve: 'auto' });
    const s2 = await run2.done;
    assert.equal(s2.status, 'succeeded');
    const ev2 = await readEvents(store, run2.id);
    const failed = ev2.filter((e) => e.type === 'step.failed');
    const replans = ev2.filter((e) => e.type === 'replan');
    if (failed.length > 0) {
      assert.equal(replans.length, failed.length);
      assert.match(replans[0]!.data.reason as string, /failed: the market is closed/);
      const last = (await getRun(store, run2.id))!.plans.at(-1)!;
      assert.ok(
        last.steps.some((s) => s.action === 'buy' && s.args.join(' ') === 'tomatoes grocer'),
        'the new plan buys tomatoes at the grocer',
      );
    }
    assert.ok((await getRun(store, run2.id))!.facts.includes('(served sauce)'));
  });

  it('re-plans after a failure and reaches the goal (the failing shop is the only one planned first)', async () => {
    const { store } = tempStore();
    let calls = 0;
    const mission = dinnerMission({
      outcome: (a, args, attempt) =>
        a === 'buy' && args.i === 'pasta' && attempt === 1
          ? (calls++, { ok: false, reason: 'out of pasta, back in a minute' })
          : undefined,
    });
    const run = await startRun(mission, { store, approve: 'auto' });
    const summary = await run.done;
    assert.equal(calls, 1);
    assert.equal(summary.status, 'succeeded');
    assert.equal(summary.replans, 1);
    const plans = (await getRun(store, run.id))!.plans;
    assert.equal(plans.length, 2);
    assert.match(plans[1]!.reason, /buy pasta .* failed: out of pasta/);
  });

  it('ends an impossible goal with no plan and a why-not from the rules', async () => {
    const { store } = tempStore();
    const mission = dinnerMission();
    const run = await startRun(
      { ...mission, facts: mission.facts.filter((f) => !f.endsWith('pasta')) },
      { store, approve: 'auto', goal: '(and (ready_to_cook))' },
    );
    const summary = await run.done;
    assert.equal(summary.status, 'failed');
    assert.match(summary.reason!, /no plan reaches the goal/);
    // Walked back from the goal through the rule and the action that could help, to the missing facts.
    assert.deepEqual(summary.whyNot, [
      '(ready_to_cook) cannot be derived: its rule needs',
      '  (bought pasta) is false and can never be achieved:',
      '    buy needs (sells ?s pasta) for some value of ?s, never reachable:',
      '      (sells market pasta) is false and no action of the team can make it true',
      '      (sells grocer pasta) is false and no action of the team can make it true',
    ]);
    assert.equal(
      (await readEvents(store, run.id)).filter((e) => e.type === 'step.started').length,
      0,
    );
  });

  it("gives the reasoner's why-not for a rule over facts no action changes", async () => {
    const { store } = tempStore();
    const { defineMission, planningTool } = await import('../../src/team/index.js');
    const mission = defineMission({
      name: 'club',
      objects: { person: ['ann', 'bob'] },
      rules: 'member(ann). adult(bob). can_vote(P) :- member(P), adult(P).',
      goal: '(and (voted bob))',
      tools: [
        planningTool({
          name: 'vote',
          params: { p: 'person' },
          precondition: '(can_vote ?p)',
          effect: '(voted ?p)',
        }),
      ],
      agents: [{ name: 'clerk', tools: ['vote'] }],
    });
    const summary = await (await startRun(mission, { store, approve: 'auto' })).done;
    assert.equal(summary.status, 'failed');
    const text = summary.whyNot!.join('\n');
    assert.match(text, /vote needs \(can_vote bob\)/);
    assert.match(
      text,
      /rule can_vote\(P\) :- member\(P\), adult\(P\)\.\n\s+fails at premise 1: member\(bob\)/,
    );
  });

  it('rejects a goal that does not fit the mission before starting', async () => {
    const { store } = tempStore();
    await assert.rejects(
      () => startRun(dinnerMission(), { store, goal: '(and (served lasagna))' }),
      /goal.*lasagna/,
    );
  });

  it('pauses a step that needs approval until it is approved on the store', async () => {
    const { store } = tempStore();
    const run = await startRun(dinnerMission({ approvalFor: ['serve'] }), {
      store,
      approve: 'store',
      timeScale: 0,
    });
    let waiting = (await getRun(store, run.id))!.pendingApprovals;
    for (let i = 0; i < 200 && waiting.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 20));
      waiting = (await getRun(store, run.id))!.pendingApprovals;
    }
    assert.equal(waiting.length, 1);
    assert.equal(waiting[0]!.action, 'serve');
    assert.equal((await getRun(store, run.id))!.status, 'waiting-approval');
    assert.ok(!(await getRun(store, run.id))!.facts.includes('(served sauce)'));
    await approveStep(store, run.id, waiting[0]!.stepId, { approved: true, by: 'alice' });
    const summary = await run.done;
    assert.equal(summary.status, 'succeeded');
    const given = (await readEvents(store, run.id)).find((e) => e.type === 'approval.given')!;
    assert.deepEqual(given.data, { stepId: waiting[0]!.stepId, approved: true, by: 'alice' });
  });

  it('treats a rejection as a failure: the team re-plans without the rejected step', async () => {
    const { store } = tempStore();
    const asked: string[] = [];
    const run = await startRun(dinnerMission({ approvalFor: ['buy'] }), {
      store,
      timeScale: 0,
      approve: async (req) => {
        asked.push(req.args.join(' '));
        // The first purchase of tomatoes is rejected, wherever it is.
        const firstTomatoes =
          req.args[0] === 'tomatoes' && asked.filter((a) => a.startsWith('tomatoes')).length === 1;
        return firstTomatoes
          ? { approved: false, by: 'budget', reason: 'too expensive' }
          : { approved: true };
      },
    });
    const summary = await run.done;
    const events = await readEvents(store, run.id);
    const rejected = events.flatMap((e) =>
      e.type === 'approval.given' && !e.data.approved ? [e.data] : [],
    );
    assert.equal(rejected.length, 1, asked.join(' | '));
    assert.equal(summary.status, 'succeeded');
    assert.equal(summary.replans, 1);
    assert.match(findEvent(events, 'replan')!.data.reason, /rejected by budget: too expensive/);
    const rejectedStep = rejected[0]!.stepId;
    const rejectedArgs = events
      .flatMap((e) => (e.type === 'step.started' && e.data.stepId === rejectedStep ? [e] : []))[0]!
      .data.args.join(' ');
    const tomatoesBuys = events.flatMap((e) =>
      e.type === 'step.finished' && e.data.action === 'buy' && e.data.args[0] === 'tomatoes'
        ? [e.data]
        : [],
    );
    assert.equal(tomatoesBuys.length, 1);
    assert.notEqual(
      tomatoesBuys[0]!.args.join(' '),
      rejectedArgs,
      'the rejected purchase is not planned again',
    );
  });

  it("explains why a step was taken from the plan's causal links", async () => {
    const { store } = tempStore();
    const run = await startRun(dinnerMission(), { store, approve: 'auto', timeScale: 0 });
    await run.done;
    const plan = (await getRun(store, run.id))!.plans[0]!;
    const table = plan.steps.find((s) => s.action === 'set_table')!;
    const why = await explainStep(store, run.id, table.id);
    assert.ok(
      why.some((l) => /supports \(table_set\) for s\d+ \(serve sauce\)/.test(l)),
      why.join('\n'),
    );
  });
});

describe('approvals across an interruption', () => {
  const started = async (store: RunLog, controller: AbortController) => {
    const mission = dinnerMission({ approvalFor: ['serve'] });
    const run = await startRun(mission, {
      store,
      approve: 'store',
      timeScale: 0,
      signal: controller.signal,
    });
    const waitPending = async (): Promise<string> => {
      for (let i = 0; i < 300; i++) {
        const p = (await getRun(store, run.id))!.pendingApprovals;
        if (p.length > 0) return p[0]!.stepId;
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error('no approval requested');
    };
    return { mission, run, waitPending };
  };

  it('lists only undecided requests of the current plan, also right after a resume, which asks again once', async () => {
    const { resumeRun } = await import('../../src/team/index.js');
    const { store } = tempStore();
    const controller = new AbortController();
    const { mission, run, waitPending } = await started(store, controller);
    const first = await waitPending();
    controller.abort(new Error('stop'));
    await assert.rejects(run.done);
    assert.deepEqual((await getRun(store, run.id))!.pendingApprovals, [], 'void while interrupted');
    const stop = new AbortController();
    const resumed = await resumeRun(store, run.id, {
      mission,
      approve: 'store',
      timeScale: 0,
      signal: stop.signal,
    });
    resumed.done.catch(() => undefined);
    try {
      // The plan goes on: the interrupted step asks again, and is listed once.
      assert.equal(await waitPending(), first);
      const again = (await getRun(store, run.id))!;
      assert.equal(again.plans.length, 1, 'no new plan');
      assert.deepEqual(
        again.pendingApprovals.map((p) => p.stepId),
        [first],
      );
      // Decided on the store, not yet taken up by the team: no longer waiting for a person.
      await approveStep(store, run.id, first, { approved: true, by: 'ann' });
      assert.deepEqual((await getRun(store, run.id))!.pendingApprovals, []);
      assert.equal((await resumed.done).status, 'succeeded');
      const served = (await readEvents(store, run.id)).filter(
        (e) => e.type === 'step.finished' && e.data.action === 'serve',
      );
      assert.equal(served.length, 1);
    } finally {
      stop.abort(new Error('test over'));
    }
  });

  it('voids a pending request when the run is interrupted, and asks again after resume', async () => {
    const { resumeRun } = await import('../../src/team/index.js');
    const { store } = tempStore();
    const controller = new AbortController();
    const { mission, run, waitPending } = await started(store, controller);
    const first = await waitPending();
    controller.abort(new Error('stop'));
    await assert.rejects(run.done);
    assert.equal((await getRun(store, run.id))!.status, 'interrupted');
    assert.deepEqual((await getRun(store, run.id))!.pendingApprovals, []);
    const stop = new AbortController();
    const resumed = await resumeRun(store, run.id, {
      mission,
      approve: 'store',
      timeScale: 0,
      signal: stop.signal,
    });
    resumed.done.catch(() => undefined);
    try {
      // The same step of the same plan asks again.
      assert.equal(await waitPending(), first);
      await approveStep(store, run.id, first, { approved: true, by: 'ann' });
      assert.equal((await resumed.done).status, 'succeeded');
    } finally {
      stop.abort(new Error('test over'));
    }
    assert.equal(
      (await readEvents(store, run.id)).filter(
        (e) => e.type === 'step.finished' && e.data.action === 'cook',
      ).length,
      1,
      'cooking was not redone',
    );
  });
});

describe('observed state versus plan', () => {
  it('re-plans when a step reports facts that break the rest of the plan, not when they do not matter', async () => {
    // Setting the table takes long; meanwhile the pasta is bought. Then the dog eats it.
    const mission = dinnerMission({
      agents: [
        { name: 'ann', capabilities: ['shopping'], cost: 1 },
        { name: 'chef', capabilities: ['cooking'], cost: 1 },
        { name: 'host', capabilities: ['hosting'], cost: 1 },
      ],
      outcome: (a, _args, attempt) =>
        a === 'set_table' && attempt === 1
          ? { ok: true, retract: ['(bought pasta)'], note: 'the dog ate the pasta' }
          : undefined,
    });
    const { store } = tempStore();
    const run = await startRun(mission, { store, approve: 'auto', concurrency: 1 });
    const summary = await run.done;
    assert.equal(summary.status, 'succeeded');
    const events = await readEvents(store, run.id);
    const replan = findEvent(events, 'replan');
    assert.ok(replan, 'a re-plan happened');
    assert.match(replan.data.reason, /the world differs from the plan after s\d+ \(set_table\)/);
    const observed = events.flatMap((e) =>
      e.type === 'facts.changed' && e.data.diverged ? [e.data] : [],
    )[0]!;
    assert.deepEqual(observed.deleted, ['(bought pasta)']);
    assert.equal(
      events.filter(
        (e) =>
          e.type === 'step.finished' &&
          e.data.action === 'buy' &&
          (e.data.args as string[])[0] === 'pasta',
      ).length,
      2,
      'the pasta is bought again',
    );

    const harmless = dinnerMission({
      outcome: (a) => (a === 'set_table' ? { ok: true, assert: ['(candles_lit)'] } : undefined),
    });
    const { store: store2 } = tempStore();
    const run2 = await startRun(
      { ...harmless, facts: harmless.facts },
      { store: store2, approve: 'auto' },
    );
    const s2 = await run2.done;
    assert.equal(s2.status, 'succeeded');
    assert.equal(s2.replans, 0);
  });
});
