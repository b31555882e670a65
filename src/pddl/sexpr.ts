/**
 * The first pass of the PDDL parser: text -> s-expressions with line/column on every
 * node. A hand-written scanner over char codes (benchmark problems reach a few hundred
 * KB); symbols are lower-cased here because PDDL is case-insensitive.
 */
import type { SourceLocation } from '../errors.js';
import { PddlError } from './errors.js';

export interface SSymbol {
  kind: 'symbol';
  value: string;
  loc: SourceLocation;
}

export interface SList {
  kind: 'list';
  items: SExpr[];
  loc: SourceLocation;
}

export type SExpr = SSymbol | SList;

const OPEN = 40; // (
const CLOSE = 41; // )
const SEMI = 59; // ;
const NEWLINE = 10;
const MAX_DEPTH = 1000;

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11 || c === 0xfeff; // BOM too
}

/** Reads every top-level s-expression of `text`. Throws PddlError on unbalanced parentheses. */
export function readSExprs(text: string, file?: string): SExpr[] {
  const loc = (line: number, col: number): SourceLocation =>
    file === undefined ? { line, col } : { file, line, col };
  const top: SExpr[] = [];
  const stack: SList[] = [];
  let line = 1;
  let lineStart = 0;
  let suspect: { list: SList; line: number; col: number } | undefined;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === NEWLINE) {
      line++;
      i++;
      lineStart = i;
    } else if (isSpace(c)) {
      i++;
    } else if (c === SEMI) {
      while (i < n && text.charCodeAt(i) !== NEWLINE) i++;
    } else if (c === OPEN) {
      const list: SList = { kind: 'list', items: [], loc: loc(line, i - lineStart + 1) };
      // The AST passes recurse on nesting; a runaway depth must be a user error, not a stack overflow.
      if (stack.length >= MAX_DEPTH)
        throw new PddlError(
          `parentheses nested deeper than ${MAX_DEPTH}`,
          list.loc,
          undefined,
          'PDDL_TOO_DEEP',
        );
      (stack.length > 0 ? stack[stack.length - 1]!.items : top).push(list);
      stack.push(list);
      i++;
    } else if (c === CLOSE) {
      if (stack.length === 0) {
        throw new PddlError(
          `unexpected ')'`,
          loc(line, i - lineStart + 1),
          'this parenthesis closes nothing: remove it or add the missing "("',
          'PDDL_UNBALANCED_PARENS',
        );
      }
      const closed = stack.pop()!;
      const col = i - lineStart + 1;
      // A ')' alone at the start of a line, left of the '(' it closes, was probably meant
      // for an outer list: remember the first one to blame if the file ends unbalanced.
      if (
        suspect === undefined &&
        closed.loc.line !== line &&
        col < closed.loc.col &&
        text.slice(lineStart, i).trim() === ''
      ) {
        suspect = { list: closed, line, col };
      }
      i++;
    } else {
      const start = i;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (isSpace(d) || d === OPEN || d === CLOSE || d === SEMI) break;
        i++;
      }
      const sym: SSymbol = {
        kind: 'symbol',
        value: text.slice(start, i).toLowerCase(),
        loc: loc(line, start - lineStart + 1),
      };
      (stack.length > 0 ? stack[stack.length - 1]!.items : top).push(sym);
    }
  }
  if (stack.length > 0) {
    const misplaced = findNestedSection(stack[0]!, 0);
    if (misplaced !== undefined) {
      const at = misplaced.section.loc;
      throw new PddlError(
        `unbalanced parentheses: '(' is never closed`,
        misplaced.container.loc,
        `a ')' is probably missing before line ${at.line}, column ${at.col}, where '${misplaced.name}' starts inside it`,
        'PDDL_UNBALANCED_PARENS',
      );
    }
    if (suspect !== undefined) {
      throw new PddlError(
        `unbalanced parentheses: '(' is never closed`,
        suspect.list.loc,
        `the ')' at line ${suspect.line}, column ${suspect.col} is indented like the end of an outer list; a ')' is probably missing before it`,
        'PDDL_UNBALANCED_PARENS',
      );
    }
    const open = stack[stack.length - 1]!;
    throw new PddlError(
      `unbalanced parentheses: '(' is never closed`,
      open.loc,
      `expected ${stack.length} more ')' before the end of the file (line ${line})`,
      'PDDL_UNBALANCED_PARENS',
    );
  }
  return top;
}

const SECTIONS = new Set([
  ':requirements',
  ':types',
  ':constants',
  ':predicates',
  ':functions',
  ':action',
  ':derived',
  ':durative-action',
  ':domain',
  ':objects',
  ':init',
  ':goal',
  ':metric',
]);

/**
 * With a ')' missing, the next section ends up inside the one before it. Finding the
 * first section nested below the top level points at the list that was not closed.
 */
function findNestedSection(
  list: SList,
  depth: number,
): { container: SList; section: SList; name: string } | undefined {
  for (const item of list.items) {
    if (item.kind !== 'list') continue;
    const first = item.items[0];
    if (depth >= 1 && first?.kind === 'symbol' && SECTIONS.has(first.value)) {
      return { container: list, section: item, name: first.value };
    }
    const found = findNestedSection(item, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** `(a (b c))` -> the PDDL text, for messages. */
export function showSExpr(e: SExpr): string {
  return e.kind === 'symbol' ? e.value : `(${e.items.map(showSExpr).join(' ')})`;
}

/** A short description of a node for "expected X, found Y" messages. */
export function describe(e: SExpr | undefined): string {
  if (e === undefined) return 'nothing';
  if (e.kind === 'symbol') return `'${e.value}'`;
  const text = showSExpr(e);
  return text.length > 40 ? `'${text.slice(0, 37)}...'` : `'${text}'`;
}
