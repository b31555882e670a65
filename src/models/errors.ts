/**
 * Model errors, split by who is at fault (STYLE.md point 7):
 * - `ModelConfigError` (a `UserError`): the configuration is wrong — bad key, unknown
 *   model, nothing listening at the base URL. The CLI prints it without a stack trace.
 * - `ModelError`: the provider failed (5xx after retries, garbled reply, rate limit).
 * - `ModelBehaviorError`: the model answered, but not in a usable way (output that does
 *   not match the schema).
 */
import { UserError } from '../errors.js';

export interface ModelErrorOptions {
  endpoint?: string;
  status?: number;
  hint?: string;
  cause?: unknown;
  /** For a `ModelConfigError`: the stable code of the mistake (default `MODEL_CONFIG`). */
  code?: string;
}

export class ModelError extends Error {
  readonly endpoint: string | undefined;
  readonly status: number | undefined;
  readonly hint: string | undefined;
  constructor(message: string, options: ModelErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ModelError';
    this.endpoint = options.endpoint;
    this.status = options.status;
    this.hint = options.hint;
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
