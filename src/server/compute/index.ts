/** Planning and reasoning off the event loop: a worker pool and the route helper that uses it. */
import type { Context } from 'hono';
import { HttpError } from '../errors.js';
import type { ComputePool } from './pool.js';
import type { Task } from './tasks.js';

export { createComputePool, DEFAULT_WORKER_MEMORY_MB } from './pool.js';
export type { ComputePool, ComputePoolOptions, ComputeStats } from './pool.js';
export type { Task, TaskOutcome } from './tasks.js';

/**
 * Runs a task in the pool for a request and answers its JSON, or the task's located
 * error. A client that went away cancels the task (its worker is stopped) and gets
 * nothing (status 499, never sent).
 */
export async function computeResponse(
  c: Context,
  pool: ComputePool,
  task: Task,
  timeLimitMs: number,
): Promise<Response> {
  const signal = c.req.raw.signal;
  let outcome;
  try {
    outcome = await pool.run(task, { timeLimitMs, signal });
  } catch (err) {
    if (signal.aborted) return new Response(null, { status: 499 });
    throw err;
  }
  if (!outcome.ok) {
    const e = outcome.error;
    throw new HttpError(e.status, e.code, e.message, e.details);
  }
  return c.body(outcome.json, 200, { 'content-type': 'application/json' });
}
