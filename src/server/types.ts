/** Options of the HTTP app and server. */
import type { Hono } from 'hono';
import type { ChatTarget } from './chat-targets.js';
import type { Operation } from './openapi.js';
import type { Mission, RunStore } from '../team/index.js';
import type { Model } from '../models/index.js';

/** The run-time half of the app options: where runs live and which missions exist. */
export interface RunsOptions {
  store: RunStore;
  /** Missions loaded by the caller, served besides the examples. */
  missions?: readonly Mission[];
  /** Folder of example missions (default: the checkout's examples/). */
  examplesRoot?: string;
  /** Multiplies simulated step durations (1 = as written, 0 = no delays). */
  timeScale?: number;
  /** The model of model-driven steps (absent: the missions' simulated worlds carry them out). */
  model?: Model;
}

export interface AppOptions {
  /** The bearer token every /api and /v1 request must carry. */
  token: string;
  /** Largest accepted request body in bytes (default 1 MiB); larger bodies get 413. */
  bodyLimitBytes?: number;
  /** Folder of the built web UI; default web/dist of this checkout; `null` serves no UI. */
  webRoot?: string | null;
  /** Longest a POST /api/plan search may run, in milliseconds (default 10 s). */
  planTimeLimitMs?: number;
  /** Agents and teams served on /v1 (see `agentTarget`). */
  chatTargets?: readonly ChatTarget[];
  /** Missions and runs (the /api/missions and /api/runs routes); absent: those routes are not served. */
  runs?: RunsOptions;
  /** Aborting it stops the runs this app started (startServer aborts it on close). */
  signal?: AbortSignal;
  /** Receives the `done` promise of every run this app drives (startServer waits for them on close). */
  runsInFlight?: Set<Promise<unknown>>;
}

/** One area of the API: adds its routes and returns their description for OpenAPI. */
export type RouteModule = (app: Hono, options: AppOptions) => Operation[];
