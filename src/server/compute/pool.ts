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
  return new WorkerPool(options);
}

const shuttingDown = (): HttpError => new HttpError(503, 'shutting_down', 'the server is stopping');

class WorkerPool implements ComputePool {
  private readonly size: number;
  private readonly memoryMb: number;
  private readonly maxQueued: number;
  private readonly slots: Slot[];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private started = 0;
  private closed = false;
  private readonly counts = { cancelled: 0, timedOut: 0, outOfMemory: 0 };

  constructor(options: ComputePoolOptions) {
    this.size = Math.max(1, options.size ?? Math.min(2, availableParallelism()));
    this.memoryMb = options.memoryMb ?? DEFAULT_WORKER_MEMORY_MB;
    this.maxQueued = options.maxQueued ?? DEFAULT_MAX_QUEUED;
    this.slots = Array.from({ length: this.size }, () => ({
      worker: undefined,
      ready: undefined,
      job: undefined,
    }));
  }

  run(task: Task, { timeLimitMs, signal }: { timeLimitMs: number; signal?: AbortSignal }) {
    if (this.closed) return Promise.reject(shuttingDown());
    signal?.throwIfAborted();
    return new Promise<TaskOutcome>((resolve, reject) => {
      const job: Job = { id: this.nextId++, task, timeLimitMs, signal, resolve, reject };
      const free = this.slots.find((s) => !s.job);
      if (free) return this.dispatch(free, job);
      if (this.queue.length >= this.maxQueued) {
        const message = `every compute worker is busy and ${this.maxQueued} requests already wait`;
        const headers = { 'Retry-After': '1' };
        return reject(new HttpError(503, 'busy', message, { hint: 'retry later' }, headers));
      }
      this.queue.push(job);
      // A queued request whose client left is dropped before it starts.
      signal?.addEventListener(
        'abort',
        () => {
          const i = this.queue.indexOf(job);
          if (i < 0) return;
          this.queue.splice(i, 1);
          reject(signal.reason);
        },
        { once: true },
      );
    });
  }

  stats(): ComputeStats {
    const busy = this.slots.filter((s) => s.job).length;
    return {
      size: this.size,
      busy,
      queued: this.queue.length,
      started: this.started,
      ...this.counts,
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(shuttingDown());
    await Promise.all(
      this.slots.map(async (slot) => {
        const job = slot.job;
        slot.job = undefined;
        job?.reject(shuttingDown());
        const w = this.discard(slot);
        if (w) await w.terminate();
      }),
    );
  }

  /** Stops a slot's worker (limit, cancel, crash): the next job starts a fresh one. */
  private discard(slot: Slot): Worker | undefined {
    const w = slot.worker;
    slot.worker = undefined;
    slot.ready = undefined;
    if (!w) return undefined;
    w.removeAllListeners();
    w.on('error', () => undefined);
    void w.terminate();
    return w;
  }

  private ensureWorker(slot: Slot): Promise<void> {
    if (slot.ready) return slot.ready;
    const w = spawnWorker(this.memoryMb);
    this.started++;
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
  }

  /** Ends a job: its worker is kept for the next one, or stopped; the queue moves on. */
  private finish(slot: Slot, job: Job, settle: () => void, keepWorker: boolean): void {
    if (slot.job !== job) return;
    slot.job = undefined;
    if (keepWorker) slot.worker?.unref();
    else this.discard(slot);
    settle();
    this.pump();
  }

  private dispatch(slot: Slot, job: Job): void {
    slot.job = job;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let detach = (): void => undefined;
    const done = (settle: () => void, keepWorker: boolean): void => {
      clearTimeout(timer);
      detach();
      job.signal?.removeEventListener('abort', onAbort);
      this.finish(slot, job, settle, keepWorker);
    };
    const onAbort = (): void => {
      if (slot.job === job) this.counts.cancelled++;
      done(() => job.reject(job.signal?.reason), false);
    };
    job.signal?.addEventListener('abort', onAbort, { once: true });
    this.ensureWorker(slot).then(
      () => {
        const w = slot.worker;
        if (slot.job !== job || !w) return;
        detach = this.listen(w, job, done);
        w.ref();
        // The time limit counts the work, not the thread's start-up.
        timer = setTimeout(() => {
          this.counts.timedOut++;
          done(() => job.reject(timeLimitError(job)), false);
        }, job.timeLimitMs);
        w.postMessage({ id: job.id, task: job.task });
      },
      (err: unknown) => done(() => job.reject(crashError(String(err))), false),
    );
  }

  /** Listens for the job's answer or the worker's end; returns what stops listening. */
  private listen(
    w: Worker,
    job: Job,
    done: (settle: () => void, keepWorker: boolean) => void,
  ): () => void {
    const onMessage = (m: { id?: number; outcome?: TaskOutcome; crash?: string }): void => {
      if (m.id !== job.id) return;
      if (m.outcome) done(() => job.resolve(m.outcome!), true);
      else done(() => job.reject(crashError(m.crash)), true);
    };
    const onError = (err: Error & { code?: string }): void => {
      if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') this.counts.outOfMemory++;
      done(() => job.reject(workerError(err, this.memoryMb)), false);
    };
    const onExit = (code: number): void =>
      done(() => job.reject(crashError(`compute worker exited with code ${code}`)), false);
    w.on('message', onMessage);
    w.on('error', onError);
    w.on('exit', onExit);
    return () => {
      w.off('message', onMessage);
      w.off('error', onError);
      w.off('exit', onExit);
    };
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.job) continue;
      const job = this.queue.shift();
      if (!job) return;
      this.dispatch(slot, job);
    }
  }
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
