/**
 * Errors split by who is at fault. A `UserError` is the user's mistake (bad input,
 * bad configuration): the CLI prints its message, location and hint — never a stack
 * trace — and exits with its `exitCode` (2 by default).
 */

/** A position in a text the user wrote. Lines and columns start at 1. */
export interface SourceLocation {
  file?: string;
  line: number;
  col: number;
}

export interface UserErrorOptions {
  /**
   * A stable, documented identifier of the mistake (`PDDL_UNKNOWN_PREDICATE`), for scripts,
   * the server's error bodies and tests; messages may be reworded, codes may not.
   */
  code?: string;
  location?: SourceLocation;
  hint?: string;
  exitCode?: number;
  cause?: unknown;
}

export class UserError extends Error {
  readonly code: string;
  readonly location: SourceLocation | undefined;
  readonly hint: string | undefined;
  readonly exitCode: number;

  constructor(message: string, options: UserErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'UserError';
    this.code = options.code ?? 'USER_ERROR';
    this.location = options.location;
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? 2;
  }
}

/**
 * A failure of a store itself (a STORE_ code, see src/store/errors.ts): a run it stops is
 * interrupted, and can be resumed, rather than failed.
 */
export function isStoreError(err: unknown): boolean {
  return err instanceof UserError && err.code.startsWith('STORE_');
}

/** `file:line:col` (or `line:col` when the text has no file name). */
export function formatLocation(loc: SourceLocation): string {
  return `${loc.file ? `${loc.file}:` : ''}${loc.line}:${loc.col}`;
}

/**
 * The one-or-two-line form the CLI prints: `file:1:2: error[CODE]: message` then
 * `  hint: ...`. The code in brackets is stable (docs/errors.md); scripts may match it.
 */
export function formatUserError(err: UserError): string {
  const where = err.location ? `${formatLocation(err.location)}: ` : '';
  const hint = err.hint ? `\n  hint: ${err.hint}` : '';
  return `${where}error[${err.code}]: ${err.message}${hint}`;
}
