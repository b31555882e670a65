/** Reading PDDL files from disk, with a user error (not a stack trace) when a file is missing. */
import { readFileSync } from 'node:fs';
import { UserError } from '../errors.js';
import type { Domain, PlanStep, Problem } from './ast.js';
import { parseDomain } from './domain.js';
import { parsePlan } from './plan.js';
import { parseProblem } from './problem.js';

/** The text of a file the user named; UserError (exit 2) if it cannot be read. */
export function readUserFile(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a directory'
          : (err as Error).message;
    throw new UserError(`cannot read ${what} file '${path}': ${why}`, {
      code: 'PDDL_FILE_UNREADABLE',
      hint: `check the path of the ${what} file`,
    });
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
