/**
 * Why an answer failed, told to an OpenAI client: the status it would get from OpenAI (a
 * rate-limited model stays a 429 with Retry-After; a failing one is a 502), never the
 * upstream's URL or body — the operator finds those in the server log.
 */
import { GuardrailTripwireError, MaxTurnsExceededError, NoModelError } from '../../agents/index.js';
import { UserError } from '../../errors.js';
import { ModelBehaviorError, ModelConfigError, ModelError } from '../../models/index.js';
import { HttpError } from '../errors.js';

export interface FailureContext {
  /** The served model id, for the log. */
  target: string;
  kind: 'agent' | 'team';
  /** The request field a user mistake is about (`messages`, `input`). */
  param: string;
}

/** The HttpError to answer for a turn's failure; upstream details are logged, not sent. */
export function turnFailure(err: unknown, ctx: FailureContext): HttpError {
  if (err instanceof HttpError) return err;
  if (err instanceof ModelError) return upstreamFailure(err, ctx);
  if (err instanceof ModelConfigError || err instanceof NoModelError) {
    log(ctx, err);
    return new HttpError(
      502,
      'upstream_misconfigured',
      `the model behind ${ctx.target} is not configured correctly on this server`,
      {
        hint: 'the server operator can see the details in its log',
      },
      NO_CLIENT_RETRY,
    );
  }
  if (err instanceof ModelBehaviorError) {
    log(ctx, err);
    return new HttpError(
      500,
      'model_output_invalid',
      `the model behind ${ctx.target} gave an answer that does not fit the requested format`,
      {},
      NO_CLIENT_RETRY,
    );
  }
  if (err instanceof MaxTurnsExceededError)
    return new HttpError(
      500,
      'max_turns_exceeded',
      `${ctx.target}: ${err.message}`,
      {},
      NO_CLIENT_RETRY,
    );
  if (err instanceof GuardrailTripwireError)
    return new HttpError(400, 'guardrail_tripped', `${ctx.target}: ${err.message}`, {
      param: ctx.param,
    });
  if (err instanceof UserError) {
    const details: Record<string, unknown> = { param: ctx.param };
    if (err.location) details.location = { line: err.location.line, col: err.location.col };
    if (err.hint) details.hint = err.hint;
    const code =
      ctx.kind === 'team'
        ? 'invalid_goal'
        : err.code === 'USER_ERROR'
          ? 'invalid_request'
          : err.code;
    return new HttpError(400, code, err.message, details);
  }
  log(ctx, err);
  return new HttpError(500, 'internal', 'internal server error');
}

/**
 * The model client already retried (honouring the upstream's Retry-After): an automatic
 * client retry would run the whole agent loop, tools and all, again. OpenAI's clients
 * obey this header; Retry-After stays for the caller to decide. A retry that carries the
 * same Idempotency-Key gets this answer again without running anything.
 */
const NO_CLIENT_RETRY = { 'x-should-retry': 'false' };

function upstreamFailure(err: ModelError, ctx: FailureContext): HttpError {
  log(ctx, err);
  const said = err.status ? ` (it answered ${err.status})` : '';
  if (err.status === 429) {
    const seconds = Math.max(1, Math.ceil((err.retryAfterMs ?? 1000) / 1000));
    return new HttpError(
      429,
      'rate_limit_exceeded',
      `the model behind ${ctx.target} is rate limited${said}; retry after ${seconds} s`,
      {},
      { 'Retry-After': String(seconds), ...NO_CLIENT_RETRY },
    );
  }
  return new HttpError(
    err.status === undefined && /within|stalled/.test(err.message) ? 504 : 502,
    'upstream_error',
    `the model behind ${ctx.target} failed${said || ' to answer'}`,
    { hint: 'try again later; the server operator can see the details in its log' },
    NO_CLIENT_RETRY,
  );
}

function log(ctx: FailureContext, err: unknown): void {
  console.error(`[atelier serve] ${ctx.target} failed:`, err instanceof Error ? err.message : err);
}
