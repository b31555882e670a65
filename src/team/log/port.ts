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
 * Work products (what a step hands to the steps that depend on it) are `work.product`
 * events the log also keeps apart (`products`), written in the same transaction as the
 * step's end, so a run's documents are read without its whole story.
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

/**
 * A step offered to any worker (`atelier worker`): a run's driver offers the steps it
 * starts, any worker claims one, runs its tool and records the result, which the driver
 * observes. `key` is the step's identity (run and step id), the same on every try: the
 * idempotency key the tool gets, since a step whose worker died is run again (at least
 * once). `payload` is what the worker needs to run it (JSON, the team's business).
 */
export interface StepTask {
  runId: string;
  stepId: string;
  key: string;
  attempt: number;
  payload: unknown;
}

/** The right to run an offered step until `expiresAt`; `token` grows with every holder. */
export interface StepLease {
  runId: string;
  stepId: string;
  owner: string;
  token: number;
  expiresAt: string;
}

/** A step a worker claimed: the task and its lease (`lease.token` - 1 tries came before). */
export interface ClaimedStep extends StepTask {
  lease: StepLease;
}

/** The recorded result of an offered step, and the owner whose try recorded it. */
export interface StepResult {
  runId: string;
  stepId: string;
  result: unknown;
  by: string;
}

/** Offered steps: claimed one at a time under leases, like runs (see `RunLog`). */
export interface StepQueue {
  /**
   * Offers steps of the run `lease` names (refused with LeaseLostError unless the lease
   * is held). A step already offered (same run and step id) is kept as it is, with its
   * result if it has one: a driver that took the run over offers its steps again.
   */
  offerSteps(lease: RunLease, tasks: readonly StepTask[]): Promise<void>;
  /**
   * Takes the leases of up to `max` offered steps without a result that nobody holds or
   * whose holder's lease expired (oldest offers first); racing workers never get the
   * same step. Steps of runs that ended are not handed out.
   */
  claimSteps(owner: string, ttlMs: number, max: number): Promise<ClaimedStep[]>;
  /** Extends a step lease still held; undefined when it was lost. */
  renewStep(lease: StepLease, ttlMs: number): Promise<StepLease | undefined>;
  /**
   * Records the step's result while its lease is held (even expired, if nobody took the
   * step since); false when another holder took it (its try's result will count).
   */
  completeStep(lease: StepLease, result: unknown): Promise<boolean>;
  /** Gives a step lease up without a result: another worker may take the step at once. */
  releaseStep(lease: StepLease): Promise<void>;
  /**
   * Records the result of a step its run's driver carried out itself (an MCP or model
   * step, or any step of a run driven in one process), under the run's lease (refused
   * with LeaseLostError unless held): a resumed driver takes the result from here instead
   * of running the step again. False when the step already had a result (it is kept).
   */
  recordStep(lease: RunLease, task: StepTask, result: unknown): Promise<boolean>;
  /** The recorded results of those of `steps` that have one. */
  stepResults(steps: readonly { runId: string; stepId: string }[]): Promise<StepResult[]>;
}

export interface RunLog extends StepQueue {
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
  /** The `work.product` events of a run, in seq order (parsed by the team like any event). */
  products(runId: string): Promise<LoggedEvent[]>;
  /** How many events of each of `types` a run has (0 for a type it has none of). */
  countEvents(runId: string, types: readonly string[]): Promise<Record<string, number>>;
  /** Live events of a run (`'*'`: of every run) appended through this log; returns unsubscribe. */
  subscribe(runId: string, listener: (e: LoggedEvent) => void): () => void;
  /**
   * Takes the lease of a run for `ttlMs` when nobody holds it or the holder's lease
   * expired; undefined when another owner holds it (exactly one of racing claimers wins).
   */
  claim(runId: string, owner: string, ttlMs: number): Promise<RunLease | undefined>;
  /**
   * Takes the lease of one run waiting for a driver, if any: a run `queued` or
   * `interrupted` that nobody holds, or one whose holder's lease expired before it ended
   * (its process died). Racing workers never get the same run (the oldest waiting first).
   */
  claimNext(owner: string, ttlMs: number): Promise<RunLease | undefined>;
  /** Who holds the run's lease (expired or not), if anyone: to say who drives it. */
  leaseHolder(runId: string): Promise<RunLease | undefined>;
  /** Extends a lease still held; undefined when it was lost. */
  renew(lease: RunLease, ttlMs: number): Promise<RunLease | undefined>;
  /** Gives a lease up (nothing happens when it was already lost). */
  release(lease: RunLease): Promise<void>;
  /** Records (or replaces) the decision on a step waiting for approval. */
  decide(runId: string, stepId: string, decision: ApprovalDecision): Promise<void>;
  decision(runId: string, stepId: string): Promise<ApprovalRecord | undefined>;
  close(): Promise<void>;
}
