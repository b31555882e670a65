import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEvent, readEvents, resumeRun, startRun } from '../../src/team/index.js';
import { dinnerMission, tempStore } from './helpers.js';

describe('counts and reasons across rounds and resumes', () => {
  it('a re-plan names every step that failed in the same round', async () => {
    const { store } = tempStore();
    // Both purchases run in parallel (two shoppers) and both fail the first time.
    const mission = dinnerMission({
      outcome: (action, args, attempt) =>
        action === 'buy' && attempt === 1 ? { ok: false, reason: `no ${args.i} today` } : undefined,
    });
    const s = await (await startRun(mission, { store, timeScale: 0.1 })).done;
    assert.equal(s.status, 'succeeded', s.reason);
    const events = await readEvents(store, s.runId);
    const failed = events
      .filter((e) => e.type === 'step.failed')
      .map((e) => e.data.stepId as string);
    assert.equal(failed.length, 2, 'both purchases failed');
    const replan = events.find((e) => e.type === 'replan')!;
    for (const id of failed)
      assert.match(
        replan.data.reason as string,
        new RegExp(`step ${id} \\(buy \\w+ \\w+\\) failed: no \\w+ today`),
      );
  });

  it("after a resume the summary counts the whole run's steps and re-plans, and says what the resumed session did", async () => {
    const { store } = tempStore();
    const mission = dinnerMission({
      outcome: (action, _args, attempt) =>
        action === 'set_table' && attempt === 1 ? { ok: false, reason: 'no cloth' } : undefined,
    });
    const controller = new AbortController();
    const run = await startRun(mission, {
      store,
      timeScale: 0.1,
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type === 'replan') controller.abort(new Error('interrupted'));
      },
    });
    await assert.rejects(run.done);
    const before = (await readEvents(store, run.id)).filter(
      (e) => e.type === 'step.finished' || e.type === 'step.failed',
    ).length;
    assert.ok(before >= 1);
    const s = await (await resumeRun(store, run.id, { mission, timeScale: 0.1 })).done;
    assert.equal(s.status, 'succeeded', s.reason);
    const events = await readEvents(store, run.id);
    const total = events.filter(
      (e) => e.type === 'step.finished' || e.type === 'step.failed',
    ).length;
    assert.equal(s.steps, total, 'steps: the whole run');
    assert.equal(s.sessionSteps, total - before, 'this session');
    assert.equal(
      s.replans,
      events.filter((e) => e.type === 'replan').length,
      're-plans: the whole run',
    );
    const line = describeEvent(events.find((e) => e.type === 'run.finished')!)!;
    assert.match(
      line,
      new RegExp(
        `${total} steps \\(${total - before} since the resume\\), ${s.replans} re-plans?,`,
      ),
    );
  });
});
