import { UserError } from '../errors.js';
import type { SourceLocation } from '../errors.js';

/**
 * A mistake in a mission definition: which file, which field (a path such as
 * `agents[2].tools[0]`), and what was expected. Exit code 2.
 */
export class MissionError extends UserError {
  readonly file: string;
  readonly field: string | undefined;

  constructor(file: string, field: string | undefined, message: string, options: { hint?: string; line?: number; col?: number } = {}) {
    const location: SourceLocation | undefined = options.line === undefined ? undefined : { file, line: options.line, col: options.col ?? 1 };
    const where = location === undefined ? `${file}: ` : '';
    super(`${where}${field === undefined ? '' : `${field}: `}${message}`, {
      ...(location === undefined ? {} : { location }),
      ...(options.hint === undefined ? {} : { hint: options.hint }),
    });
    this.name = 'MissionError';
    this.file = file;
    this.field = field;
  }
}
