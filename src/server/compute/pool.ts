/**
 * A small pool of worker threads for planning and reasoning requests, so one heavy
 * request never freezes the server: each task runs in its own thread with a heap limit
 * (`resourceLimits`) and a wall-clock limit, and is cancelled when its client goes away.
 * A thread that hit a limit or was cancelled is terminated and replaced on next use.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { HttpError } from '../errors.js';
import type { Task, TaskOutcome } from './tasks.js';

export interface ComputePoolOptions {
  /** Worker threads (default: 2, or 1 on a one-core machine). */
  size?: number;
  /** Heap limit of each worker in MB (default 512); a task that needs more is a 422. */
  memoryMb?: number;
  /** Tasks allowed to wait for a free worker (default 32); more are answered 503. */
  maxQueued?: number;
}

export interface ComputeStats {
  size: number;
  busy: number;
  queued: number;
  /** Worker threads started so far (a terminated worker is replaced by a new one). */
  started: number;
  /** Tasks stopped because their client went away, ran out of time, or out of memory. */
  cancelled: number;
  timedOut: number;
  outOfMemory: number;
}

export interface ComputePool {
  /**
   * Runs a task in a worker. Rejects with an HttpError: 504 `time_limit` after
   * `timeLimitMs`, 422 `memory_limit` when the worker runs out of heap, 503 `busy` when
   * the queue is full; with the signal's reason when the signal aborts (the worker stops).
   */
  run(task: Task, options: { timeLimitMs: number; signal?: AbortSignal }): Promise<TaskOutcome>;
  stats(): ComputeStats;
  /** Terminates every worker; queued and running tasks are rejected. */
  close(): Promise<void>;
}

export const DEFAULT_WORKER_MEMORY_MB = 512;
const DEFAULT_MAX_QUEUED = 32;

interface Job {
  id: number;
  task: Task;
  timeLimitMs: number;
  signal: AbortSignal | undefined;
  resolve(outcome: TaskOutcome): void;
  reject(err: unknown): void;
}

interface Slot {
  worker: Worker | undefined;
  ready: Promise<void> | undefined;
  job: Job | undefined;
}

/** True when this module runs from TypeScript sources (through tsx), not from dist/. */
const FROM_SOURCE = import.meta.url.endsWith('.ts');

