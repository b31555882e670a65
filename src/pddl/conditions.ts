/**
 * Conditions (preconditions, goals, derived bodies) and effects, checked against what
 * is declared: predicates and their arity, variables in scope, constants/objects,
 * types of quantified variables. Numeric fluents beyond action costs are rejected.
 */
import type { SourceLocation } from '../errors.js';
import type {
  Atom,
  Condition,
  Effect,
  FunctionDecl,
  FunctionTerm,
  NumericExpr,
  PredicateDecl,
  TypedName,
} from './ast.js';
import { PddlError } from './errors.js';
import { expectList, expectSymbol, head, lastLoc, numberOf, readTypedList } from './read.js';
import { describe } from './sexpr.js';
import type { SExpr, SList } from './sexpr.js';

/** What a condition or effect may refer to. */
export interface Scope {
  predicates: Map<string, PredicateDecl>;
  functions: Map<string, FunctionDecl>;
  /** Constants (in a domain) or objects and constants (in a problem). */
  isObject(name: string): boolean;
  /** 'constant' in a domain, 'object' in a problem: for messages. */
  objectWord: string;
  checkType(name: string, loc: SourceLocation): void;
  /** Variables in scope (action parameters, quantified variables). */
  vars: Set<string>;
  /** Whether a constant/object belongs to one of `types`; omitted: no type check. */
  isOfType?(name: string, types: readonly string[]): boolean;
}

const NUMERIC_COMPARISONS = new Set(['<', '>', '<=', '>=']);
const NUMERIC_EFFECTS = new Set(['decrease', 'assign', 'scale-up', 'scale-down']);

function withVars(scope: Scope, params: TypedName[]): Scope {
  const vars = new Set(scope.vars);
  for (const p of params) vars.add(p.name);
  return { ...scope, vars };
}

function readQuantified(
  list: SList,
  scope: Scope,
  what: string,
): { params: TypedName[]; inner: Scope; body: SExpr } {
  const kw = head(list)!;
  const paramList = expectList(list.items[1], `a list of variables after '${kw}'`, lastLoc(list));
  const params = readTypedList(paramList.items, 'variable', scope.checkType);
  const body = list.items[2];
  if (body === undefined)
    throw new PddlError(`expected ${what} after the variables of '${kw}'`, lastLoc(list));
  if (list.items.length > 3)
    throw new PddlError(
      `'${kw}' takes variables and one ${what}; found extra ${describe(list.items[3])}`,
      list.items[3]!.loc,
    );
  return { params, inner: withVars(scope, params), body };
}

/** Reads one argument of an atom: a variable in scope or a known constant/object. */
function readTerm(e: SExpr, scope: Scope): string {
  const sym = expectSymbol(e, 'a variable or an object', e.loc);
  if (sym.value.startsWith('?')) {
    if (!scope.vars.has(sym.value)) {
      throw new PddlError(
        `undeclared variable '${sym.value}'`,
        sym.loc,
        'declare it in :parameters or in a forall/exists',
        'PDDL_UNDECLARED_VARIABLE',
      );
    }
  } else if (!scope.isObject(sym.value)) {
    throw new PddlError(
      `undeclared ${scope.objectWord} '${sym.value}'`,
      sym.loc,
      `declare it in ${scope.objectWord === 'constant' ? ':constants' : ':objects (or :constants in the domain)'}`,
      'PDDL_UNDECLARED_OBJECT',
    );
  }
  return sym.value;
}

