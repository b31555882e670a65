/** How the CLI meets its process: a closed pipe ends it quietly, a user error becomes an exit code. */
import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UserError, formatUserError } from '../errors.js';
import { diskFull } from '../store/errors.js';

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

/**
 * Writes `text` to `path` through a temporary file and a rename: never a half-written or
 * empty file. A path that is a device or a pipe (`-o /dev/null`, `-o /dev/stdout`) is
 * written in place, never replaced by a file; a directory is refused. A full disk is
 * STORE_DISK_FULL (exit 75), any other failure one clear line with `code`.
 */
export function writeFileAtomically(
  path: string,
  text: string,
  what: string,
  code = 'CLI_OUTPUT_UNWRITABLE',
): void {
  const refuse = (reason: string, hint: string, cause?: unknown): UserError =>
    new UserError(`cannot write the ${what} to '${path}': ${reason}`, { code, hint, cause });
  const existing = statIfAny(path);
  if (existing?.isDirectory()) throw refuse('it is a directory', 'give a file name');
  if (existing !== undefined && !existing.isFile()) {
    try {
      writeFileSync(path, text);
      return;
    } catch (err) {
      throw refuse((err as Error).message, 'check that it can be written', err);
    }
  }
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    if ((err as NodeJS.ErrnoException).code === 'ENOSPC') throw diskFull(path, err);
    throw refuse((err as Error).message, 'check that the folder is writable', err);
  }
}

function statIfAny(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
