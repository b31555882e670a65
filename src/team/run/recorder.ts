/**
 * The typed `emit` of a run: events are checked against their kind's schema, appended
 * to the log in the order they were emitted (each call one transaction, even when steps
 * running in parallel emit at once and the log is a remote database), then handed to
 * the caller's `onEvent`.
 */
import { toLoggedForm, withData } from '../log/codec.js';
import type { RunEvent, RunEventBody } from '../log/events.js';
import type { RunLease, RunLog } from '../log/port.js';

export interface Recorder {
  /** Appends the events in one transaction and returns them as stored. */
  emit(...events: RunEventBody[]): Promise<RunEvent[]>;
}

export function recorder(
  log: RunLog,
  runId: string,
  onEvent?: (e: RunEvent) => void,
  lease?: RunLease,
): Recorder {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    emit(...events) {
      const rows = events.map(toLoggedForm);
      const written = tail.then(() =>
        log.append(runId, rows, lease === undefined ? {} : { lease }),
      );
      tail = written.catch(() => undefined);
      return written.then((stored) => {
        const out = stored.map((raw, i) => withData(raw, events[i]!));
        for (const e of out) onEvent?.(e);
        return out;
      });
    },
  };
}
