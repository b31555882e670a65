/**
 * The budget of one planning run: time (on the run's clock), an AbortSignal, and memory.
 * Memory is the process's resident set (what `ps` and the benchmark show) against the limit,
 * and the JS heap against 90 % of V8's own limit, past which V8 aborts the process instead of
 * throwing. Reading the memory costs microseconds, so it is read at most every 50 ms.
 */
import { getHeapStatistics } from 'node:v8';
import type { PlanOptions } from './types.js';

export type StopReason = 'time' | 'aborted' | 'memory';

const MB = 1024 * 1024;
const MEMORY_EVERY_MS = 50;

/** The default memory limit: the JS heap limit (`--max-old-space-size`), in MB. */
export function defaultMemoryLimitMb(): number {
  return Math.floor(getHeapStatistics().heap_size_limit / MB);
}

export class Budget {
  readonly now: () => number;
  readonly start: number;
  private readonly limitBytes: number;
  private readonly heapLimit: number;
  private lastMemoryCheck = -Infinity;

  constructor(private readonly options: PlanOptions) {
    this.now = options.now ?? (() => performance.now());
    this.start = this.now();
    this.limitBytes = (options.memoryLimitMb ?? defaultMemoryLimitMb()) * MB;
    this.heapLimit = getHeapStatistics().heap_size_limit * 0.9;
  }

  elapsed(): number {
    return this.now() - this.start;
  }

  /** Why the run must stop now, if it must. */
  check(): StopReason | undefined {
    if (this.options.signal?.aborted) return 'aborted';
    const t = this.now();
    if (this.options.timeLimitMs !== undefined && t - this.start > this.options.timeLimitMs)
      return 'time';
    if (t - this.lastMemoryCheck < MEMORY_EVERY_MS) return undefined;
    this.lastMemoryCheck = t;
    return this.memoryExceeded() ? 'memory' : undefined;
  }

  /** Reads the memory now: whether the limit is passed (peak resident set, or heap in use). */
  memoryExceeded(): boolean {
    if (process.resourceUsage().maxRSS * 1024 > this.limitBytes) return true;
    return getHeapStatistics().used_heap_size > this.heapLimit;
  }

  /** The process's peak resident set so far, in MB. */
  peakRssMb(): number {
    return Math.round((process.resourceUsage().maxRSS * 1024) / MB);
  }
}
