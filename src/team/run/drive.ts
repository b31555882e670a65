/**
 * Runs driven by workers. `queueRun` records a run (status `queued`, no events) for a
 * worker to take; `driveRun` drives a run whose lease the caller holds: a queued run is
 * begun, any other is resumed from its log (its previous driver was interrupted or died).
 * Every append is made under the lease, so a driver that lost it stops writing.
 */
import { UserError } from '../../errors.js';
import { parseGoal } from '../mission/goal.js';
import { loadMission } from '../mission/loader.js';
import { findEvent, readEvents } from '../log/codec.js';
import type { RunLease, RunLog, RunRecord } from '../log/port.js';
import type { Mission } from '../types.js';
import type { LoopOptions } from './context.js';
import { beginRun, newRunRecord, resumeRun } from './start.js';
import type { RunHandle, StartRunOptions } from './start.js';

/**
 * Records a run of `mission` for a worker (`atelier worker`) to run; returns its id. The
 * mission must come from a folder (the worker loads it from there).
 */
export async function queueRun(mission: Mission, options: StartRunOptions): Promise<string> {
  if (mission.dir === undefined)
    throw new UserError(`mission ${mission.name} was defined in code: a worker cannot load it`, {
      code: 'RUN_QUEUE_NEEDS_FOLDER',
      hint: 'queue runs of missions loaded from a folder (atelier run DIR --queue)',
    });
  const { goalCondition: _, ...row } = newRunRecord(mission, options, 'queued');
  await options.store.createRun(row);
  return row.id;
}

/** The loop options a queued run was recorded with (`newRunRecord`). */
function recordedOptions(run: RunRecord): LoopOptions {
  const o = run.options as {
    concurrency?: number;
    maxReplans?: number;
    timeScale?: number;
    approve?: 'auto' | 'store';
  };
  return {
    ...(o.concurrency === undefined ? {} : { concurrency: o.concurrency }),
    ...(o.maxReplans === undefined ? {} : { maxReplans: o.maxReplans }),
    ...(o.timeScale === undefined ? {} : { timeScale: o.timeScale }),
    ...(o.approve === undefined ? {} : { approve: o.approve }),
  };
}

/**
 * Drives the run `lease` names, under that lease: begins a queued run, resumes any other
 * from its log. Undefined when there is nothing to drive (the run's log says it ended:
 * its status is set from it). `options` override what the run was recorded with.
 */
export async function driveRun(
  store: RunLog,
  lease: RunLease,
  options: LoopOptions = {},
): Promise<RunHandle | undefined> {
  const run = await store.getRun(lease.runId);
  if (run === undefined) throw new UserError(`no run '${lease.runId}'`);
  const loop: LoopOptions = { ...recordedOptions(run), ...options, lease };
  const events = await readEvents(store, run.id);
  const finished = findEvent(events, 'run.finished');
  if (finished !== undefined) {
    // Its driver died between writing the end and the status: the log is the truth.
    await store.setStatus(run.id, finished.data.status);
    return undefined;
  }
  if (run.missionDir === null)
    throw new UserError(`run ${run.id} was started from a mission defined in code`, {
      code: 'RUN_QUEUE_NEEDS_FOLDER',
      hint: 'a worker loads missions from their folder',
    });
  const mission = await loadMission(run.missionDir);
  if (events.length > 0) return resumeRun(store, run.id, { ...loop, mission });
  await store.setStatus(run.id, 'running');
  const goalCondition = parseGoal(mission.domain, mission.objects, run.goal);
  return beginRun(store, mission, { ...run, goalCondition }, loop, false);
}
