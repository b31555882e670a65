/**
 * The driver's side of steps run by any worker: a step is offered (under the run's lease)
 * and its driver waits for the result a worker records. One exchange per process serves
 * all the runs it drives: it looks for the results of every waiting step in one query
 * every `pollMs`, and a result recorded in this process (its own step loop) wakes its
 * waiter at once.
 */
import type { RunLease, RunLog, StepTask } from '../log/port.js';
import { parseStepRecord } from './step-task.js';
import type { StepRecord } from './step-task.js';

export interface StepExchange {
  /**
   * Offers `task` and resolves with its result once a worker recorded it (a step already
   * offered, by a driver before this one, is not offered again: its result counts).
   * Rejects with the signal's reason when `signal` aborts first: the step stays offered.
   */
  perform(lease: RunLease, task: StepTask, signal?: AbortSignal): Promise<StepRecord>;
  /** A result recorded in this process: its waiter, if any, resolves at once. */
  settle(runId: string, stepId: string, result: unknown): void;
  /** Resolves when a step is offered in this process (or after `ms`): the step loop's nap. */
  nap(ms: number, signal?: AbortSignal): Promise<void>;
}

interface Waiter {
  runId: string;
  stepId: string;
  resolve: (r: StepRecord) => void;
}

const keyOf = (runId: string, stepId: string): string => `${runId}\u0000${stepId}`;

export function stepExchange(log: RunLog, options: { pollMs?: number } = {}): StepExchange {
  const pollMs = options.pollMs ?? 50;
  const waiting = new Map<string, Waiter>();
  let polling: ReturnType<typeof setTimeout> | undefined;
  const nappers = new Set<() => void>();
  const settle = (runId: string, stepId: string, result: unknown): void => {
    const w = waiting.get(keyOf(runId, stepId));
    if (w === undefined) return;
    waiting.delete(keyOf(runId, stepId));
    w.resolve(parseStepRecord(result));
  };
  const poll = async (): Promise<void> => {
    polling = undefined;
    const asked = [...waiting.values()].map(({ runId, stepId }) => ({ runId, stepId }));
    // In slices, so a query stays small with thousands of runs waiting.
    for (let i = 0; i < asked.length; i += 500) {
      const found = await log.stepResults(asked.slice(i, i + 500)).catch(() => []);
      for (const r of found) settle(r.runId, r.stepId, r.result);
    }
    schedule();
  };
  const schedule = (): void => {
    if (polling === undefined && waiting.size > 0) polling = setTimeout(() => void poll(), pollMs);
  };
  return {
    async perform(lease, task, signal) {
      signal?.throwIfAborted();
      await log.offerSteps(lease, [task]);
      for (const n of [...nappers]) n();
      return new Promise<StepRecord>((resolve, reject) => {
        const key = keyOf(task.runId, task.stepId);
        const onAbort = (): void => {
          waiting.delete(key);
          reject(signal!.reason as Error);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        waiting.set(key, {
          runId: task.runId,
          stepId: task.stepId,
          resolve: (r) => {
            signal?.removeEventListener('abort', onAbort);
            resolve(r);
          },
        });
        schedule();
      });
    },
    settle,
    nap(ms, signal) {
      return new Promise<void>((resolve) => {
        const done = (): void => {
          clearTimeout(t);
          nappers.delete(done);
          signal?.removeEventListener('abort', done);
          resolve();
        };
        const t = setTimeout(done, ms);
        nappers.add(done);
        signal?.addEventListener('abort', done, { once: true });
      });
    },
  };
}
