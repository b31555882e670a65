/**
 * Model usage of a run and its budget: each step of a small mission asks a model (a local
 * OpenAI-compatible server started by the test) and reports the call's tokens; past the
 * budget the run stops, interrupted with the reason, and a resume with a higher budget
 * finishes it.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createModel } from '../../src/models/index.js';
import {
  defineMission,
  planningTool,
  readEvents,
  resumeRun,
  runUsage,
  startRun,
} from '../../src/team/index.js';
import type { Mission, RunStore } from '../../src/team/index.js';
import { UserError } from '../../src/errors.js';
import { reply, startChatCompletionsServer } from '../helpers/openai-compatible-server.js';
import type { ChatCompletionsServer } from '../helpers/openai-compatible-server.js';
import { tempStore } from '../team/helpers.js';

/** Four documents, written one after the other; each write asks the model once (10 + 5 tokens). */
function writersMission(server: ChatCompletionsServer): Mission {
  const model = createModel({ model: 'test-writer', baseURL: server.url, apiKey: 'k' });
  return defineMission({
    name: 'writers',
    objects: { doc: ['d1', 'd2', 'd3', 'd4'] },
    facts: ['(next d1 d2)', '(next d2 d3)', '(next d3 d4)', '(first d1)'],
    goal: '(and (written d4))',
    tools: [
      planningTool({
        name: 'write_first',
        params: { d: 'doc' },
        precondition: '(first ?d)',
        effect: '(written ?d)',
        capability: 'write',
        execute: async (_args, ctx) => {
          const res = await model.generate({
            messages: [{ role: 'user', content: 'write' }],
            signal: ctx.signal,
          });
          await ctx.recordUsage({ model: model.name, usage: res.usage! });
          return { ok: true };
        },
      }),
      planningTool({
        name: 'write_next',
        params: { p: 'doc', d: 'doc' },
        precondition: '(and (next ?p ?d) (written ?p))',
        effect: '(written ?d)',
        capability: 'write',
        execute: async (_args, ctx) => {
          const res = await model.generate({
            messages: [{ role: 'user', content: 'write' }],
            signal: ctx.signal,
          });
          await ctx.recordUsage({ model: model.name, usage: res.usage! });
          return { ok: true };
        },
      }),
    ],
    agents: [{ name: 'writer', capabilities: ['write'] }],
  });
}

describe('usage and budgets', () => {
  let server: ChatCompletionsServer;
  let store: RunStore;
  before(async () => {
    server = await startChatCompletionsServer();
    ({ store } = tempStore());
  });
  after(async () => {
    await store.close();
    await server.close();
  });

  it('records tokens per call, stops past the budget (interrupted, with the reason) and finishes when resumed with a higher one', async () => {
    for (let i = 0; i < 8; i++) server.script(reply.text(`document ${i}`));
    const mission = writersMission(server);
    const run = await startRun(mission, {
      store,
      approve: 'auto',
      timeScale: 0,
      budget: { tokens: 40 },
    });
    await assert.rejects(run.done, {
      name: 'BudgetExceededError',
      message: /token budget exceeded: 45 tokens used, budget 40/,
    });
    assert.equal((await store.getRun(run.id))?.status, 'interrupted');
    const first = await readEvents(store, run.id);
    const u = runUsage(first);
    assert.equal(u.total.calls, 3);
    assert.equal(u.total.inputTokens, 30);
    assert.equal(u.total.outputTokens, 15);
    assert.deepEqual(u.budget, { tokens: 40 });
    assert.equal(u.exceeded?.limit, 'tokens');
    assert.equal(u.byAgent.writer?.calls, 3);
    assert.equal(u.byModel['test-writer']?.inputTokens, 30);
    assert.ok(!first.some((e) => e.type === 'run.finished'), 'the run did not finish');

    // The same budget again would stop at once: refused before anything is written.
    await assert.rejects(
      resumeRun(store, run.id, { mission, budget: { tokens: 40 } }),
      (err: unknown) => {
        assert.ok(err instanceof UserError);
        assert.equal(err.code, 'RUN_BUDGET_SPENT');
        return true;
      },
    );
    const resumed = await resumeRun(store, run.id, {
      mission,
      approve: 'auto',
      timeScale: 0,
      budget: { tokens: 1000 },
    });
    const summary = await resumed.done;
    assert.equal(summary.status, 'succeeded');
    const all = await readEvents(store, run.id);
    const total = runUsage(all);
    assert.deepEqual(total.budget, { tokens: 1000 });
    const written = all.filter((e) => e.type === 'step.finished').length;
    assert.ok(written >= 4, `4 documents written (${written} steps finished)`);
    assert.equal(total.total.calls, server.requests.length, 'every model call is recorded once');
    for (const e of all)
      if (e.type === 'usage.recorded') assert.match(e.data.stepId ?? '', /^s\d+$/);
  });

  it('refuses a budget that is not a positive number, naming the field', async () => {
    const { store: s2 } = tempStore();
    try {
      await assert.rejects(
        startRun(writersMission(server), { store: s2, budget: { tokens: -5 } }),
        (err: unknown) =>
          err instanceof UserError &&
          err.code === 'RUN_BAD_BUDGET' &&
          /budget\.tokens/.test(err.message),
      );
      assert.equal((await s2.listRuns()).length, 0, 'no run written');
    } finally {
      await s2.close();
    }
  });
});
