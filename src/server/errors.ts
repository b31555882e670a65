/**
 * HTTP errors as values. Every error leaves the server as JSON
 * `{ error: { code, message, ...details } }` with a matching status, so clients
 * (the web UI, curl, OpenAI SDKs) can show the message and act on the code.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { UserError } from '../errors.js';

/** Extra fields on an error body: the offending field, a source location, a hint. */
export type ErrorDetails = Record<string, unknown>;

export class HttpError extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: string;
  readonly details: ErrorDetails;

  constructor(
    status: ContentfulStatusCode,
    code: string,
    message: string,
    details: ErrorDetails = {},
  ) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export interface ErrorBody {
  error: { code: string; message: string } & ErrorDetails;
}

export function errorBody(code: string, message: string, details: ErrorDetails = {}): ErrorBody {
  return { error: { code, message, ...details } };
}

/** Turns any thrown value into the JSON error response; user mistakes never carry a stack. */
export function errorResponse(c: Context, err: unknown): Response {
  if (err instanceof HttpError)
    return c.json(errorBody(err.code, err.message, err.details), err.status);
  if (err instanceof UserError) {
    const details: ErrorDetails = {};
    if (err.location) details.location = err.location;
    if (err.hint) details.hint = err.hint;
    return c.json(errorBody('bad_input', err.message, details), 400);
  }
  // A bug on our side: log it for the operator, tell the client only that it happened.
  console.error('[atelier serve] internal error:', err);
  return c.json(errorBody('internal', 'internal server error'), 500);
}
