import { closest } from '../spelling.js';
import { UserError } from '../errors.js';
import type { SourceLocation } from '../errors.js';

/**
 * A trajectory SAM cannot learn from: bad syntax, a name the vocabulary does not know, or
 * observations that break SAM's assumptions (see docs/learn.md). Names the file (line:col)
 * or the run and step; exit code 2. `code` is one of the LEARN_* codes of docs/learn.md.
 */
export class LearnError extends UserError {
  constructor(
    code: string,
    message: string,
    options: { location?: SourceLocation | undefined; hint?: string | undefined } = {},
  ) {
    super(message, {
      code,
      ...(options.location === undefined ? {} : { location: options.location }),
      ...(options.hint === undefined ? {} : { hint: options.hint }),
    });
    this.name = 'LearnError';
  }
}

/** "did you mean 'x'?" for a misspelt name, or undefined. */
export function didYouMean(word: string, names: Iterable<string>): string | undefined {
  const best = closest(word, names);
  return best === undefined ? undefined : `did you mean '${best}'?`;
}
