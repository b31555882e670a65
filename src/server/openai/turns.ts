/**
 * One answer of a chat target, recorded as it is produced, apart from the HTTP request
 * that asked for it: several requests may follow it (a client retrying with the same
 * `Idempotency-Key` attaches to the answer already under way instead of starting
 * another run), and a stream can wait for it while sending keep-alive comments.
 */
import { createHash } from 'node:crypto';
import type { Message } from '../../models/index.js';
import type { ChatChunk, ChatOptions, ChatTarget } from '../chat-targets.js';
import { HttpError } from '../errors.js';

type Done = Extract<ChatChunk, { type: 'done' }>;

export interface Turn {
  /** The completion or response id, the same for every request attached to this turn. */
  readonly id: string;
  /** Unix seconds. */
  readonly created: number;
  /** Text pieces so far. */
  readonly pieces: readonly string[];
  /** Set when the answer is complete. */
  readonly done: Done | undefined;
  /** Set when the answer failed. */
  readonly error: unknown;
  readonly finished: boolean;
  /** Resolves once there are more than `seen` pieces, or the turn finished. */
  changed(seen: number): Promise<void>;
  /**
   * A request follows this turn until its signal aborts. When nobody follows any more,
   * the work stops: at once, or after `graceMs` for a turn that a retry may rejoin.
   */
  attach(signal: AbortSignal): void;
}

export interface StartTurn {
  id: string;
  target: ChatTarget;
  messages: readonly Message[];
  options: ChatOptions;
  /** How long the work goes on with nobody attached (0: stop at once). */
  graceMs: number;
  /** Stops the work (server shutdown). */
  signal?: AbortSignal | undefined;
  /** Called once when the turn ends, with its outcome. */
  onFinish?: (turn: Turn) => void;
}

export function startTurn(start: StartTurn): Turn {
  const abort = new AbortController();
  // The server's stop signal reaches the work; the listener goes when the turn ends.
  const stop = (): void => abort.abort(start.signal?.reason);
  if (start.signal?.aborted) stop();
  else start.signal?.addEventListener('abort', stop, { once: true });
  const pieces: string[] = [];
  let waiters: Array<() => void> = [];
  let attached = 0;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  const wake = (): void => {
    const w = waiters;
    waiters = [];
    for (const f of w) f();
  };
  const turn = {
    id: start.id,
    created: Math.floor(Date.now() / 1000),
    pieces,
    done: undefined as Done | undefined,
    error: undefined as unknown,
    finished: false,
    changed(seen: number): Promise<void> {
      if (pieces.length > seen || turn.finished) return Promise.resolve();
      return new Promise<void>((resolve) => waiters.push(resolve));
    },
    attach(signal: AbortSignal): void {
      attached++;
      clearTimeout(idleTimer);
      const detach = (): void => {
        attached--;
        if (attached > 0 || turn.finished) return;
        if (start.graceMs <= 0) abort.abort(new Error('the client went away'));
        else
          idleTimer = setTimeout(
            () => abort.abort(new Error('the client went away')),
            start.graceMs,
          ).unref();
      };
      if (signal.aborted) detach();
      else signal.addEventListener('abort', detach, { once: true });
    },
  };
  void (async () => {
    try {
      for await (const chunk of start.target.chat(start.messages, abort.signal, start.options)) {
        if (chunk.type === 'text') pieces.push(chunk.text);
        else turn.done = chunk;
        wake();
      }
      if (!turn.done) turn.done = { type: 'done', text: pieces.join('') };
    } catch (err) {
      turn.error = err;
    } finally {
      turn.finished = true;
      clearTimeout(idleTimer);
      start.signal?.removeEventListener('abort', stop);
      wake();
      start.onFinish?.(turn);
    }
  })();
  return turn;
}

/** A fingerprint of a request body: a key reused with another body is a mistake. */
export function fingerprint(body: unknown): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('base64url');
}

/**
 * Turns by `Idempotency-Key`: kept while they run and `ttlMs` after they end (the openai
 * client keeps the key across its retries), at most `max` of them (oldest ended first).
 */
export interface TurnCache {
  /** The turn started for this key, or undefined; a key reused with another body is a 409. */
  find(key: string, print: string): Turn | undefined;
  remember(key: string, print: string, turn: Turn): void;
}

export function turnCache(ttlMs: number, max = 1000): TurnCache {
  const entries = new Map<string, { print: string; turn: Turn; endedAt?: number }>();
  const sweep = (): void => {
    const now = Date.now();
    for (const [key, e] of entries) {
      if (e.turn.finished && e.endedAt === undefined) e.endedAt = now;
      if (e.endedAt !== undefined && now - e.endedAt > ttlMs) entries.delete(key);
    }
    for (const [key, e] of entries) {
      if (entries.size <= max) break;
      if (e.turn.finished) entries.delete(key);
    }
  };
  return {
    find(key, print) {
      sweep();
      const hit = entries.get(key);
      if (!hit) return undefined;
      if (hit.print !== print)
        throw new HttpError(
          409,
          'idempotency_key_reused',
          'this Idempotency-Key was used for a different request',
          { param: 'Idempotency-Key', hint: 'send a new key for a new request' },
        );
      return hit.turn;
    },
    remember(key, print, turn) {
      sweep();
      entries.set(key, { print, turn });
    },
  };
}
