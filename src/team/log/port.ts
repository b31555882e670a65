/**
 * The run log port: what the team needs from a store of runs. The team owns it; the
 * store implements it (src/store: SQLite, the embedded default) and no database handle
 * or SQL crosses it. Every method is asynchronous so that a networked database (Postgres,
 * many worker processes) fits the same port.
 *
 * The log keeps events as versioned JSON: it stamps `seq` and `at`, stores `type`, `v`
 * and `data` as given, and hands them back unchanged. What the data means is the team's
 * business (log/events.ts: schemas; log/codec.ts: parsing on read).
 *
 * Room to grow: work products (documents a step hands to the steps it supports) will be
 * another table behind this port, written in the same transaction as the step's end.
 */
import type { ApprovalDecision, RunStatus } from './views.js';

/** An event as the log stores it; `data` is parsed by the team (log/codec.ts). */
export interface LoggedEvent {
  runId: string;
  seq: number;
  at: string;
  v: number;
  type: string;
  data: unknown;
}

/** An event to append: its kind, the schema version of its data, the data (JSON). */
export interface NewEvent {
  type: string;
  v: number;
  data: unknown;
}

/** A run's row: what the run is and where it stands; its story is its events. */
export interface RunRecord {
  id: string;
  mission: string;
  /** The folder the mission was loaded from (resume reloads it), or null. */
  missionDir: string | null;
  status: RunStatus;
  seed: number;
  goal: string;
  options: Record<string, unknown>;
  startedAt: string;
  updatedAt: string;
  /** Seq of the newest event (0 before the first). */
  lastSeq: number;
}

export type NewRun = Omit<RunRecord, 'lastSeq' | 'updatedAt'>;

/** A page of runs, newest first: at most `limit`, started before the run `before` names. */
export interface RunPage {
  limit: number;
  before?: { startedAt: string; id: string };
}

/** A decision on a step waiting for approval, as stored. */
export interface ApprovalRecord {
  approved: boolean;
  by: string | null;
  reason: string | null;
  at: string;
}

/**
 * The right to drive a run (plan it, append to it) until `expiresAt`. `token` grows with
 * every new holder: an append made with a lease that was lost (expired and taken by
 * another owner) is refused, so a stalled process cannot write over its successor.
 */
export interface RunLease {
  runId: string;
  owner: string;
  token: number;
  expiresAt: string;
}

/** An append made with a lease its owner no longer holds. */
export class LeaseLostError extends Error {
  readonly code = 'RUNLOG_LEASE_LOST';
  constructor(readonly lease: RunLease) {
    super(`run ${lease.runId}: the lease of ${lease.owner} (token ${lease.token}) was lost`);
    this.name = 'LeaseLostError';
  }
}

export interface RunLog {
  /**
   * Creates a run; with `first`, writes its first event in the same transaction, so no run
   * is ever stored without it (the event is returned; listeners hear it).
   */
  createRun(run: NewRun, first?: NewEvent): Promise<LoggedEvent | undefined>;
  getRun(runId: string): Promise<RunRecord | undefined>;
  /** Runs newest first: all of them, or one page. */
  listRuns(page?: RunPage): Promise<RunRecord[]>;
  setStatus(runId: string, status: RunStatus): Promise<void>;
  /**
   * Appends events in one transaction (all or none; seq = previous + 1, + 2...) and
   * returns them as stored; listeners hear them after the write. With a lease, the
   * append is refused unless the lease is still held.
   */
  append(
    runId: string,
    events: readonly NewEvent[],
    options?: { lease?: RunLease },
  ): Promise<LoggedEvent[]>;
  /** Events of a run with seq > afterSeq (default 0: all), in seq order. */
  read(runId: string, afterSeq?: number): Promise<LoggedEvent[]>;
  /** How many events of each of `types` a run has (0 for a type it has none of). */
  countEvents(runId: string, types: readonly string[]): Promise<Record<string, number>>;
  /** Live events of a run (`'*'`: of every run) appended through this log; returns unsubscribe. */
  subscribe(runId: string, listener: (e: LoggedEvent) => void): () => void;
  /**
   * Takes the lease of a run for `ttlMs` when nobody holds it or the holder's lease
   * expired; undefined when another owner holds it (exactly one of racing claimers wins).
   */
  claim(runId: string, owner: string, ttlMs: number): Promise<RunLease | undefined>;
  /** Extends a lease still held; undefined when it was lost. */
  renew(lease: RunLease, ttlMs: number): Promise<RunLease | undefined>;
  /** Gives a lease up (nothing happens when it was already lost). */
  release(lease: RunLease): Promise<void>;
  /** Records (or replaces) the decision on a step waiting for approval. */
  decide(runId: string, stepId: string, decision: ApprovalDecision): Promise<void>;
  decision(runId: string, stepId: string): Promise<ApprovalRecord | undefined>;
  close(): Promise<void>;
}
