/**
 * A worker has two loops over a shared run log. Its coordinator loop takes runs waiting
 * for a driver (queued, interrupted, or whose driver's lease expired), a few at a time,
 * and drives each under a run lease it renews: planning, re-planning and every append to
 * the run's log happen under that lease. Its step loop (step-worker.ts) claims the steps
 * any driver offered, under step leases, and runs their tools. A worker that dies stops
 * renewing: once a lease expires another worker takes the run (resuming it from its log)
 * or the step (running it again, with the same idempotency key). Stopping a worker (its
 * signal) interrupts its runs and releases them, and lets its steps in flight finish
 * within the grace, releasing those that do not.
 */
import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { hostname } from 'node:os';
import { UserError, isStoreError } from '../../errors.js';
import { LeaseLostError } from '../log/port.js';
import type { RunLease, RunLog } from '../log/port.js';
import type { LoopOptions } from './context.js';
import { driveRun } from './drive.js';
import { stepExchange } from './step-exchange.js';
import { runStepLoop } from './step-worker.js';

export interface WorkerOptions {
  /** Who holds the leases (default: host, pid and a random suffix). */
  owner?: string;
  /** Runs driven at once (default 1; 0: none, the worker only runs steps). */
  concurrency?: number;
  /** How long a lease lasts unless renewed (default 15 s); renewed every third of it. */
  leaseMs?: number;
  /** How often to look for waiting runs when there were none (default 250 ms). */
  pollMs?: number;
  /** Stops the worker: runs in flight are interrupted and released. */
  signal?: AbortSignal;
  /**
   * The log the step loop claims and records steps through (default: `log`). A second
   * handle has its own connections, so claiming a step never waits behind the queries of
   * hundreds of runs being driven (`atelier worker` opens one).
   */
  stepLog?: RunLog;
  /** Steps run at once by this worker, of any run (default 4; 0: none, a pure coordinator). */
  steps?: number;
  /** On stop, how long steps in flight may take to finish before they are released (default 10 s). */
  graceMs?: number;
  /** What happens to each step this worker runs, for its log lines. */
  onStep?: (key: string, what: 'taken' | 'done' | 'released' | 'lost', detail?: string) => void;
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
  let keep = false;
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
    const why = err instanceof Error ? err.message : String(err);
    if (err instanceof LeaseLostError || stop.signal.reason instanceof LeaseLostError)
      o.onRun?.(lease.runId, 'lost', 'another worker took the run over');
    else if (stop.signal.aborted)
      o.onRun?.(lease.runId, 'released', 'interrupted: the worker stopped');
    else if (err instanceof UserError && !isStoreError(err)) {
      // It cannot be driven (its mission folder is gone, its goal no longer fits): said
      // once, not taken again and again.
      await log.setStatus(lease.runId, 'failed').catch(() => undefined);
      o.onRun?.(lease.runId, 'failed', why);
    } else {
      // The store failed (or a bug): the run is interrupted, never failed for it; another
      // worker (or this one) takes it again. When even that cannot be written, the lease
      // is kept to expire, which hands the run over just the same.
      const marked = await log.setStatus(lease.runId, 'interrupted').then(
        () => true,
        () => false,
      );
      o.onRun?.(lease.runId, 'released', `interrupted by an error: ${why}`);
      if (!marked) keep = true;
    }
  } finally {
    clearInterval(renewal);
    o.signal?.removeEventListener('abort', onStop);
    if (!keep) await log.release(lease).catch(() => undefined);
  }
}

/** Runs the worker until `signal` aborts; resolves once its runs are released. */
export async function runWorker(log: RunLog, options: WorkerOptions = {}): Promise<void> {
  const o = {
    ...options,
    owner: options.owner ?? `${hostname()}:${process.pid}:${randomBytes(2).toString('hex')}`,
    leaseMs: options.leaseMs ?? 15_000,
  };
  const concurrency = Math.max(0, options.concurrency ?? 1);
  const pollMs = options.pollMs ?? 250;
  const active = new Set<Promise<void>>();
  // Every run driven and every step napping listens to the stop signal: hundreds at once.
  if (options.signal !== undefined) setMaxListeners(0, options.signal);
  const exchange = stepExchange(log);
  o.loop = { ...options.loop, steps: exchange };
  const steps =
    options.steps === 0
      ? Promise.resolve()
      : runStepLoop(options.stepLog ?? log, exchange, {
          owner: o.owner,
          slots: options.steps ?? 4,
          leaseMs: o.leaseMs,
          pollMs: Math.min(pollMs, 50),
          graceMs: options.graceMs ?? 10_000,
          ...(options.signal === undefined ? {} : { signal: options.signal }),
          ...(options.onStep === undefined ? {} : { onStep: options.onStep }),
        });
  while (concurrency > 0 && options.signal?.aborted !== true) {
    if (active.size >= concurrency) {
      await Promise.race([...active, pause(pollMs, options.signal)]);
      continue;
    }
    // Up to 8 claims at once (each its own round trip; SKIP LOCKED keeps them apart), so a
    // worker with room for hundreds of runs takes a backlog in parallel.
    const claims = Array.from({ length: Math.min(8, concurrency - active.size) }, () =>
      log.claimNext(o.owner, o.leaseMs).catch(() => undefined),
    );
    const leases = (await Promise.all(claims)).filter((l): l is RunLease => l !== undefined);
    for (const lease of leases) {
      o.onRun?.(lease.runId, 'taken');
      const p = driveLeased(log, lease, o).finally(() => active.delete(p));
      active.add(p);
    }
    // None waiting (or the store is unreachable for now): look again after a pause.
    if (leases.length === 0) await pause(pollMs, options.signal);
  }
  await Promise.all([...active, steps]);
}