/** `(pred arg...)` checked against the declared predicates; `=` is built in with two arguments. */
export function readAtom(list: SList, scope: Scope): Atom {
  const first = expectSymbol(list.items[0], 'a predicate name', list.loc);
  const name = first.value;
  const args = list.items.slice(1).map((e) => readTerm(e, scope));
  if (name === '=') {
    if (args.length !== 2)
      throw new PddlError(
        `'=' takes 2 arguments, found ${args.length}`,
        list.loc,
        undefined,
        'PDDL_ARITY',
      );
    return { predicate: '=', args, loc: list.loc };
  }
  const decl = scope.predicates.get(name);
  if (decl === undefined) {
    throw new PddlError(
      `unknown predicate '${name}'`,
      first.loc,
      "declare it in the domain's :predicates",
      'PDDL_UNKNOWN_PREDICATE',
    );
  }
  if (decl.params.length !== args.length) {
    throw new PddlError(
      `predicate '${name}' takes ${decl.params.length} argument${decl.params.length === 1 ? '' : 's'}, found ${args.length}`,
      list.loc,
      `declared as (${[name, ...decl.params.map((p) => p.name)].join(' ')})`,
      'PDDL_ARITY',
    );
  }
  if (scope.isOfType !== undefined) {
    for (let i = 0; i < args.length; i++) {
      const arg = args[i]!;
      const expected = decl.params[i]!.types;
      if (!arg.startsWith('?') && !scope.isOfType(arg, expected)) {
        throw new PddlError(
          `${scope.objectWord} '${arg}' is not of type ${expected.join(' or ')}, as predicate '${name}' expects for ${decl.params[i]!.name}`,
          list.items[i + 1]!.loc,
          `check the type of '${arg}' where it is declared`,
          'PDDL_TYPE_MISMATCH',
        );
      }
    }
  }
  return { predicate: name, args, loc: list.loc };
}

/** `(and (p) :effect (q))`: a keyword where a condition belongs means a ')' was forgotten. */
function missingParenBefore(e: SExpr, what: string): void {
  if (e.kind === 'symbol' && e.value.startsWith(':')) {
    throw new PddlError(
      `expected ${what}, found '${e.value}'`,
      e.loc,
      `a ')' is probably missing before '${e.value}'`,
    );
  }
}

/** A goal description: and/or/not/imply/exists/forall/atoms. */
export function readCondition(e: SExpr, scope: Scope): Condition {
  missingParenBefore(e, 'a condition');
  const list = expectList(e, 'a condition such as (pred ?x) or (and ...)', e.loc);
  const kw = head(list);
  switch (kw) {
    case undefined:
      if (list.items.length === 0) return { kind: 'and', args: [] };
      throw new PddlError(`expected a condition, found ${describe(list)}`, list.loc);
    case 'and':
    case 'or':
      return { kind: kw, args: list.items.slice(1).map((c) => readCondition(c, scope)) };
    case 'not': {
      if (list.items.length !== 2)
        throw new PddlError(`'not' takes exactly one condition`, list.loc);
      return { kind: 'not', arg: readCondition(list.items[1]!, scope) };
    }
    case 'imply': {
      if (list.items.length !== 3)
        throw new PddlError(`'imply' takes exactly two conditions`, list.loc);
      return {
        kind: 'imply',
        if: readCondition(list.items[1]!, scope),
        then: readCondition(list.items[2]!, scope),
      };
    }
    case 'exists':
    case 'forall': {
      const q = readQuantified(list, scope, 'condition');
      return { kind: kw, params: q.params, body: readCondition(q.body, q.inner) };
    }
    default:
      if (
        NUMERIC_COMPARISONS.has(kw) ||
        (kw === '=' && list.items.some((x) => x.kind === 'list'))
      ) {
        throw new PddlError(
          `numeric condition '${kw}' is not supported`,
          list.loc,
          'only action costs (:action-costs) are supported, not numeric fluents',
          'PDDL_UNSUPPORTED',
        );
      }
      if (kw.startsWith(':'))
        throw new PddlError(
          `expected a condition, found '${kw}'`,
          list.loc,
          'a closing parenthesis may be missing before it',
        );
      return { kind: 'atom', atom: readAtom(list, scope) };
  }
}

function readFunctionTerm(e: SExpr, scope: Scope): FunctionTerm {
  const list = expectList(e, 'a function term such as (total-cost)', e.loc);
  const first = expectSymbol(list.items[0], 'a function name', list.loc);
  const decl = scope.functions.get(first.value);
  if (decl === undefined)
    throw new PddlError(
      `unknown function '${first.value}'`,
      first.loc,
      'declare it in :functions',
      'PDDL_UNKNOWN_FUNCTION',
    );
  const args = list.items.slice(1).map((a) => readTerm(a, scope));
  if (args.length !== decl.params.length) {
    throw new PddlError(
      `function '${first.value}' takes ${decl.params.length} arguments, found ${args.length}`,
      list.loc,
      undefined,
      'PDDL_ARITY',
    );
  }
  return { name: first.value, args, loc: list.loc };
}

