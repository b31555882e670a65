/** A run's events as a server-sent event stream: the backlog after a seq, then live. */
import type { SSEStreamingApi } from 'hono/streaming';
import { readEvents, subscribe } from '../team/index.js';
import type { RunEvent, RunStore } from '../team/index.js';
import { KEEP_ALIVE_COMMENT } from './openai/sse.js';

/** How often a stream also checks the store, for runs driven by another process. */
const POLL_MS = 1_000;

/**
 * Sends the events after `after`, then live ones, in seq order without gaps or
 * repeats: live events arrive through `subscribe`; the store is read again whenever a
 * gap shows up and every POLL_MS (runs driven by another process).
 */
export async function followRun(
  stream: SSEStreamingApi,
  store: RunStore,
  runId: string,
  after: number,
  /** A `: keep-alive` comment goes out when nothing else was sent for this long. */
  keepAliveMs: number,
): Promise<void> {
  const pollMs = Math.min(POLL_MS, keepAliveMs);
  let last = after;
  let finished = false;
  let closed = false;
  let queue: RunEvent[] = [];
  let wake: (() => void) | undefined;
  const unsubscribe = subscribe(store, runId, (e) => {
    queue.push(e);
    wake?.();
  });
  stream.onAbort(() => {
    closed = true;
    wake?.();
  });
  const send = async (events: readonly RunEvent[]): Promise<void> => {
    for (const e of events) {
      if (e.seq <= last || closed) continue;
      if (e.seq > last + 1) {
        // Missed something (subscribed after it was written): fill the gap from the store.
        await send((await readEvents(store, runId, last)).filter((x) => x.seq < e.seq));
      }
      last = e.seq;
      await stream.writeSSE({ id: String(e.seq), data: JSON.stringify(e) });
      if (e.type === 'run.finished') finished = true;
    }
  };
  try {
    await send(await readEvents(store, runId, after));
    // Resumed at (or past) the end of a finished run: the backlog was empty or ended
    // before run.finished was re-sent, so say `end` now instead of waiting forever.
    if (!finished && queue.length === 0 && (await endedAt(store, runId, last))) finished = true;
    let idle = 0;
    while (!closed && !finished) {
      if (queue.length === 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, pollMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = undefined;
      }
      const batch = queue;
      queue = [];
      if (batch.length > 0) {
        idle = 0;
        await send(batch);
      } else if (!closed) {
        await send(await readEvents(store, runId, last));
        idle += pollMs;
        if (idle >= keepAliveMs) {
          idle = 0;
          await stream.write(KEEP_ALIVE_COMMENT);
        }
      }
    }
    if (finished && !closed) {
      const lastSeq = Math.min(last, (await store.getRun(runId))?.lastSeq ?? last);
      await stream.writeSSE({ event: 'end', data: JSON.stringify({ runId, lastSeq }) });
    }
  } finally {
    unsubscribe();
  }
}

/** True when the run's newest stored event is `run.finished` and its seq is at most `seq`. */
async function endedAt(store: RunStore, runId: string, seq: number): Promise<boolean> {
  const lastSeq = (await store.getRun(runId))?.lastSeq;
  if (lastSeq === undefined || lastSeq === 0 || lastSeq > seq) return false;
  const newest = (await readEvents(store, runId, lastSeq - 1))[0];
  return newest?.type === 'run.finished';
}
