/**
 * What every run log must do with offered steps (the StepQueue part of the port), on both
 * backends: offers only under the run's lease, one claimer per step among racing workers
 * on two handles, renewal, expiry and takeover with a new token, a result recorded once
 * by the holder only, release, and no step handed out once its run ended.
 */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import type { ClaimedStep, RunLog, StepTask } from '../../src/team/index.js';
import { LeaseLostError } from '../../src/team/index.js';
import type { RunLogBackend } from './run-log-conformance.js';
import { newRun } from './run-log-conformance.js';

/** One step claimed, or undefined. */
const claimOne = async (
  log: RunLog,
  owner: string,
  ttlMs: number,
): Promise<ClaimedStep | undefined> => (await log.claimSteps(owner, ttlMs, 1))[0];

const task = (runId: string, stepId: string, attempt = 1): StepTask => ({
  runId,
  stepId,
  key: `${runId}/${stepId}`,
  attempt,
  payload: { action: 'act', args: [stepId] },
});

async function leasedRun(log: RunLog, id: string) {
  await log.createRun(newRun(id));
  return (await log.claim(id, 'driver', 60_000))!;
}

export function stepQueueConformance(backend: RunLogBackend): void {
  it('offers steps only under the run lease, keeps a step offered twice, hands each to one worker, in batches', async () => {
    const log = await backend.open();
    const other = await backend.other(log);
    const lease = await leasedRun(log, 'r');
    await assert.rejects(
      log.offerSteps({ ...lease, token: lease.token + 1 }, [task('r', 's0')]),
      LeaseLostError,
    );
    await log.offerSteps(lease, [task('r', 's1'), task('r', 's2'), task('r', 's3')]);
    await log.offerSteps(lease, [task('r', 's1', 9)]); // kept as first offered
    const claims = await Promise.all(
      Array.from({ length: 6 }, (_, i) => claimOne(i % 2 ? other : log, `w${i}`, 60_000)),
    );
    const won = claims.filter((c) => c !== undefined);
    assert.deepEqual(won.map((c) => c.stepId).sort(), ['s1', 's2', 's3']);
    const s1 = won.find((c) => c.stepId === 's1')!;
    assert.equal(s1.attempt, 1);
    assert.equal(s1.key, 'r/s1');
    assert.deepEqual(s1.payload, { action: 'act', args: ['s1'] });
    assert.equal(s1.lease.token, 1);
    assert.equal(await claimOne(log, 'late', 60_000), undefined);
    // A batch: up to max steps in one claim, oldest offers first, racing batches disjoint.
    await log.offerSteps(lease, [task('r', 's4')]);
    await log.offerSteps(lease, [task('r', 's5'), task('r', 's6'), task('r', 's7')]);
    const [x, y] = await Promise.all([
      log.claimSteps('x', 60_000, 2),
      other.claimSteps('y', 60_000, 3),
    ]);
    const got = [...x!, ...y!].map((c) => c.stepId);
    assert.deepEqual([...got].sort(), ['s4', 's5', 's6', 's7']);
    assert.ok(x!.length <= 2 && y!.length <= 3);
    assert.deepEqual(await log.claimSteps('late', 60_000, 5), []);
    await other.close();
    await log.close();
  });

  it('records a result once, from the holder; an expired step lease is taken over with a new token', async () => {
    const log = await backend.open();
    const lease = await leasedRun(log, 'r');
    await log.offerSteps(lease, [task('r', 's1'), task('r', 's2')]);
    const a = (await claimOne(log, 'a', 60_000))!;
    const b = (await claimOne(log, 'b', 30))!;
    assert.deepEqual([a.stepId, b.stepId], ['s1', 's2']);
    assert.ok(await log.renewStep(a.lease, 60_000));
    await new Promise((r) => setTimeout(r, 80));
    // b stalled past its lease: c takes s2 over; b can neither renew nor record.
    const c = (await claimOne(log, 'c', 60_000))!;
    assert.equal(c.stepId, 's2');
    assert.equal(c.lease.token, b.lease.token + 1);
    assert.equal(await log.renewStep(b.lease, 60_000), undefined);
    assert.equal(await log.completeStep(b.lease, { ok: true, by: 'b' }), false);
    assert.deepEqual(await log.stepResults([{ runId: 'r', stepId: 's2' }]), []);
    assert.equal(await log.completeStep(c.lease, { ok: true, by: 'c' }), true);
    assert.equal(await log.completeStep(c.lease, { ok: true, by: 'again' }), false);
    assert.equal(await log.completeStep(a.lease, { ok: false }), true);
    const results = await log.stepResults([
      { runId: 'r', stepId: 's1' },
      { runId: 'r', stepId: 's2' },
      { runId: 'r', stepId: 'nope' },
    ]);
    assert.deepEqual(
      results.sort((x, y) => x.stepId.localeCompare(y.stepId)),
      [
        { runId: 'r', stepId: 's1', result: { ok: false }, by: 'a' },
        { runId: 'r', stepId: 's2', result: { ok: true, by: 'c' }, by: 'c' },
      ],
    );
    // A step with a result is never handed out again, even when offered again.
    await log.offerSteps(lease, [task('r', 's1')]);
    assert.equal(await claimOne(log, 'd', 60_000), undefined);
    await log.close();
  });

  it('a released step goes to the next claimer at once; steps of ended runs are not handed out', async () => {
    const log = await backend.open();
    const lease = await leasedRun(log, 'r');
    const ended = await leasedRun(log, 'ended');
    await log.offerSteps(ended, [task('ended', 's1')]);
    await log.setStatus('ended', 'succeeded');
    await log.offerSteps(lease, [task('r', 's1')]);
    const a = (await claimOne(log, 'a', 60_000))!;
    assert.equal(a.runId, 'r');
    assert.equal(await claimOne(log, 'b', 60_000), undefined);
    await log.releaseStep(a.lease);
    const b = (await claimOne(log, 'b', 60_000))!;
    assert.equal(b.stepId, 's1');
    assert.equal(b.lease.token, a.lease.token + 1);
    await log.releaseStep(a.lease); // a lost it: nothing happens
    assert.equal(await claimOne(log, 'c', 60_000), undefined);
    await log.close();
  });

  it("records a step its driver ran itself, under the run lease, once; it is never handed out; the lease's holder is known", async () => {
    const log = await backend.open();
    const other = await backend.other(log);
    assert.equal(await log.leaseHolder((await log.createRun(newRun('free')), 'free')), undefined);
    const lease = await leasedRun(log, 'r');
    const holder = (await other.leaseHolder('r'))!;
    assert.deepEqual([holder.owner, holder.token], ['driver', lease.token]);
    await assert.rejects(
      log.recordStep({ ...lease, token: lease.token + 1 }, task('r', 's1'), { n: 0 }),
      LeaseLostError,
    );
    assert.equal(await log.recordStep(lease, task('r', 's1'), { n: 1 }), true);
    assert.equal(await log.recordStep(lease, task('r', 's1'), { n: 2 }), false, 'kept');
    // An offered step without a result gets the driver's; one with a result keeps it.
    await log.offerSteps(lease, [task('r', 's2')]);
    assert.equal(await log.recordStep(lease, task('r', 's2'), { n: 3 }), true);
    assert.equal(await claimOne(other, 'w', 60_000), undefined, 'recorded steps are not offered');
    const results = await other.stepResults([
      { runId: 'r', stepId: 's1' },
      { runId: 'r', stepId: 's2' },
      { runId: 'r', stepId: 's3' },
    ]);
    assert.deepEqual(results.map((r) => [r.stepId, r.result, r.by]).sort(), [
      ['s1', { n: 1 }, 'driver'],
      ['s2', { n: 3 }, 'driver'],
    ]);
    await log.close();
  });
}