function readNumericExpr(e: SExpr, scope: Scope): NumericExpr {
  if (e.kind === 'symbol') {
    const value = numberOf(e);
    if (value === undefined)
      throw new PddlError(`expected a number or a function term, found '${e.value}'`, e.loc);
    if (value < 0)
      throw new PddlError(
        `action costs must not be negative, found ${value}`,
        e.loc,
        undefined,
        'PDDL_NEGATIVE_COST',
      );
    return { kind: 'number', value };
  }
  const kw = head(e);
  if (kw !== undefined && ['+', '-', '*', '/'].includes(kw)) {
    throw new PddlError(
      `arithmetic '${kw}' is not supported`,
      e.loc,
      'only a number or a function term, as in :action-costs',
      'PDDL_UNSUPPORTED',
    );
  }
  return { kind: 'function', term: readFunctionTerm(e, scope) };
}

/** An effect: and/not/forall/when/atoms/(increase (total-cost) N). */
export function readEffect(e: SExpr, scope: Scope): Effect {
  missingParenBefore(e, 'an effect');
  const list = expectList(e, 'an effect such as (pred ?x) or (and ...)', e.loc);
  const kw = head(list);
  switch (kw) {
    case undefined:
      if (list.items.length === 0) return { kind: 'and', args: [] };
      throw new PddlError(`expected an effect, found ${describe(list)}`, list.loc);
    case 'and':
      return { kind: 'and', args: list.items.slice(1).map((x) => readEffect(x, scope)) };
    case 'not': {
      if (list.items.length !== 2) throw new PddlError(`'not' takes exactly one atom`, list.loc);
      const inner = expectList(list.items[1], 'an atom', list.loc);
      const innerKw = head(inner);
      if (
        innerKw === undefined ||
        ['and', 'or', 'not', 'forall', 'exists', 'when', 'imply', '='].includes(innerKw)
      ) {
        throw new PddlError(
          `expected an atom inside 'not' of an effect, found ${describe(inner)}`,
          inner.loc,
        );
      }
      return { kind: 'delete', atom: readAtom(inner, scope) };
    }
    case 'forall': {
      const q = readQuantified(list, scope, 'effect');
      return { kind: 'forall', params: q.params, body: readEffect(q.body, q.inner) };
    }
    case 'when': {
      if (list.items.length !== 3)
        throw new PddlError(`'when' takes a condition and an effect`, list.loc);
      return {
        kind: 'when',
        condition: readCondition(list.items[1]!, scope),
        body: readEffect(list.items[2]!, scope),
      };
    }
    case 'increase': {
      if (list.items.length !== 3)
        throw new PddlError(`'increase' takes a function term and an amount`, list.loc);
      const target = readFunctionTerm(list.items[1]!, scope);
      if (target.name !== 'total-cost') {
        throw new PddlError(
          `only (total-cost) may be increased, found '${target.name}'`,
          list.items[1]!.loc,
          'numeric fluents beyond :action-costs are not supported',
          'PDDL_UNSUPPORTED',
        );
      }
      return { kind: 'increase', target, amount: readNumericExpr(list.items[2]!, scope) };
    }
    default:
      if (NUMERIC_EFFECTS.has(kw)) {
        throw new PddlError(
          `numeric effect '${kw}' is not supported`,
          list.loc,
          'only (increase (total-cost) N) from :action-costs is supported',
          'PDDL_UNSUPPORTED',
        );
      }
      if (kw === 'or' || kw === 'exists' || kw === 'imply' || kw === '=') {
        throw new PddlError(
          `'${kw}' is not allowed in an effect`,
          list.loc,
          'effects are atoms, (not atom), and, forall, when, increase',
        );
      }
      if (kw.startsWith(':'))
        throw new PddlError(
          `expected an effect, found '${kw}'`,
          list.loc,
          'a closing parenthesis may be missing before it',
        );
      return { kind: 'add', atom: readAtom(list, scope) };
  }
}
