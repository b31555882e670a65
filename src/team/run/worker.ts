/**
 * A worker: takes runs waiting for a driver (queued, interrupted, or whose driver's lease
 * expired) from a shared run log, a few at a time, and drives each under a lease it
 * renews. A worker that dies stops renewing: once the lease expires another worker takes
 * the run and resumes it from its log. Stopping a worker (its signal) interrupts its runs
 * and releases them, so another worker continues them at once.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { LeaseLostError } from '../log/port.js';
import type { RunLease, RunLog } from '../log/port.js';
import type { LoopOptions } from './context.js';
import { driveRun } from './drive.js';

export interface WorkerOptions {
  /** Who holds the leases (default: host, pid and a random suffix). */
  owner?: string;
  /** Runs driven at once (default 1). */
  concurrency?: number;
  /** How long a lease lasts unless renewed (default 15 s); renewed every third of it. */
  leaseMs?: number;
  /** How often to look for waiting runs when there were none (default 250 ms). */
  pollMs?: number;
  /** Stops the worker: runs in flight are interrupted and released. */
  signal?: AbortSignal;
  /** What happens to each run, for the worker's log lines. */
  onRun?: (
    runId: string,
    what: 'taken' | 'finished' | 'released' | 'lost' | 'failed',
    detail?: string,
  ) => void;
  /** Loop options for every run (e.g. the timeScale), over those it was recorded with. */
  loop?: LoopOptions;
}

const pause = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

/** Drives one leased run to its end (or until the lease is lost or the worker stops). */
async function driveLeased(
  log: RunLog,
  lease: RunLease,
  o: Required<Pick<WorkerOptions, 'leaseMs'>> & WorkerOptions,
): Promise<void> {
  const stop = new AbortController();
  const onStop = (): void => stop.abort(new Error('the worker stopped'));
  o.signal?.addEventListener('abort', onStop, { once: true });
  const renewal = setInterval(
    () => {
      log.renew(lease, o.leaseMs).then(
        (held) => {
          if (held === undefined) stop.abort(new LeaseLostError(lease));
        },
        () => undefined, // the store is unreachable for now: the next renewal tries again
      );
    },
    Math.max(10, Math.floor(o.leaseMs / 3)),
  );
  try {
    const handle = await driveRun(log, lease, { ...o.loop, signal: stop.signal });
    if (handle !== undefined) {
      const summary = await handle.done;
      o.onRun?.(lease.runId, 'finished', summary.status);
    } else o.onRun?.(lease.runId, 'finished', 'already ended');
  } catch (err) {
    if (err instanceof LeaseLostError || stop.signal.reason instanceof LeaseLostError)
      o.onRun?.(lease.runId, 'lost', 'another worker took the run over');
    else if (stop.signal.aborted)
      o.onRun?.(lease.runId, 'released', 'interrupted: the worker stopped');
    else {
      // It cannot be driven (its mission folder is gone, its goal no longer fits): said
      // once, not taken again and again.
      await log.setStatus(lease.runId, 'failed').catch(() => undefined);
      o.onRun?.(lease.runId, 'failed', err instanceof Error ? err.message : String(err));
    }
  } finally {
    clearInterval(renewal);
    o.signal?.removeEventListener('abort', onStop);
    await log.release(lease).catch(() => undefined);
  }
}

/** Runs the worker until `signal` aborts; resolves once its runs are released. */
export async function runWorker(log: RunLog, options: WorkerOptions = {}): Promise<void> {
  const o = {
    ...options,
    owner: options.owner ?? `${hostname()}:${process.pid}:${randomBytes(2).toString('hex')}`,
    leaseMs: options.leaseMs ?? 15_000,
  };
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const pollMs = options.pollMs ?? 250;
  const active = new Set<Promise<void>>();
  while (options.signal?.aborted !== true) {
    if (active.size >= concurrency) {
      await Promise.race([...active, pause(pollMs, options.signal)]);
      continue;
    }
    let lease: RunLease | undefined;
    try {
      lease = await log.claimNext(o.owner, o.leaseMs);
    } catch {
      lease = undefined; // the store is unreachable for now: look again after a pause
    }
    if (lease === undefined) {
      await pause(pollMs, options.signal);
      continue;
    }
    o.onRun?.(lease.runId, 'taken');
    const p = driveLeased(log, lease, o).finally(() => active.delete(p));
    active.add(p);
  }
  await Promise.all(active);
}
