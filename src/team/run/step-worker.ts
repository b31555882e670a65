/**
 * A worker's step loop: claims offered steps of any run (a few at a time), runs each under
 * a step lease it renews, and records its result, which the run's driver observes. A
 * worker that dies stops renewing: once the step lease expires another worker claims the
 * step and runs it again with the same idempotency key (at least once). Stopping (the
 * signal) is graceful: no new step is claimed, steps in flight get `graceMs` to finish
 * and record their result; those still running then are aborted and released, so
 * another worker takes them at once.
 */
import { setMaxListeners } from 'node:events';
import type { ClaimedStep, RunLog } from '../log/port.js';
import type { StepExchange } from './step-exchange.js';
import { missionCache, runStepTask } from './step-task.js';

export interface StepLoopOptions {
  owner: string;
  /** Steps run at once. */
  slots: number;
  leaseMs: number;
  /** How long to nap when no step was offered (an offer in this process wakes it). */
  pollMs: number;
  /** On stop, how long steps in flight may still take to finish before they are released. */
  graceMs: number;
  signal?: AbortSignal;
  onStep?: (key: string, what: 'taken' | 'done' | 'released' | 'lost', detail?: string) => void;
}

/** Runs one claimed step to its recorded result, or releases it when aborted. */
async function runClaimed(
  log: RunLog,
  exchange: StepExchange,
  claimed: ClaimedStep,
  abort: AbortSignal,
  o: StepLoopOptions,
  cache: ReturnType<typeof missionCache>,
): Promise<void> {
  let lease = claimed.lease;
  const lost = new AbortController();
  const renewal = setInterval(
    () => {
      log.renewStep(lease, o.leaseMs).then(
        (held) => {
          if (held === undefined) lost.abort(new Error('another worker took the step over'));
          else lease = held;
        },
        () => undefined, // the store is unreachable for now: the next renewal tries again
      );
    },
    Math.max(10, Math.floor(o.leaseMs / 3)),
  );
  // One controller for both causes (not AbortSignal.any, whose signal Node 20 may collect
  // while a listener still waits on it).
  const stopStep = (): void => lost.abort(abort.reason);
  abort.addEventListener('abort', stopStep, { once: true });
  const signal = lost.signal;
  try {
    const record = await runStepTask(claimed, cache, signal);
    if (await log.completeStep(lease, record)) {
      exchange.settle(claimed.runId, claimed.stepId, record);
      o.onStep?.(claimed.key, 'done', record.outcome.ok ? 'ok' : 'failed');
    } else o.onStep?.(claimed.key, 'lost', 'another worker took the step over');
  } catch (err) {
    if (lost.signal.aborted && !abort.aborted)
      o.onStep?.(claimed.key, 'lost', 'another worker took the step over');
    else {
      await log.releaseStep(lease).catch(() => undefined);
      o.onStep?.(claimed.key, 'released', err instanceof Error ? err.message : String(err));
    }
  } finally {
    clearInterval(renewal);
    abort.removeEventListener('abort', stopStep);
  }
}

/** Claims and runs offered steps until `o.signal` aborts; resolves once its steps ended. */
export async function runStepLoop(
  log: RunLog,
  exchange: StepExchange,
  o: StepLoopOptions,
): Promise<void> {
  const cache = missionCache();
  const abort = new AbortController();
  setMaxListeners(0, abort.signal); // one listener per step in flight
  const active = new Set<Promise<void>>();
  while (o.signal?.aborted !== true) {
    if (active.size >= o.slots) {
      await Promise.race([...active, exchange.nap(o.pollMs, o.signal)]);
      continue;
    }
    let claimed: ClaimedStep[];
    try {
      // As many as there are free slots, in one round trip.
      claimed = await log.claimSteps(o.owner, o.leaseMs, o.slots - active.size);
    } catch {
      claimed = []; // the store is unreachable for now: look again after a nap
    }
    if (claimed.length === 0) {
      await exchange.nap(o.pollMs, o.signal);
      continue;
    }
    for (const step of claimed) {
      o.onStep?.(step.key, 'taken', `try ${step.lease.token}`);
      const p = runClaimed(log, exchange, step, abort.signal, o, cache).finally(() =>
        active.delete(p),
      );
      active.add(p);
    }
  }
  // Graceful: the steps in flight finish within the grace, or are aborted and released.
  if (active.size > 0) {
    const grace = setTimeout(() => abort.abort(new Error('the worker stopped')), o.graceMs);
    await Promise.all(active);
    clearTimeout(grace);
  }
}
