/**
 * Reading PDDL files from disk, with a user error (not a stack trace) when a file is missing,
 * is not a file (`/dev/zero` would be read forever), or is larger than any PDDL text we accept.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { UserError } from '../errors.js';
import type { Domain, PlanStep, Problem } from './ast.js';
import { parseDomain } from './domain.js';
import { parsePlan } from './plan.js';
import { parseProblem } from './problem.js';

/**
 * The largest PDDL file read: the largest IPC problem files are a few MB; a text this large
 * is a mistake (a wrong file), and reading it whole would exhaust memory before parsing.
 */
export const MAX_PDDL_BYTES = 64 * 1024 * 1024;

const mb = (n: number): string => `${Math.round(n / (1024 * 1024))} MB`;

function tooLarge(path: string, what: string, size: string, limit: number): UserError {
  return new UserError(`${what} file '${path}' is ${size}, over the ${mb(limit)} limit`, {
    code: 'PDDL_FILE_TOO_LARGE',
    hint: `check that '${path}' is the ${what} file you meant`,
  });
}

/** Reads a pipe (`<(gen)`, `/dev/stdin`) to its end, but never more than `limit` bytes. */
function readBounded(fd: number, path: string, what: string, limit: number): string {
  const chunks: Buffer[] = [];
  let total = 0;
  const buf = Buffer.allocUnsafe(1 << 16);
  for (;;) {
    const n = readSync(fd, buf, 0, buf.length, null);
    if (n === 0) break;
    total += n;
    if (total > limit) throw tooLarge(path, what, `more than ${mb(limit)}`, limit);
    chunks.push(Buffer.from(buf.subarray(0, n)));
  }
  return Buffer.concat(chunks).toString('utf8');
}

function cannotRead(path: string, what: string, err: unknown): UserError {
  const code = (err as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOENT'
      ? 'no such file'
      : code === 'EISDIR'
        ? 'it is a directory'
        : (err as Error).message;
  return new UserError(`cannot read ${what} file '${path}': ${why}`, {
    code: 'PDDL_FILE_UNREADABLE',
    hint: `check the path of the ${what} file`,
  });
}

/**
 * The text of a file the user named; UserError (exit 2) if it cannot be read, is a device,
 * a socket or a directory, or is over `limit` bytes. Pipes are read up to the limit.
 */
export function readUserFile(path: string, what: string, limit = MAX_PDDL_BYTES): string {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    throw cannotRead(path, what, err);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw cannotRead(path, what, { code: 'EISDIR' });
    if (st.isFIFO()) return readBounded(fd, path, what, limit);
    if (!st.isFile())
      throw new UserError(`${what} file '${path}' is not a regular file`, {
        code: 'PDDL_NOT_A_FILE',
        hint: `give the path of a PDDL ${what} file (devices and sockets are not read)`,
      });
    if (st.size > limit) throw tooLarge(path, what, mb(st.size), limit);
    return readBounded(fd, path, what, limit);
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw cannotRead(path, what, err);
  } finally {
    closeSync(fd);
  }
}

export function loadDomainFile(path: string): Domain {
  return parseDomain(readUserFile(path, 'domain'), path);
}

export function loadProblemFile(path: string, domain: Domain): Problem {
  return parseProblem(readUserFile(path, 'problem'), domain, path);
}

export function loadPlanFile(path: string): PlanStep[] {
  return parsePlan(readUserFile(path, 'plan'), path);
}
