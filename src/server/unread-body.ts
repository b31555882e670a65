/**
 * Keeps a keep-alive connection usable when a response is sent before its request body was
 * read (a 413 from the body limit, a 401, a 404 for a POST): the rest of the body is read
 * and dropped before the response leaves, up to `DISCARD_LIMIT` bytes; a body larger than
 * that, or one already read in part, is not read further and the response says
 * `Connection: close`, so the client opens a new connection instead of reusing this one.
 *
 * Why: @hono/node-server (2.1) drains such a body itself after the response, and ends the
 * socket if that drain has not seen the body's end 500 ms later. In that path it never
 * does, even for a body received in full: the Request's lazy body stream has already
 * started reading the Node stream and pauses it again (backpressure, nobody reads the
 * Request's stream), undoing the drain's resume(). The response had said keep-alive, so a
 * client that sent its next request on that connection meanwhile got "fetch failed"
 * (other side closed): the flaky "plans in a worker" test, whose request followed a 413.
 */
import type { IncomingMessage } from 'node:http';
import type { MiddlewareHandler } from 'hono';

/** Largest unread rest of a body that is read and dropped to keep the connection. */
export const DISCARD_LIMIT = 8 * 1024 * 1024;

export function finishUnreadBodies(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
    // Outside Node's server (app.fetch in tests) or a request whose body was read: nothing to do.
    if (!incoming || incoming.complete || incoming.destroyed) return;
    const declared = Number(incoming.headers['content-length']);
    const untouched = !c.req.raw.bodyUsed;
    if (untouched && Number.isSafeInteger(declared) && declared <= DISCARD_LIMIT) {
      if (await discard(c.req.raw, incoming)) return;
    }
    markClosing(c.res);
  };
}

/**
 * Reads the request's body to its end, dropping the bytes; false if it could not. Read
 * through the Request's own stream: the Node stream under it is piped into that one, which
 * pauses it again when nobody reads it (which is also why the adapter's drain stalls).
 */
async function discard(request: Request, incoming: IncomingMessage): Promise<boolean> {
  const body = request.body;
  if (!body || body.locked) return false;
  const reader = body.getReader();
  try {
    while (!(await reader.read()).done);
  } catch {
    return false;
  } finally {
    reader.releaseLock();
  }
  return incoming.complete;
}

function markClosing(res: Response): void {
  try {
    res.headers.set('connection', 'close');
  } catch {
    // Immutable headers (a proxied response): Node still closes after an unfinished body.
  }
}
