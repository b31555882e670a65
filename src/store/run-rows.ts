/** Rows of the run log's tables as both backends read and write them. */
import type { LoggedEvent, NewRun, RunRecord } from '../team/log/port.js';
import type { RunStatus } from '../team/log/views.js';

export interface RunRow {
  id: string;
  mission: string;
  mission_dir: string | null;
  status: string;
  /** A number from SQLite, a string from Postgres (BIGINT). */
  seed: number | string;
  goal: string;
  options: string;
  started_at: string;
  updated_at: string;
  last_seq: number;
}

export interface EventRow {
  run_id: string;
  seq: number;
  at: string;
  v: number;
  type: string;
  data: string;
}

export const toRun = (r: RunRow): RunRecord => ({
  id: r.id,
  mission: r.mission,
  missionDir: r.mission_dir,
  status: r.status as RunStatus,
  seed: Number(r.seed),
  goal: r.goal,
  options: JSON.parse(r.options) as Record<string, unknown>,
  startedAt: r.started_at,
  updatedAt: r.updated_at,
  lastSeq: r.last_seq,
});

export const toEvent = (r: EventRow): LoggedEvent => ({
  runId: r.run_id,
  seq: r.seq,
  at: r.at,
  v: r.v,
  type: r.type,
  data: JSON.parse(r.data) as unknown,
});

/** A new run's columns, in the order id, mission, mission_dir, status, seed, goal, options, started_at. */
export const runValues = (run: NewRun): (string | number | null)[] => [
  run.id,
  run.mission,
  run.missionDir,
  run.status,
  run.seed,
  run.goal,
  JSON.stringify(run.options),
  run.startedAt,
];
