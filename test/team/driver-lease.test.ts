/**
 * A run driven in one process (`atelier run`, `resume`, a plain `serve`) holds its lease
 * like a worker: a second driver on the same store is refused (RUN_DRIVEN_ELSEWHERE)
 * instead of running the run's steps a second time. A step's result is recorded in
 * run_steps before it is observed: a resume after a stop between the two takes it from
 * there. A step in flight when the run stopped, done by a tool in code or MCP that is not
 * declared idempotent, runs again only once approved (`step.in-doubt`).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openRunStore } from '../../src/store/index.js';
import {
  defineMission,
  planningTool,
  readEvents,
  resumeRun,
  startRun,
} from '../../src/team/index.js';
import type { ApprovalRequest, Mission, RunLog, RunStore } from '../../src/team/index.js';
import { tempStore } from './helpers.js';

/** Sends two messages, one after the other; counts every send (the side effect). */
function mailMission(
  sent: Map<string, number>,
  options: { gate?: Promise<void>; idempotent?: boolean } = {},
): Mission {
  return defineMission({
    name: 'mail',
    objects: { msg: ['m1', 'm2'] },
    goal: '(and (sent m1) (sent m2))',
    tools: [
      planningTool({
        name: 'send',
        params: { m: 'msg' },
        precondition: '(not (sent ?m))',
        effect: '(sent ?m)',
        ...(options.idempotent === undefined ? {} : { idempotent: options.idempotent }),
        async execute(args, ctx) {
          sent.set(args.m!, (sent.get(args.m!) ?? 0) + 1);
          if (options.gate !== undefined && args.m === 'm1')
            await new Promise<void>((res, rej) => {
              options.gate!.then(res, rej);
              ctx.signal.addEventListener('abort', () => rej(ctx.signal.reason as Error));
            });
          return { ok: true };
        },
      }),
    ],
    agents: [{ name: 'clerk', tools: ['send'] }],
  });
}

/** Resolves when `f` holds, checking every 5 ms (the test's timeout bounds the wait). */
async function until(f: () => boolean): Promise<void> {
  while (!f()) await new Promise((r) => setTimeout(r, 5));
}