function spawnWorker(memoryMb: number): Worker {
  const resourceLimits = {
    maxOldGenerationSizeMb: memoryMb,
    maxYoungGenerationSizeMb: Math.max(8, Math.min(64, Math.floor(memoryMb / 8))),
  };
  const entry = new URL(`./worker.${FROM_SOURCE ? 'ts' : 'js'}`, import.meta.url);
  if (!FROM_SOURCE) return new Worker(entry, { resourceLimits });
  // From sources, the worker registers tsx itself (bin/atelier registers it by API, which
  // threads do not inherit), then loads the TypeScript entry.
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const code = `import(${tsx}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(code, { eval: true, resourceLimits });
}

export function createComputePool(options: ComputePoolOptions = {}): ComputePool {
  const size = Math.max(1, options.size ?? Math.min(2, availableParallelism()));
  const memoryMb = options.memoryMb ?? DEFAULT_WORKER_MEMORY_MB;
  const maxQueued = options.maxQueued ?? DEFAULT_MAX_QUEUED;
  const slots: Slot[] = Array.from({ length: size }, () => ({
    worker: undefined,
    ready: undefined,
    job: undefined,
  }));
  const queue: Job[] = [];
  let nextId = 1;
  let started = 0;
  let closed = false;
  const counts = { cancelled: 0, timedOut: 0, outOfMemory: 0 };

  /** Stops a slot's worker (limit, cancel, crash): the next job starts a fresh one. */
  const discard = (slot: Slot): void => {
    const w = slot.worker;
    slot.worker = undefined;
    slot.ready = undefined;
    if (w) {
      w.removeAllListeners();
      w.on('error', () => undefined);
      void w.terminate();
    }
  };

  const ensureWorker = (slot: Slot): Promise<void> => {
    if (slot.ready) return slot.ready;
    const w = spawnWorker(memoryMb);
    started++;
    slot.worker = w;
    w.unref();
    // Between jobs nobody listens: keep an idle worker's failure from crashing the server,
    // and let the next job start a fresh one.
    w.on('error', () => undefined);
    w.on('exit', () => {
      if (slot.worker !== w) return;
      slot.worker = undefined;
      slot.ready = undefined;
    });
    slot.ready = new Promise<void>((resolve, reject) => {
      const onMessage = (m: { ready?: boolean }): void => {
        if (!m.ready) return;
        w.off('message', onMessage);
        resolve();
      };
      w.on('message', onMessage);
      w.once('error', reject);
      w.once('exit', (code) => reject(new Error(`compute worker exited with code ${code}`)));
    });
    return slot.ready;
  };

  const finish = (slot: Slot, job: Job, settle: () => void, keepWorker: boolean): void => {
    if (slot.job !== job) return;
    slot.job = undefined;
    if (keepWorker) slot.worker?.unref();
    else discard(slot);
    settle();
    pump();
  };

  const dispatch = (slot: Slot, job: Job): void => {
    slot.job = job;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let detach = (): void => undefined;
    const done = (settle: () => void, keepWorker: boolean): void => {
      clearTimeout(timer);
      detach();
      job.signal?.removeEventListener('abort', onAbort);
      finish(slot, job, settle, keepWorker);
    };
    const onAbort = (): void => {
      if (slot.job === job) counts.cancelled++;
      done(() => job.reject(job.signal?.reason), false);
    };
    job.signal?.addEventListener('abort', onAbort, { once: true });
    ensureWorker(slot).then(
      () => {
        const w = slot.worker;
        if (slot.job !== job || !w) return;
        const onMessage = (m: { id?: number; outcome?: TaskOutcome; crash?: string }): void => {
          if (m.id !== job.id) return;
          if (m.outcome) done(() => job.resolve(m.outcome!), true);
          else done(() => job.reject(crashError(m.crash)), true);
        };
        const onError = (err: Error & { code?: string }): void => {
          if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') counts.outOfMemory++;
          done(() => job.reject(workerError(err, memoryMb)), false);
        };
        const onExit = (code: number): void =>
          done(() => job.reject(crashError(`compute worker exited with code ${code}`)), false);
        w.on('message', onMessage);
        w.on('error', onError);
        w.on('exit', onExit);
        detach = () => {
          w.off('message', onMessage);
          w.off('error', onError);
          w.off('exit', onExit);
        };
        w.ref();
        // The time limit counts the work, not the thread's start-up.
        timer = setTimeout(() => {
          counts.timedOut++;
          done(() => job.reject(timeLimitError(job)), false);
        }, job.timeLimitMs);
        w.postMessage({ id: job.id, task: job.task });
      },
      (err: unknown) => done(() => job.reject(crashError(String(err))), false),
    );
  };

  const pump = (): void => {
    for (const slot of slots) {
      if (slot.job) continue;
      const job = queue.shift();
      if (!job) return;
      dispatch(slot, job);
    }
  };

  return {
    run(task, { timeLimitMs, signal }) {
      if (closed)
        return Promise.reject(new HttpError(503, 'shutting_down', 'the server is stopping'));
      signal?.throwIfAborted();
      return new Promise<TaskOutcome>((resolve, reject) => {
        const job: Job = { id: nextId++, task, timeLimitMs, signal, resolve, reject };
        const free = slots.find((s) => !s.job);
        if (free) return dispatch(free, job);
        if (queue.length >= maxQueued) {
          reject(
            new HttpError(
              503,
              'busy',
              `every compute worker is busy and ${maxQueued} requests already wait`,
              { hint: 'retry later' },
              { 'Retry-After': '1' },
            ),
          );
          return;
        }
        queue.push(job);
        // A queued request whose client left is dropped before it starts.
        signal?.addEventListener(
          'abort',
          () => {
            const i = queue.indexOf(job);
            if (i >= 0) {
              queue.splice(i, 1);
              reject(signal.reason);
            }
          },
          { once: true },
        );
      });
    },
    stats: () => ({
      size,
      busy: slots.filter((s) => s.job).length,
      queued: queue.length,
      started,
      ...counts,
    }),
    async close() {
      closed = true;
      for (const job of queue.splice(0))
        job.reject(new HttpError(503, 'shutting_down', 'the server is stopping'));
      await Promise.all(
        slots.map(async (slot) => {
          const job = slot.job;
          slot.job = undefined;
          job?.reject(new HttpError(503, 'shutting_down', 'the server is stopping'));
          const w = slot.worker;
          slot.worker = undefined;
          slot.ready = undefined;
          if (w) {
            w.removeAllListeners();
            w.on('error', () => undefined);
            await w.terminate();
          }
        }),
      );
    },
  };
}

function timeLimitError(job: Job): HttpError {
  const what = job.task.kind === 'plan' ? 'planning' : 'reasoning';
  return new HttpError(
    504,
    'time_limit',
    `${what} did not finish within ${job.timeLimitMs / 1000} s and was stopped`,
    {
      hint:
        job.task.kind === 'plan'
          ? 'a smaller problem, or run `atelier plan` locally with a larger --time-limit'
          : 'a smaller program, or run `atelier reason` locally',
    },
  );
}

function workerError(err: Error & { code?: string }, memoryMb: number): HttpError {
  if (err.code === 'ERR_WORKER_OUT_OF_MEMORY')
    return new HttpError(
      422,
      'memory_limit',
      `the request needs more than the ${memoryMb} MB this server gives one request`,
      { hint: 'a smaller input, or run it locally with the CLI' },
    );
  return crashError(err.stack ?? err.message);
}

function crashError(detail: string | undefined): HttpError {
  // The operator sees what happened; the client sees only that it did.
  console.error('[atelier serve] compute worker failed:', detail);
  return new HttpError(500, 'internal', 'internal server error');
}
