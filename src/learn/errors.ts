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

/** Edit distance, bounded: anything above `max` is reported as max + 1. */
function distance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(
        prev[j]! + 1,
        cur[j - 1]! + 1,
        prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    prev = cur;
  }
  return prev[b.length]!;
}

/** "did you mean 'x'?" for a misspelt name, or undefined. */
export function didYouMean(word: string, names: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = 3;
  for (const n of names) {
    const d = n === word ? 3 : distance(word, n);
    if (d < bestD) {
      best = n;
      bestD = d;
    }
  }
  return best === undefined ? undefined : `did you mean '${best}'?`;
}
