import { UserError } from '../errors.js';
import type { SourceLocation } from '../errors.js';

/**
 * A mistake in a mission definition: which file, which field (a path such as
 * `agents[2].tools[0]`), and what was expected. Exit code 2.
 */
export class MissionError extends UserError {
  readonly file: string;
  readonly field: string | undefined;

  constructor(
    file: string,
    field: string | undefined,
    message: string,
    options: { hint?: string; line?: number; col?: number; code?: string } = {},
  ) {
    const location: SourceLocation | undefined =
      options.line === undefined ? undefined : { file, line: options.line, col: options.col ?? 1 };
    const where = location === undefined ? `${file}: ` : '';
    super(`${where}${field === undefined ? '' : `${field}: `}${message}`, {
      code: options.code ?? 'MISSION_INVALID',
      ...(location === undefined ? {} : { location }),
      ...(options.hint === undefined ? {} : { hint: options.hint }),
    });
    this.name = 'MissionError';
    this.file = file;
    this.field = field;
  }
}

/**
 * A goal that does not fit the mission (unknown predicate or object, wrong arity, bad
 * syntax). The message carries one `goal: ` prefix whoever asked (CLI, API, model);
 * `detail` is the message without it, `offset` the character of the goal text at fault.
 */
export class GoalError extends UserError {
  readonly field = 'goal';
  readonly detail: string;
  readonly offset: number | undefined;

  constructor(detail: string, options: { hint?: string; offset?: number; code?: string } = {}) {
    super(`goal: ${detail}`, {
      code: options.code ?? 'GOAL_INVALID',
      ...(options.hint === undefined ? {} : { hint: options.hint }),
    });
    this.name = 'GoalError';
    this.detail = detail;
    this.offset = options.offset;
  }
}

/**
 * An event of a run's log that this build cannot read: a kind it does not know, a schema
 * version other than the one it reads, or data that does not match the kind's schema.
 * The message names the run and the event (seq and kind).
 */
export class RunLogError extends UserError {
  readonly runId: string;
  readonly seq: number;
  readonly eventType: string;

  constructor(
    event: { runId: string; seq: number; type: string },
    detail: string,
    options: { code: string; hint?: string },
  ) {
    super(`run ${event.runId}: event ${event.seq} (${event.type}): ${detail}`, options);
    this.name = 'RunLogError';
    this.runId = event.runId;
    this.seq = event.seq;
    this.eventType = event.type;
  }
}
