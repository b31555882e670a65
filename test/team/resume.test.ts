import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openRunStore } from '../../src/store/index.js';
import { getRun, readEvents, resumeRun } from '../../src/team/index.js';
import type { RunEventOf } from '../../src/team/index.js';
import { ROOMS, paintingMission } from './fixtures/painting.js';
import { tempStore } from './helpers.js';

describe('crash and resume', () => {
  it('resumes a run killed with SIGKILL mid-mission; every recorded step ran exactly once', async () => {
    const { dir, store: probe } = tempStore();
    probe.close();
    const db = join(dir, 'atelier.db');
    const log = join(dir, 'side-effects.log');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'fixtures/crash-child.ts'), db, log],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const runId = await new Promise<string>((res, rej) => {
      child.stdout.once('data', (d: Buffer) => res(d.toString().trim()));
      child.once('exit', (code) => rej(new Error(`child exited early (${code})`)));
    });
    // Kill it once some steps are recorded as done and others are not.
    const store = openRunStore(db);
    for (let i = 0; i < 400; i++) {
      const finished = (await readEvents(store, runId)).filter(
        (e) => e.type === 'step.finished',
      ).length;
      if (finished >= 3) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));

    const before = await readEvents(store, runId);
    const doneBefore = before
      .filter((e) => e.type === 'step.finished')
      .map((e) => [e.data.action, ...(e.data.args as string[])].join(' '));
    assert.ok(
      doneBefore.length >= 3 && doneBefore.length < ROOMS.length + 1,
      `killed mid-mission (${doneBefore.length} steps done)`,
    );
    assert.equal(
      (await getRun(store, runId))!.status,
      'running',
      'the log shows a run that did not finish',
    );

    const handle = await resumeRun(store, runId, {
      mission: paintingMission(log),
      approve: 'auto',
    });
    const summary = await handle.done;
    assert.equal(summary.status, 'succeeded');

    const lines = readFileSync(log, 'utf8').trim().split('\n');
    const counts = new Map<string, number>();
    for (const l of lines) counts.set(l, (counts.get(l) ?? 0) + 1);
    // Every step completed before the crash ran exactly once, and so did everything else.
    for (const d of doneBefore) assert.equal(counts.get(d), 1, `${d} ran ${counts.get(d)} times`);
    assert.deepEqual(
      [...counts.keys()].sort(),
      [...ROOMS.map((r) => `paint ${r}`), 'inspect'].sort(),
    );
    // A step in flight at the kill (side effect done, completion not yet recorded) may run
    // once more on resume: at-least-once for it, never a third time.
    for (const [line, n] of counts)
      if (!doneBefore.includes(line))
        assert.ok(n === 1 || n === 2, `${line} ran ${n} times: ${lines.join(', ')}`);
    // The log says where the run went on: the same plan, the steps cut short run again.
    const after = await readEvents(store, runId);
    const resumed = after.find(
      (e): e is RunEventOf<'run.resumed'> => e.type === 'run.resumed' && e.seq > before.length,
    );
    assert.ok(resumed, 'the resume is in the log');
    const outcome = new Set(
      before.flatMap((e) =>
        e.type === 'step.finished' || e.type === 'step.failed' ? [e.data.stepId] : [],
      ),
    );
    const cutShort = before.flatMap((e) =>
      e.type === 'step.started' && !outcome.has(e.data.stepId) ? [e.data.stepId] : [],
    );
    assert.deepEqual([...resumed.data.again].sort(), [...new Set(cutShort)].sort());
    await store.close();
  });

  it('refuses to resume a finished run', async () => {
    const { store, dir } = tempStore();
    const { startRun } = await import('../../src/team/index.js');
    const run = await startRun(paintingMission(join(dir, 'x.log'), 0), { store, approve: 'auto' });
    await run.done;
    await assert.rejects(
      resumeRun(store, run.id, { mission: paintingMission(join(dir, 'x.log'), 0) }),
      /already finished/,
    );
  });
});
