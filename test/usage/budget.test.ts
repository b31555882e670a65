/**
 * Model usage of a run and its budget: each step of a small mission asks a model (a local
 * OpenAI-compatible server started by the test) and reports the call's tokens; past the
 * budget the run stops, interrupted with the reason, and a resume with a higher budget
 * finishes it.
 */
import { after, before, describe, it } from 'node:test';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openRunStore } from '../../src/store/index.js';
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

describe('atelier run / resume --budget-tokens', () => {
  const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
  const atelier = async (
    args: string[],
    env: NodeJS.ProcessEnv = process.env,
  ): Promise<{ code: number | null; out: string; err: string }> => {
    const child = spawn(join(ROOT, 'bin/atelier'), args, { cwd: ROOT, env });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    return { code, out, err };
  };

  it('a budget that is not a positive number: exit 2, the code, the option', async () => {
    for (const [flag, value] of [
      ['--budget-tokens', '-3'],
      ['--budget-tokens', '1.5'],
      ['--budget-cost', 'lots'],
    ] as const) {
      const r = await atelier(['run', 'examples/paris-office', flag, value, '--approve-all']);
      assert.equal(r.code, 2, r.out + r.err);
      assert.match(r.err, new RegExp(`error\\[CLI_BAD_BUDGET\\]: ${flag} must be a positive`));
      assert.doesNotMatch(r.err, /\n\s+at /, 'no stack trace');
    }
  });

  it('stops when the goal translation exceeds the budget, refuses the same budget on resume, finishes with a higher one', async () => {
    const server = await startChatCompletionsServer([
      reply.text(
        JSON.stringify({ goals: [{ predicate: 'leased', args: ['paris'], negated: false }] }),
        { prompt_tokens: 120, completion_tokens: 17 },
      ),
    ]);
    try {
      const dir = mkdtempSync(join(tmpdir(), 'atelier-budget-'));
      const db = join(dir, 'runs.db');
      const env = {
        ...process.env,
        ATELIER_MODEL: 'budget-model',
        OPENAI_BASE_URL: server.url,
        OPENAI_API_KEY: 'k',
      };
      const base = ['--db', db, '--time-scale', '0', '--approve-all', '--no-report'];
      const first = await atelier(
        [
          'run',
          'examples/paris-office',
          ...base,
          '--goal',
          'get us an office lease',
          '--budget-tokens',
          '100',
        ],
        env,
      );
      assert.equal(first.code, 1, first.out + first.err);
      const id =
        /stopped: token budget exceeded: 137 tokens used, budget 100; continue with a higher budget: atelier resume (run-\S+) --db \S+ --budget-tokens N/.exec(
          first.out,
        )?.[1];
      assert.ok(id, first.out);
      const store = openRunStore(db);
      try {
        assert.equal((await store.getRun(id))?.status, 'interrupted');
        const events = await readEvents(store, id);
        const interrupted = events.find((e) => e.type === 'run.interrupted');
        assert.match(
          interrupted?.type === 'run.interrupted' ? interrupted.data.reason : '',
          /token budget exceeded/,
        );
      } finally {
        await store.close();
      }
      const again = await atelier(['resume', id, ...base, '--budget-tokens', '100']);
      assert.equal(again.code, 2, again.out + again.err);
      assert.match(
        again.err,
        /error\[RUN_BUDGET_SPENT\]: run \S+ has used 137 tokens, more than its budget of 100/,
      );
      const resumed = await atelier(['resume', id, ...base, '--budget-tokens', '1000']);
      assert.equal(resumed.code, 0, resumed.out + resumed.err);
      const shown = await atelier(['show', id, '--db', db]);
      assert.match(shown.out, /usage: 120 in \/ 17 out tokens, 1 call/);
      assert.match(shown.out, /budget: 1000 tokens/);
      assert.match(shown.out, /agent goal +120 in \/ 17 out tokens/);
      assert.match(shown.out, /BUDGET EXCEEDED: token budget exceeded/);
    } finally {
      await server.close();
    }
  });
});
