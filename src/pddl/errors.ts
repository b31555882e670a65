import { UserError } from '../errors.js';
import type { SourceLocation } from '../errors.js';

/**
 * A mistake in a PDDL text (domain, problem or plan): syntax or meaning. Always carries
 * where it happened (file:line:col) and, when it helps, what was expected (`hint`).
 * Exit code 2, like every bad input.
 */
export class PddlError extends UserError {
  override readonly location: SourceLocation;

  constructor(message: string, location: SourceLocation, hint?: string) {
    super(message, hint === undefined ? { location } : { location, hint });
    this.name = 'PddlError';
    this.location = location;
  }
}
