/**
 * Model errors, split by who is at fault (STYLE.md point 7):
 * - `ModelConfigError` (a `UserError`): the configuration is wrong — bad key, unknown
 *   model, nothing listening at the base URL. The CLI prints it without a stack trace.
 * - `ModelError`: the provider failed (5xx after retries, garbled reply, rate limit).
 * - `ModelBehaviorError`: the model answered, but not in a usable way (output that does
 *   not match the schema).
 * - `ModelRefusalError`: the model refused, or the provider's content filter stopped it.
 * - `ModelTruncatedError`: the answer was cut at the token limit (`finish_reason: length`).
 */
import { UserError } from '../errors.js';

export interface ModelErrorOptions {
  endpoint?: string;
  status?: number;
  hint?: string;
  cause?: unknown;
  /** How long the provider asked to wait before trying again (its Retry-After), in ms. */
  retryAfterMs?: number;
  /** For a `ModelConfigError`: the stable code of the mistake (default `MODEL_CONFIG`). */
  code?: string;
}

export class ModelError extends Error {
  readonly endpoint: string | undefined;
  readonly status: number | undefined;
  readonly hint: string | undefined;
  readonly retryAfterMs: number | undefined;
  constructor(message: string, options: ModelErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ModelError';
    this.endpoint = options.endpoint;
    this.status = options.status;
    this.hint = options.hint;
    this.retryAfterMs = options.retryAfterMs;
  }
}

export class ModelConfigError extends UserError {
  readonly endpoint: string | undefined;
  readonly status: number | undefined;
  constructor(message: string, options: ModelErrorOptions = {}) {
    super(message, {
      code: options.code ?? 'MODEL_CONFIG',
      ...(options.hint ? { hint: options.hint } : {}),
      cause: options.cause,
    });
    this.name = 'ModelConfigError';
    this.endpoint = options.endpoint;
    this.status = options.status;
  }
}

export class ModelBehaviorError extends Error {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ModelBehaviorError';
  }
}

/**
 * The model declined to answer (`reason: 'refusal'`, its words in `refusal`), or the
 * provider's content filter stopped the answer (`reason: 'content_filter'`). Either way
 * there is no answer to use: an empty or partial text is never passed off as one.
 */
export class ModelRefusalError extends Error {
  readonly reason: 'refusal' | 'content_filter';
  /** The model's refusal text (for `reason: 'refusal'`). */
  readonly refusal: string | undefined;
  /** Whatever text came before the filter stopped it. */
  readonly partialText: string | undefined;
  constructor(
    reason: 'refusal' | 'content_filter',
    options: { model?: string; refusal?: string; partialText?: string } = {},
  ) {
    const who = options.model ? `model ${options.model}` : 'the model';
    super(
      reason === 'refusal'
        ? `${who} refused to answer: ${options.refusal ?? '(no reason given)'}`
        : `the provider's content filter stopped the answer of ${who} (finish_reason: content_filter)`,
    );
    this.name = 'ModelRefusalError';
    this.reason = reason;
    this.refusal = options.refusal;
    this.partialText = options.partialText;
  }
}

/** The answer stopped at the token limit (`finish_reason: length`); `text` is what came. */
export class ModelTruncatedError extends Error {
  readonly text: string;
  constructor(text: string, options: { model?: string; agent?: string } = {}) {
    const who = options.agent
      ? `agent ${options.agent}`
      : options.model
        ? `model ${options.model}`
        : 'the model';
    super(
      `the answer of ${who} was cut at the token limit (finish_reason: length) after ${text.length} characters; raise maxTokens, or run with onLength: 'continue' or 'return'`,
    );
    this.name = 'ModelTruncatedError';
    this.text = text;
  }
}
