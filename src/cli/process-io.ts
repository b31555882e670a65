/** How the CLI meets its process: a closed pipe ends it quietly, a user error becomes an exit code. */
import { UserError, formatUserError } from '../errors.js';

let guarded = false;

/**
 * A reader that stops early (`atelier show RUN | head`) closes the pipe: stop quietly
 * rather than crash on EPIPE. Other stream errors are real and still surface.
 */
export function endQuietlyOnClosedPipe(): void {
  if (guarded) return;
  guarded = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
      process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    });
  }
}

/** Prints a user error (message, location, hint; no stack) and sets its exit code; rethrows anything else. */
export function reportUserError(err: unknown): void {
  if (!(err instanceof UserError)) throw err;
  process.stderr.write(`${formatUserError(err)}\n`);
  process.exitCode = err.exitCode;
}
