/** Options of the HTTP app and server. */
import type { Hono } from 'hono';
import type { ChatTarget } from './chat-targets.js';
import type { ComputePool, ComputePoolOptions } from './compute/index.js';
import type { ResponseStore } from '../store/responses.js';
import type { Operation } from './openapi.js';
import type { Mission, RunStore } from '../team/index.js';

/** The run-time half of the app options: where runs live and which missions exist. */
export interface RunsOptions {
  store: RunStore;
  /** Missions loaded by the caller, served besides the examples. */
  missions?: readonly Mission[];
  /** Folder of example missions (default: the checkout's examples/). */
  examplesRoot?: string;
  /** Multiplies simulated step durations (1 = as written, 0 = no delays). */
  timeScale?: number;
}

export interface AppOptions {
  /** The bearer token every /api and /v1 request must carry. */
  token: string;
  /**
   * Host names requests may carry in `Host` (DNS rebinding); others get 403. Absent: no
   * check (startServer derives them from the bound address); `['*']`: any.
   */
  allowedHosts?: readonly string[];
  /** Largest accepted request body in bytes (default 1 MiB); larger bodies get 413. */
  bodyLimitBytes?: number;
  /** Folder of the built web UI; default web/dist of this checkout; `null` serves no UI. */
  webRoot?: string | null;
  /** Longest a POST /api/plan search may run, in milliseconds (default 10 s). */
  planTimeLimitMs?: number;
  /** Longest a POST /api/reason may compute, in milliseconds (default 10 s); then 504. */
  reasonTimeLimitMs?: number;
  /** Worker threads for planning and reasoning: size, heap limit (MB), queue length. */
  compute?: ComputePoolOptions;
  /** A pool to use instead of creating one (startServer passes its own, to close it). */
  computePool?: ComputePool;
  /** Agents and teams served on /v1 (see `agentTarget`). */
  chatTargets?: readonly ChatTarget[];
  /** Interval of `: keep-alive` comments on every event stream (default 15 s). */
  sseKeepAliveMs?: number;
  /** How long an answer started with an Idempotency-Key is kept for retries (default 1 h). */
  idempotencyTtlMs?: number;
  /** Where /v1/responses keeps responses for previous_response_id (default: the runs' database). */
  responses?: ResponseStore;
  /** Origins allowed to call /api and /v1 from a browser (CORS); none by default. */
  corsOrigins?: readonly string[];
  /** Missions and runs (the /api/missions and /api/runs routes); absent: those routes are not served. */
  runs?: RunsOptions;
  /** Aborting it stops the runs this app started (startServer aborts it on close). */
  signal?: AbortSignal;
  /** Receives the `done` promise of every run this app drives (startServer waits for them on close). */
  runsInFlight?: Set<Promise<unknown>>;
}

/** One area of the API: adds its routes and returns their description for OpenAPI. */
export type RouteModule = (app: Hono, options: AppOptions) => Operation[];

/** The compute pool of the app's options (createApp always sets one). */
export function computePool(options: AppOptions): ComputePool {
  if (!options.computePool) throw new Error('createApp: no compute pool');
  return options.computePool;
}
