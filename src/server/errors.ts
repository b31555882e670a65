/**
 * HTTP errors as values. Every error leaves the server as OpenAI's error shape,
 * `{ error: { message, type, param, code, ...details } }`, with a matching status, so
 * clients (the web UI, curl, the OpenAI SDKs) can show the message, find the offending
 * field in `param` and act on `code`. Details add a source location, a hint, all issues.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { UserError } from '../errors.js';

/** Extra fields on an error body: `param` (the offending field), a location, a hint. */
export type ErrorDetails = Record<string, unknown>;

/** OpenAI's error `type` for a status: what kind of mistake, whose fault. */
export function errorType(status: number): string {
  if (status === 429) return 'rate_limit_error';
  if (status === 401) return 'invalid_request_error';
  if (status === 403) return 'permission_error';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}

export class HttpError extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: string;
  readonly details: ErrorDetails;
  /** Extra response headers (`Retry-After`, `WWW-Authenticate`). */
  readonly headers: Record<string, string>;

  constructor(
    status: ContentfulStatusCode,
    code: string,
    message: string,
    details: ErrorDetails = {},
    headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.headers = headers;
  }
}

export interface ErrorBody {
  error: { message: string; type: string; param: string | null; code: string } & ErrorDetails;
}

/**
 * The error body. `param` names the offending field (null when none); `type` defaults to
 * OpenAI's type for the status.
 */
export function errorBody(
  code: string,
  message: string,
  details: ErrorDetails = {},
  status = 400,
): ErrorBody {
  const { param, type, ...rest } = details;
  return {
    error: {
      message,
      type: typeof type === 'string' ? type : errorType(status),
      param: typeof param === 'string' ? param : null,
      code,
      ...rest,
    },
  };
}

/** The error body and status of any thrown value; a bug is logged and told as a bare 500. */
export function describeError(err: unknown): {
  status: ContentfulStatusCode;
  body: ErrorBody;
  headers: Record<string, string>;
} {
  if (err instanceof HttpError)
    return {
      status: err.status,
      body: errorBody(err.code, err.message, err.details, err.status),
      headers: err.headers,
    };
  if (err instanceof UserError) {
    const details: ErrorDetails = {};
    if (err.location) details.location = err.location;
    if (err.hint) details.hint = err.hint;
    const code = err.code === 'USER_ERROR' ? 'bad_input' : err.code;
    return { status: 400, body: errorBody(code, err.message, details), headers: {} };
  }
  // A bug on our side: log it for the operator, tell the client only that it happened.
  console.error('[atelier serve] internal error:', err);
  return {
    status: 500,
    body: errorBody('internal', 'internal server error', {}, 500),
    headers: {},
  };
}

/** Turns any thrown value into the JSON error response; user mistakes never carry a stack. */
export function errorResponse(c: Context, err: unknown): Response {
  const { status, body, headers } = describeError(err);
  for (const [k, v] of Object.entries(headers)) c.header(k, v);
  return c.json(body, status);
}
