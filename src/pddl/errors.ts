import { UserError } from '../errors.js';
import type { SourceLocation } from '../errors.js';

/**
 * A mistake in a PDDL text (domain, problem or plan): syntax or meaning. Always carries
 * where it happened (file:line:col) and, when it helps, what was expected (`hint`).
 * Exit code 2, like every bad input. `code` names the mistake (docs/errors.md); text that
 * does not have the expected shape is `PDDL_SYNTAX`.
 */
export class PddlError extends UserError {
  override readonly location: SourceLocation;

  constructor(message: string, location: SourceLocation, hint?: string, code = 'PDDL_SYNTAX') {
    super(message, hint === undefined ? { location, code } : { location, hint, code });
    this.name = 'PddlError';
    this.location = location;
  }
}
