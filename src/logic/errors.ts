import { UserError } from '../errors.js';
import type { SourceLocation } from '../errors.js';

/**
 * A mistake in a Datalog program or query: syntax, unsafe variable, arity mismatch,
 * negation through recursion. Carries file:line:col when the text had one and a hint.
 * Exit code 2, like every bad input. `code` names the mistake (docs/errors.md); text that
 * does not parse is `LOGIC_SYNTAX`.
 */
export class LogicError extends UserError {
  constructor(message: string, location?: SourceLocation, hint?: string, code = 'LOGIC_SYNTAX') {
    super(message, {
      code,
      ...(location === undefined ? {} : { location }),
      ...(hint === undefined ? {} : { hint }),
    });
    this.name = 'LogicError';
  }
}