/** A gate a step waits at, opened by the test. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open!: () => void;
  const wait = new Promise<void>((r) => (open = r));
  return { wait, open };
}

const types = async (store: RunLog, runId: string): Promise<string[]> =>
  (await readEvents(store, runId)).map((e) => e.type);

describe('a run driven in process holds its lease', () => {
  it('a second driver on the same SQLite file is refused while the first drives the run', async () => {
    const { dir, store: a } = tempStore();
    const b = openRunStore(join(dir, 'atelier.db'));
    const sent = new Map<string, number>();
    const g = gate();
    const run = await startRun(mailMission(sent, { gate: g.wait }), {
      store: a,
      approve: 'auto',
    });
    await until(() => sent.get('m1') === 1);
    await assert.rejects(resumeRun(b, run.id, { mission: mailMission(sent), approve: 'auto' }), {
      code: 'RUN_DRIVEN_ELSEWHERE',
      message: new RegExp(`run ${run.id} is being driven by .*:${process.pid}:`),
    });
    g.open();
    assert.equal((await run.done).status, 'succeeded');
    assert.deepEqual(Object.fromEntries(sent), { m1: 1, m2: 1 }, 'each message sent once');
    assert.equal(await b.leaseHolder(run.id), undefined, 'the lease is released at the end');
    a.close();
    b.close();
  });

  it('an interrupted driver releases the run: another process resumes it at once', async () => {
    const { dir, store: a } = tempStore();
    const b = openRunStore(join(dir, 'atelier.db'));
    const sent = new Map<string, number>();
    const stop = new AbortController();
    const run = await startRun(mailMission(sent, { gate: gate().wait, idempotent: true }), {
      store: a,
      approve: 'auto',
      signal: stop.signal,
    });
    await until(() => sent.get('m1') === 1);
    stop.abort(new Error('Ctrl-C'));
    await assert.rejects(run.done);
    const again = await resumeRun(b, run.id, { mission: mailMission(sent), approve: 'auto' });
    assert.equal((await again.done).status, 'succeeded');
    a.close();
    b.close();
  });
});

/** `store`, whose append of the first `step.finished` fails (a full disk, a crash). */
function failingOnFirstFinish(store: RunStore): RunLog {
  let failed = false;
  return new Proxy(store, {
    get(target, key) {
      if (key === 'append')
        return async (...args: Parameters<RunLog['append']>) => {
          if (!failed && args[1].some((e) => e.type === 'step.finished')) {
            failed = true;
            throw new Error('disk I/O error (test)');
          }
          return target.append(...args);
        };
      const v = Reflect.get(target, key) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

describe('resuming a step whose result was recorded', () => {
  it('takes the result from run_steps: the tool is not run again', async () => {
    const { store } = tempStore();
    const sent = new Map<string, number>();
    const run = await startRun(mailMission(sent), {
      store: failingOnFirstFinish(store),
      approve: 'auto',
    });
    await assert.rejects(run.done, /disk I\/O error/);
    assert.deepEqual(Object.fromEntries(sent), { m1: 1 });
    assert.ok(!(await types(store, run.id)).includes('step.finished'), 'stopped before it');
    const again = await resumeRun(store, run.id, { mission: mailMission(sent), approve: 'auto' });
    assert.equal((await again.done).status, 'succeeded');
    assert.deepEqual(Object.fromEntries(sent), { m1: 1, m2: 1 }, 'm1 was not sent twice');
    assert.ok(!(await types(store, run.id)).includes('step.in-doubt'));
    store.close();
  });
});

describe('a step in flight when the run stopped', () => {
  /** A run stopped while m1 is being sent (its side effect done, no result). */
  async function stoppedInFlight(idempotent?: boolean) {
    const { store } = tempStore();
    const sent = new Map<string, number>();
    const stop = new AbortController();
    const run = await startRun(
      mailMission(sent, { gate: gate().wait, ...(idempotent ? { idempotent } : {}) }),
      { store, approve: 'auto', signal: stop.signal },
    );
    await until(() => sent.get('m1') === 1);
    stop.abort(new Error('the server stopped'));
    await assert.rejects(run.done);
    return { store, sent, runId: run.id };
  }

  it('is in doubt: said in the log, asked again, and run again only once approved', async () => {
    const { store, sent, runId } = await stoppedInFlight();
    const asked: ApprovalRequest[] = [];
    const again = await resumeRun(store, runId, {
      mission: mailMission(sent),
      approve: async (req) => (asked.push(req), { approved: true, by: 'ops' }),
    });
    assert.equal((await again.done).status, 'succeeded');
    assert.equal(asked.length, 1);
    assert.equal(asked[0]!.stepId, 's1');
    assert.match(
      asked[0]!.inDoubt!,
      /s1 was in flight when the run stopped; re-running it may repeat its side effect/,
    );
    const events = await readEvents(store, runId);
    const doubt = events.find((e) => e.type === 'step.in-doubt');
    assert.ok(doubt, 'the log says the step was in doubt');
    assert.deepEqual(Object.fromEntries(sent), { m1: 2, m2: 1 }, 'sent again, as approved');
    store.close();
  });

  it('rejected, it is not run again: it fails and is never planned again', async () => {
    const { store, sent, runId } = await stoppedInFlight();
    const again = await resumeRun(store, runId, {
      mission: mailMission(sent),
      approve: async () => ({ approved: false, by: 'ops', reason: 'it went out' }),
    });
    const summary = await again.done;
    assert.equal(summary.status, 'failed');
    assert.deepEqual(Object.fromEntries(sent), { m1: 1, m2: 1 }, 'm1 was not sent twice');
    const failed = (await readEvents(store, runId)).find((e) => e.type === 'step.failed');
    assert.match(
      String(failed?.data.reason),
      /not run again \(its side effect may have happened\): rejected by ops: it went out/,
    );
    store.close();
  });

  it('declared idempotent, it is run again without asking', async () => {
    const { store, sent, runId } = await stoppedInFlight(true);
    const again = await resumeRun(store, runId, {
      mission: mailMission(sent, { idempotent: true }),
      approve: async () => assert.fail('nothing needs asking'),
    });
    assert.equal((await again.done).status, 'succeeded');
    assert.deepEqual(Object.fromEntries(sent), { m1: 2, m2: 1 });
    assert.ok(!(await types(store, runId)).includes('step.in-doubt'));
    store.close();
  });
});
