/**
 * Between the team's typed events and the log's JSON: the kind's schema version is
 * stamped on the way in, and every event is parsed on the way out, so code that reads a
 * run works with typed data (`e.type` narrows `e.data`) and a log this build cannot read
 * is refused with the run and the event named.
 */
import { RunLogError } from '../errors.js';
import { EVENT_KINDS, RUN_EVENT_TYPES } from './events.js';
import type { RunEvent, RunEventBody, RunEventOf, RunEventType } from './events.js';
import type { LoggedEvent, NewEvent, RunLog } from './port.js';

/**
 * The log's form of an event: checked against its kind's schema (an event that could not
 * be read back is never written) and stamped with the kind's current version.
 */
export function toLoggedForm(body: RunEventBody): NewEvent {
  const kind = EVENT_KINDS[body.type];
  const checked = kind.data.safeParse(body.data);
  if (!checked.success)
    throw new Error(`${body.type} event does not match its schema: ${checked.error.message}`);
  return { type: body.type, v: kind.version, data: checked.data };
}

/** A stored event with the typed data it was written with. */
export function withData(raw: LoggedEvent, body: RunEventBody): RunEvent {
  // `body` is the event `raw` was written from: same kind, its data checked on the way in.
  return { ...raw, type: body.type, data: body.data } as RunEvent;
}

const isKind = (type: string): type is RunEventType => Object.hasOwn(EVENT_KINDS, type);

/** A logged event, parsed; a RunLogError when this build cannot read it. */
export function parseEvent(raw: LoggedEvent): RunEvent {
  if (!isKind(raw.type))
    throw new RunLogError(raw, 'this Atelier does not know this kind of event', {
      code: 'RUNLOG_UNKNOWN_EVENT',
      hint: `the run was written by a newer Atelier; known kinds: ${RUN_EVENT_TYPES.join(', ')}`,
    });
  const kind = EVENT_KINDS[raw.type];
  if (raw.v !== kind.version) {
    const newer = raw.v > kind.version;
    throw new RunLogError(
      raw,
      `schema version ${raw.v}; this Atelier reads ${raw.type} version ${kind.version}`,
      newer
        ? {
            code: 'RUNLOG_NEWER_EVENT',
            hint: 'the run was written by a newer Atelier: read it with that version',
          }
        : { code: 'RUNLOG_OLD_EVENT', hint: 'the run was written by an older Atelier' },
    );
  }
  const parsed = kind.data.safeParse(raw.data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.join('.');
    throw new RunLogError(
      raw,
      `data does not match version ${raw.v} of its schema: ${path === '' ? '' : `${path}: `}${issue.message}`,
      { code: 'RUNLOG_BAD_EVENT' },
    );
  }
  // The kind was checked above; the compiler cannot tie `type` to its parsed data.
  return { ...raw, type: raw.type, data: parsed.data } as RunEvent;
}

/** The first event of kind `type`, typed. */
export function findEvent<K extends RunEventType>(
  events: readonly RunEvent[],
  type: K,
): RunEventOf<K> | undefined {
  return events.find((e): e is RunEventOf<K> => e.type === type);
}

/** Events of a run after `afterSeq` (default: all), parsed. */
export async function readEvents(log: RunLog, runId: string, afterSeq = 0): Promise<RunEvent[]> {
  return (await log.read(runId, afterSeq)).map(parseEvent);
}

/**
 * Live events of a run (parsed) appended through this log; returns the unsubscribe
 * function. An event that cannot be parsed goes to `onError` (default: a process warning),
 * never back to the writer.
 */
export function subscribe(
  log: RunLog,
  runId: string,
  listener: (e: RunEvent) => void,
  onError: (err: RunLogError) => void = (err) => process.emitWarning(err.message),
): () => void {
  return log.subscribe(runId, (raw) => {
    let e: RunEvent;
    try {
      e = parseEvent(raw);
    } catch (err) {
      if (err instanceof RunLogError) return onError(err);
      throw err;
    }
    listener(e);
  });
}

/** The work products of a run (`work.product` events, kept apart by the log), parsed. */
export async function readProducts(
  log: RunLog,
  runId: string,
): Promise<RunEventOf<'work.product'>[]> {
  return (await log.products(runId)).flatMap((raw) => {
    const e = parseEvent(raw);
    return e.type === 'work.product' ? [e] : [];
  });
}
