/**
 * Small helpers of the second pass (s-expressions -> AST): take a node of the expected
 * shape or throw a PddlError that says what was expected and where.
 */
import type { SourceLocation } from '../errors.js';
import type { TypedName } from './ast.js';
import { PddlError } from './errors.js';
import { describe } from './sexpr.js';
import type { SExpr, SList, SSymbol } from './sexpr.js';

export function expectList(e: SExpr | undefined, what: string, near: SourceLocation): SList {
  if (e === undefined) throw new PddlError(`expected ${what}, found the end of the list`, near);
  if (e.kind !== 'list') throw new PddlError(`expected ${what}, found ${describe(e)}`, e.loc);
  return e;
}

export function expectSymbol(e: SExpr | undefined, what: string, near: SourceLocation): SSymbol {
  if (e === undefined) throw new PddlError(`expected ${what}, found the end of the list`, near);
  if (e.kind !== 'symbol') throw new PddlError(`expected ${what}, found ${describe(e)}`, e.loc);
  return e;
}

/** The head keyword of a list, e.g. 'and' for `(and ...)`; undefined if the list is empty or starts with a list. */
export function head(list: SList): string | undefined {
  const first = list.items[0];
  return first !== undefined && first.kind === 'symbol' ? first.value : undefined;
}

/** Where the end of a list is roughly: its last item, or the list itself when empty. */
export function lastLoc(list: SList): SourceLocation {
  const last = list.items[list.items.length - 1];
  return last === undefined ? list.loc : last.loc;
}

export type NameKind = 'variable' | 'name';

/**
 * A typed list `a b - t c - (either u v) d`: names of the given kind, each with its
 * types (['object'] when untyped). `checkType` rejects undeclared types.
 */
export function readTypedList(
  items: SExpr[],
  kind: NameKind,
  checkType: (name: string, loc: SourceLocation) => void,
): TypedName[] {
  const out: TypedName[] = [];
  let pending: TypedName[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (item.kind === 'symbol' && item.value === '-') {
      if (pending.length === 0) {
        throw new PddlError(
          `'-' must follow at least one ${kind}`,
          item.loc,
          `write '${kind === 'variable' ? '?x' : 'a'} - type'`,
        );
      }
      const typeNode = items[++i];
      const types = readType(typeNode, item.loc, checkType);
      for (const p of pending) p.types = types;
      out.push(...pending);
      pending = [];
      continue;
    }
    const sym = expectSymbol(
      item,
      kind === 'variable' ? 'a variable such as ?x' : 'a name',
      item.loc,
    );
    checkName(sym, kind);
    pending.push({ name: sym.value, types: ['object'], loc: sym.loc });
  }
  out.push(...pending);
  return out;
}

/** `t` or `(either t u)` after a '-'. */
export function readType(
  node: SExpr | undefined,
  dashLoc: SourceLocation,
  checkType: (name: string, loc: SourceLocation) => void,
): string[] {
  if (node === undefined) throw new PddlError(`expected a type after '-'`, dashLoc);
  if (node.kind === 'symbol') {
    if (node.value === '-' || node.value.startsWith('?')) {
      throw new PddlError(`expected a type after '-', found '${node.value}'`, node.loc);
    }
    checkType(node.value, node.loc);
    return [node.value];
  }
  if (head(node) !== 'either' || node.items.length < 2) {
    throw new PddlError(`expected a type or (either type...), found ${describe(node)}`, node.loc);
  }
  return node.items.slice(1).map((t) => {
    const sym = expectSymbol(t, 'a type name', t.loc);
    checkType(sym.value, sym.loc);
    return sym.value;
  });
}

export function checkName(sym: SSymbol, kind: NameKind): void {
  if (kind === 'variable' && !sym.value.startsWith('?')) {
    throw new PddlError(`expected a variable (starting with '?'), found '${sym.value}'`, sym.loc);
  }
  if (kind === 'name' && (sym.value.startsWith('?') || sym.value.startsWith(':'))) {
    throw new PddlError(`expected a name, found '${sym.value}'`, sym.loc);
  }
  if (kind === 'variable' && sym.value.length < 2) {
    throw new PddlError(`expected a variable name after '?'`, sym.loc);
  }
}

/** A number literal, or undefined. */
export function numberOf(sym: SSymbol): number | undefined {
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/.test(sym.value)) return undefined;
  return Number(sym.value);
}
