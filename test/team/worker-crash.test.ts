/**
 * Workers on Postgres: a queued run is taken by one of two `atelier worker` processes; that
 * one is killed with SIGKILL in the middle of the run; once its lease expires the other
 * takes the run over and finishes it from the log, ending as the same run does uninterrupted
 * (same plans, same steps and outcomes, same end). Skipped, saying why, without Postgres.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { openPostgresRunLog } from '../../src/store/index.js';
import { loadMission, queueRun, readEvents } from '../../src/team/index.js';
import type { RunEvent, RunSummary } from '../../src/team/index.js';
import { atelierAsync } from '../helpers/cli.js';
import { startPgCluster } from '../helpers/pg-cluster.js';
import { referenceRunEvents } from '../helpers/reference-run.js';

const PARIS = resolve(import.meta.dirname, '../../examples/paris-office');
const cluster = await startPgCluster();
const skip = typeof cluster === 'string' ? cluster : false;
if (typeof cluster === 'string') console.log(`# ${cluster}`);
else after(() => cluster.stop());

/** What a run did, comparable across runs: its plans, each executed step's outcome, its end. */
function story(events: readonly RunEvent[]) {
  const steps = events
    .filter((e) => e.type === 'step.finished' || e.type === 'step.failed')
    .map((e) => {
      const d = e.data as { stepId: string; action: string; args: string[]; reason?: string };
      return `${d.stepId} (${[d.action, ...d.args].join(' ')}) ${e.type === 'step.failed' ? `failed: ${d.reason}` : 'done'}`;
    })
    .sort();
  const plans = events
    .filter((e) => e.type === 'plan.made')
    .map((e) => {
      const d = e.data as {
        version: number;
        steps: { id: string; action: string; args: string[] }[];
      };
      return `v${d.version}: ${d.steps.map((s) => `${s.id}(${[s.action, ...s.args].join(' ')})`).join(' ')}`;
    });
  const end = events.find((e) => e.type === 'run.finished')?.data as RunSummary | undefined;
  return { status: end?.status, steps, plans, replans: end?.replans };
}

const waitFor = (ok: () => boolean, what: string, ms = 120_000): Promise<void> =>
  new Promise((res, rej) => {
    const start = Date.now();
    const t = setInterval(() => {
      if (ok()) {
        clearInterval(t);
        res();
      } else if (Date.now() - start > ms) {
        clearInterval(t);
        rej(new Error(`timed out waiting for ${what}`));
      }
    }, 25);
  });

describe('atelier worker on Postgres', { skip }, () => {
  it('a worker killed mid-run: another takes the run over and ends it as the whole run ends', async () => {
    const c = cluster as Exclude<typeof cluster, string>;
    const url = await c.freshUrl();
    const log = await openPostgresRunLog(url);
    const mission = await loadMission(PARIS);
    // The same run, whole, on SQLite: the backends and the takeover must not change it.
    const expected = story(await referenceRunEvents(mission, 7));
    assert.equal(expected.status, 'succeeded');
    const runId = await queueRun(mission, { store: log, seed: 7, approve: 'auto', timeScale: 1 });
    let finishedSteps = 0;
    const counting = setInterval(() => {
      void log.countEvents(runId, ['step.finished']).then((n) => {
        finishedSteps = n['step.finished']!;
      });
    }, 50);
    const out = new Map<number, string[]>();
    const spawnWorker = () => {
      const lines: string[] = [];
      const w = atelierAsync(['worker', '--db', url, '--lease-ms', '3000', '--concurrency', '1'], {
        onLine: (l) => lines.push(l),
      });
      out.set(w.child.pid!, lines);
      return { ...w, lines };
    };
    const workers = [spawnWorker(), spawnWorker()];
    await waitFor(
      () => workers.some((w) => w.lines.includes(`${runId}: taken`)),
      'a worker to take the run',
    );
    const first = workers.find((w) => w.lines.includes(`${runId}: taken`))!;
    const other = workers.find((w) => w !== first)!;
    // In the middle of the run: a step done, others in flight or still to come.
    await waitFor(() => finishedSteps > 0, 'a finished step');
    clearInterval(counting);
    first.child.kill('SIGKILL');
    assert.equal((await first.done).signal, 'SIGKILL');
    await waitFor(
      () => other.lines.some((l) => l.startsWith(`${runId}: finished`)),
      'the other worker to finish the run',
    );
    other.child.kill('SIGTERM');
    const stopped = await other.done;
    assert.equal(stopped.status, 0, stopped.stderr);
    assert.ok(other.lines.includes(`${runId}: taken`), other.lines.join('\n'));
    assert.ok(other.lines.includes(`${runId}: finished (succeeded)`), other.lines.join('\n'));

    const events = await readEvents(log, runId);
    assert.ok(
      events.some((e) => e.type === 'run.resumed'),
      'the run was resumed from its log',
    );
    assert.deepEqual(story(events), expected);
    assert.equal((await log.getRun(runId))!.status, 'succeeded');
    await log.close();
  });
});
