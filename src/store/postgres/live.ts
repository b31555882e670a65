/**
 * Live events across processes: an append NOTIFYs `atelier_run_events` with the run and the
 * seqs it wrote (delivered on commit); every process that has listeners LISTENs on one
 * connection of its own, reads the announced events and hands them over in seq order.
 * Events this process appends are handed over at once (the append waits for it). A run's
 * events reach its listeners once each and in order: a gap (a missed notice) is read back.
 */
import type pg from 'pg';
import type { LoggedEvent } from '../../team/log/port.js';
import type { PgDb } from './pool.js';

export const CHANNEL = 'atelier_run_events';

type Listener = (e: LoggedEvent) => void;

/** The notice an append sends: run id, first and last seq written. */
export const noticeOf = (runId: string, from: number, to: number): string =>
  JSON.stringify({ r: runId, f: from, t: to });

export interface LiveHub {
  subscribe(runId: string, listener: Listener): () => void;
  /** Hands events this process appended to the listeners (after any earlier ones). */
  local(runId: string, events: readonly LoggedEvent[]): Promise<void>;
  /** Resolves once this process listens (subscribe starts listening without waiting). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export function liveHub(
  db: PgDb,
  readRange: (runId: string, after: number, upTo: number) => Promise<LoggedEvent[]>,
): LiveHub {
  const listeners = new Map<string, Set<Listener>>();
  const delivered = new Map<string, number>();
  let chain: Promise<void> = Promise.resolve();

  const hearing = (runId: string): boolean =>
    (listeners.get(runId)?.size ?? 0) > 0 || (listeners.get('*')?.size ?? 0) > 0;
  const hand = (e: LoggedEvent): void => {
    for (const l of [...(listeners.get(e.runId) ?? [])]) l(e);
    for (const l of [...(listeners.get('*') ?? [])]) l(e);
  };
  /** Delivers seqs first..last of a run (reading what it lacks), once each, in order. */
  const deliver = async (
    runId: string,
    first: number,
    last: number,
    known?: readonly LoggedEvent[],
  ) => {
    const seen = delivered.get(runId) ?? first - 1;
    if (last <= seen) return;
    delivered.set(runId, last);
    if (!hearing(runId)) return;
    const have = known !== undefined && first <= seen + 1;
    const events = have ? known : await readRange(runId, seen, last);
    for (const e of events) if (e.seq > seen && e.seq <= last) hand(e);
  };
  const enqueue = (task: () => Promise<void>): Promise<void> => {
    const next = chain.then(task);
    chain = next.catch(() => undefined);
    return next;
  };
  const onNotice = (msg: pg.Notification): void => {
    if (msg.channel !== CHANNEL || msg.payload === undefined) return;
    const n = JSON.parse(msg.payload) as { r: string; f: number; t: number };
    void enqueue(() => deliver(n.r, n.f, n.t)).catch(() => undefined);
  };
  const connection = listening(db, onNotice);
  const ensure = connection.ensure;

  return {
    subscribe(runId, listener) {
      const set = listeners.get(runId) ?? new Set<Listener>();
      set.add(listener);
      listeners.set(runId, set);
      void ensure().catch(() => undefined);
      return () => {
        set.delete(listener);
      };
    },
    local(runId, events) {
      if (events.length === 0) return Promise.resolve();
      const first = events[0]!.seq;
      const last = events[events.length - 1]!.seq;
      return enqueue(() => deliver(runId, first, last, events));
    },
    async ready() {
      await ensure();
    },
    close: connection.close,
  };
}

/** The connection of its own that LISTENs, made on first need, made again when it breaks. */
function listening(
  db: PgDb,
  onNotice: (msg: pg.Notification) => void,
): { ensure(): Promise<void>; close(): Promise<void> } {
  let conn: pg.Client | undefined;
  let connecting: Promise<void> | undefined;
  let closed = false;
  const listen = async (): Promise<void> => {
    const c = db.client();
    c.on('notification', onNotice);
    c.on('error', () => {
      // The next subscriber (or the retry below) connects again; a gap is read back.
      if (conn === c) conn = undefined;
      if (!closed) setTimeout(() => void ensure().catch(() => undefined), 500);
    });
    await c.connect();
    await c.query(`LISTEN ${CHANNEL}`);
    if (closed) await c.end();
    else conn = c;
  };
  const ensure = (): Promise<void> => {
    if (conn !== undefined || closed) return Promise.resolve();
    connecting ??= listen().finally(() => {
      connecting = undefined;
    });
    return connecting;
  };
  return {
    ensure,
    async close() {
      closed = true;
      await connecting?.catch(() => undefined);
      await conn?.end().catch(() => undefined);
      conn = undefined;
    },
  };
}
