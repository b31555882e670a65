/**
 * Streaming a turn as server-sent events: the status is decided while nothing is sent
 * yet (a failure before the first piece of text keeps its HTTP status), then pieces as
 * they come, with `: keep-alive` comments whenever nothing else was sent for an interval,
 * so clients and proxies never drop a stream that waits (a team waiting for approval).
 */
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { SSEStreamingApi } from 'hono/streaming';
import type { HttpError } from '../errors.js';
import type { Turn } from './turns.js';

/** What a protocol (chat completions, Responses) sends for each stage of a turn. */
export interface TurnWriter {
  start(stream: SSEStreamingApi): Promise<void>;
  piece(stream: SSEStreamingApi, text: string): Promise<void>;
  end(stream: SSEStreamingApi, done: NonNullable<Turn['done']>): Promise<void>;
  fail(stream: SSEStreamingApi, error: HttpError): Promise<void>;
}

export const KEEP_ALIVE_COMMENT = ': keep-alive\n\n';

/** Waits for `until`, writing a keep-alive comment every `intervalMs` meanwhile. */
export async function keepAliveUntil(
  stream: SSEStreamingApi,
  until: Promise<void>,
  intervalMs: number,
): Promise<void> {
  let settled = false;
  const done = until.then(() => {
    settled = true;
  });
  while (!settled && !stream.aborted) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([done, new Promise<void>((r) => (timer = setTimeout(r, intervalMs)))]);
    clearTimeout(timer);
    if (!settled && !stream.aborted) await stream.write(KEEP_ALIVE_COMMENT);
  }
}

/** Resolves when the turn has its first piece or ended, or after `ms`. */
function firstPieceOrTimeout(turn: Turn, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    turn.changed(0),
    new Promise<void>((r) => (timer = setTimeout(r, ms))),
  ]).finally(() => clearTimeout(timer));
}

export async function streamTurn(
  c: Context,
  turn: Turn,
  options: { keepAliveMs: number; failure(err: unknown): HttpError },
  writer: TurnWriter,
): Promise<Response> {
  await firstPieceOrTimeout(turn, options.keepAliveMs);
  if (turn.error !== undefined && turn.pieces.length === 0) throw options.failure(turn.error);
  return streamSSE(c, async (stream) => {
    await writer.start(stream);
    let seen = 0;
    for (;;) {
      while (seen < turn.pieces.length && !stream.aborted)
        await writer.piece(stream, turn.pieces[seen++]!);
      if (stream.aborted) return;
      if (turn.finished && seen >= turn.pieces.length) break;
      await keepAliveUntil(stream, turn.changed(seen), options.keepAliveMs);
    }
    if (turn.error !== undefined) await writer.fail(stream, options.failure(turn.error));
    else await writer.end(stream, turn.done!);
  });
}

/** Waits for the whole answer of a non-streamed request; its failure is thrown. */
export async function wholeTurn(turn: Turn, failure: (err: unknown) => HttpError): Promise<void> {
  while (!turn.finished) await turn.changed(turn.pieces.length);
  if (turn.error !== undefined) throw failure(turn.error);
}
