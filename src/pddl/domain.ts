/**
 * `(define (domain NAME) ...)` -> Domain. Sections may come in any order; they are
 * read in dependency order (requirements, types, constants, predicates, functions,
 * then actions and derived predicates) so every reference is checked.
 */
import type { SourceLocation } from '../errors.js';
import type {
  ActionDef,
  DerivedDef,
  Domain,
  Effect,
  FunctionDecl,
  PredicateDecl,
  TypeDecl,
  TypedName,
} from './ast.js';
import { readCondition, readEffect } from './conditions.js';
import type { Scope } from './conditions.js';
import { PddlError } from './errors.js';
import { expectList, expectSymbol, head, lastLoc, readType, readTypedList } from './read.js';
import { readRequirements } from './requirements.js';
import { describe, readSExprs } from './sexpr.js';
import { stratifyDerived } from './strata.js';
import { buildTypeTable } from './types.js';
import type { SExpr, SList } from './sexpr.js';

const DOMAIN_SECTIONS = [
  ':requirements',
  ':types',
  ':constants',
  ':predicates',
  ':functions',
  ':action',
  ':derived',
];
const UNSUPPORTED_SECTIONS: Record<string, string> = {
  ':durative-action': 'durative actions (:durative-actions) are not supported',
  ':process': 'processes (PDDL+) are not supported',
  ':event': 'events (PDDL+) are not supported',
  ':constraints': 'constraints (PDDL3) are not supported',
  ':axiom': 'use (:derived ...) instead of :axiom',
};

/** Reads the single `(define ...)` of a file and checks its `(KIND NAME)` header. */
export function readDefine(
  text: string,
  kind: 'domain' | 'problem',
  file: string | undefined,
): { name: string; nameLoc: SourceLocation; sections: SList[] } {
  const top = readSExprs(text, file);
  if (top.length === 0) {
    throw new PddlError(
      `expected (define (${kind} NAME) ...), found an empty file`,
      file === undefined ? { line: 1, col: 1 } : { file, line: 1, col: 1 },
    );
  }
  const def = expectList(top[0], `(define (${kind} NAME) ...)`, top[0]!.loc);
  if (top.length > 1)
    throw new PddlError(
      `unexpected text after the end of the ${kind} definition`,
      top[1]!.loc,
      'a file holds one (define ...)',
    );
  const kw = expectSymbol(def.items[0], "'define'", def.loc);
  if (kw.value !== 'define') throw new PddlError(`expected 'define', found '${kw.value}'`, kw.loc);
  const header = expectList(def.items[1], `(${kind} NAME)`, lastLoc(def));
  const hk = expectSymbol(header.items[0], `'${kind}'`, header.loc);
  if (hk.value !== kind) {
    throw new PddlError(
      `expected (${kind} NAME), found ${describe(header)}`,
      header.loc,
      kind === 'domain'
        ? 'is this a problem file? give the domain file first'
        : 'is this a domain file? give the problem file second',
    );
  }
  const name = expectSymbol(header.items[1], `the ${kind} name`, header.loc);
  if (header.items.length > 2)
    throw new PddlError(
      `unexpected ${describe(header.items[2])} after the ${kind} name`,
      header.items[2]!.loc,
    );
  const sections = def.items.slice(2).map((s) => {
    const list = expectList(s, 'a section such as (:requirements ...)', s.loc);
    const sk = expectSymbol(list.items[0], 'a section keyword such as :requirements', list.loc);
    if (!sk.value.startsWith(':'))
      throw new PddlError(
        `expected a section keyword such as :requirements, found '${sk.value}'`,
        sk.loc,
      );
    return list;
  });
  return { name: name.value, nameLoc: name.loc, sections };
}

function sectionsNamed(sections: SList[], name: string): SList[] {
  return sections.filter((s) => head(s) === name);
}

/** Parses a PDDL domain. Throws PddlError (file:line:col, hint) for any syntax or semantic mistake. */
export function parseDomain(text: string, file?: string): Domain {
  const { name, sections } = readDefine(text, 'domain', file);
  for (const s of sections) {
    const kw = head(s)!;
    if (UNSUPPORTED_SECTIONS[kw] !== undefined)
      throw new PddlError(UNSUPPORTED_SECTIONS[kw], s.loc, undefined, 'PDDL_UNSUPPORTED');
    if (!DOMAIN_SECTIONS.includes(kw)) {
      throw new PddlError(
        `unknown domain section '${kw}'`,
        s.loc,
        `expected one of ${DOMAIN_SECTIONS.join(' ')}`,
        'PDDL_UNKNOWN_SECTION',
      );
    }
  }
  for (const once of [':requirements', ':types', ':constants', ':predicates', ':functions']) {
    const found = sectionsNamed(sections, once);
    if (found.length > 1)
      throw new PddlError(
        `section '${once}' appears twice`,
        found[1]!.loc,
        'merge the two sections into one',
        'PDDL_DUPLICATE',
      );
  }
  const reqSection = sectionsNamed(sections, ':requirements')[0];
  const requirements = reqSection === undefined ? [':strips'] : readRequirements(reqSection);

  const types = readTypes(sectionsNamed(sections, ':types')[0]);
  const typeNames = new Set(types.map((t) => t.name));
  const checkType = (t: string, loc: SourceLocation): void => {
    if (!typeNames.has(t))
      throw new PddlError(
        `undeclared type '${t}'`,
        loc,
        'declare it in :types',
        'PDDL_UNDECLARED_TYPE',
      );
  };

  const constSection = sectionsNamed(sections, ':constants')[0];
  const constants =
    constSection === undefined ? [] : readTypedList(constSection.items.slice(1), 'name', checkType);
  const constantNames = new Set<string>();
  for (const c of constants) {
    if (constantNames.has(c.name))
      throw new PddlError(
        `constant '${c.name}' is declared twice`,
        c.loc ?? constSection!.loc,
        'list each constant once in :constants',
        'PDDL_DUPLICATE',
      );
    constantNames.add(c.name);
  }

  const predicates = readDeclarations(
    sectionsNamed(sections, ':predicates')[0],
    'predicate',
    checkType,
  );
  const functions = readFunctions(sectionsNamed(sections, ':functions')[0], checkType);
  const predicateMap = new Map(predicates.map((p) => [p.name, p]));
  const functionMap = new Map(functions.map((f) => [f.name, f]));

  const table = buildTypeTable({ types, constants }, { objects: [] });
  const base: Scope = {
    isOfType: table.isOfType,
    predicates: predicateMap,
    functions: functionMap,
    isObject: (n) => constantNames.has(n),
    objectWord: 'constant',
    checkType,
    vars: new Set(),
  };
  const actions: ActionDef[] = [];
  const actionNames = new Map<string, SourceLocation>();
  const derived: DerivedDef[] = [];
  for (const s of sections) {
    if (head(s) === ':action') {
      const action = readAction(s, base);
      const seen = actionNames.get(action.name);
      if (seen !== undefined)
        throw new PddlError(
          `action '${action.name}' is defined twice (first at line ${seen.line})`,
          s.loc,
          undefined,
          'PDDL_DUPLICATE',
        );
      actionNames.set(action.name, s.loc);
      actions.push(action);
    } else if (head(s) === ':derived') {
      derived.push(readDerived(s, base));
    }
  }
  const domain: Domain = {
    name,
    requirements,
    types,
    constants,
    predicates,
    functions,
    actions,
    derived,
  };
  checkDerivedUse(domain);
  if (file !== undefined) domain.file = file;
  return domain;
}

/** `(:types a b - c d)`: parents named only as parents are declared implicitly; `object` is always there. */
function readTypes(section: SList | undefined): TypeDecl[] {
  const decls = new Map<string, TypeDecl>();
  decls.set('object', { name: 'object', parents: [] });
  if (section === undefined) return [...decls.values()];
  const parentsSeen: Array<{ name: string; loc: SourceLocation }> = [];
  const list = readTypedList(section.items.slice(1), 'name', (t, loc) =>
    parentsSeen.push({ name: t, loc }),
  );
  for (const t of list) {
    if (t.name === 'object') continue;
    const existing = decls.get(t.name);
    if (existing !== undefined) {
      for (const p of t.types) if (!existing.parents.includes(p)) existing.parents.push(p);
    } else {
      decls.set(
        t.name,
        t.loc === undefined
          ? { name: t.name, parents: [...t.types] }
          : { name: t.name, parents: [...t.types], loc: t.loc },
      );
    }
  }
  for (const p of parentsSeen) {
    if (!decls.has(p.name)) decls.set(p.name, { name: p.name, parents: ['object'], loc: p.loc });
  }
  // A cycle in the hierarchy would make type membership loop forever.
  for (const t of decls.values()) {
    const seen = new Set<string>();
    const stack = [...t.parents];
    while (stack.length > 0) {
      const p = stack.pop()!;
      if (p === t.name)
        throw new PddlError(
          `type '${t.name}' is its own ancestor`,
          t.loc ?? section.loc,
          'the type hierarchy must not have cycles',
          'PDDL_CYCLIC_TYPES',
        );
      if (seen.has(p)) continue;
      seen.add(p);
      stack.push(...(decls.get(p)?.parents ?? []));
    }
  }
  return [...decls.values()];
}

/** `(:predicates (p ?x - t) ...)` */
function readDeclarations(
  section: SList | undefined,
  what: 'predicate',
  checkType: (t: string, loc: SourceLocation) => void,
): PredicateDecl[] {
  if (section === undefined) return [];
  const out: PredicateDecl[] = [];
  const seen = new Set<string>();
  for (const item of section.items.slice(1)) {
    const decl = readSignature(item, what, checkType);
    if (decl.name === '=') throw new PddlError(`'=' is built in and cannot be declared`, item.loc);
    if (seen.has(decl.name))
      throw new PddlError(
        `${what} '${decl.name}' is declared twice`,
        item.loc,
        undefined,
        'PDDL_DUPLICATE',
      );
    seen.add(decl.name);
    out.push(decl);
  }
  return out;
}

function readSignature(
  item: SExpr,
  what: string,
  checkType: (t: string, loc: SourceLocation) => void,
): PredicateDecl {
  const list = expectList(item, `a ${what} declaration such as (name ?x - type)`, item.loc);
  const nm = expectSymbol(list.items[0], `a ${what} name`, list.loc);
  if (nm.value.startsWith('?') || nm.value.startsWith(':')) {
    throw new PddlError(
      `expected a ${what} name, found '${nm.value}'`,
      nm.loc,
      nm.value.startsWith(':') ? 'a closing parenthesis may be missing before it' : undefined,
    );
  }
  return {
    name: nm.value,
    params: readTypedList(list.items.slice(1), 'variable', checkType),
    loc: list.loc,
  };
}

/** `(:functions (total-cost) - number (dist ?a ?b - place) - number)` */
function readFunctions(
  section: SList | undefined,
  checkType: (t: string, loc: SourceLocation) => void,
): FunctionDecl[] {
  if (section === undefined) return [];
  const out: FunctionDecl[] = [];
  const items = section.items.slice(1);
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (item.kind === 'symbol' && item.value === '-') {
      const t = readType(items[++i], item.loc, () => undefined);
      if (t.length !== 1 || t[0] !== 'number') {
        throw new PddlError(
          `only numeric functions ('- number') are supported, found '${t.join(' ')}'`,
          items[i]!.loc,
          'object fluents are not supported',
          'PDDL_UNSUPPORTED',
        );
      }
      continue;
    }
    const decl = readSignature(item, 'function', checkType);
    if (out.some((f) => f.name === decl.name))
      throw new PddlError(
        `function '${decl.name}' is declared twice`,
        item.loc,
        undefined,
        'PDDL_DUPLICATE',
      );
    out.push(decl);
  }
  return out;
}

const ACTION_KEYS = [':parameters', ':precondition', ':effect'];

function readAction(s: SList, base: Scope): ActionDef {
  const nm = expectSymbol(s.items[1], 'the action name', s.loc);
  if (nm.value.startsWith(':'))
    throw new PddlError(`expected the action name, found '${nm.value}'`, nm.loc);
  const values = new Map<string, SExpr>();
  for (let i = 2; i < s.items.length; i += 2) {
    const key = s.items[i]!;
    if (key.kind !== 'symbol' || !ACTION_KEYS.includes(key.value)) {
      const missing = key.kind === 'list' && head(key)?.startsWith(':') === true;
      throw new PddlError(
        `expected one of ${ACTION_KEYS.join(' ')} in action '${nm.value}', found ${describe(key)}`,
        key.loc,
        missing ? `a ')' closing action '${nm.value}' is probably missing` : undefined,
      );
    }
    if (values.has(key.value))
      throw new PddlError(
        `'${key.value}' appears twice in action '${nm.value}'`,
        key.loc,
        undefined,
        'PDDL_DUPLICATE',
      );
    const value = s.items[i + 1];
    if (value === undefined) throw new PddlError(`expected a value after '${key.value}'`, key.loc);
    values.set(key.value, value);
  }
  const paramNode = values.get(':parameters');
  const params: TypedName[] =
    paramNode === undefined
      ? []
      : readTypedList(
          expectList(paramNode, 'a parameter list such as (?x - type)', paramNode.loc).items,
          'variable',
          base.checkType,
        );
  const seen = new Set<string>();
  for (const p of params) {
    if (seen.has(p.name))
      throw new PddlError(
        `parameter '${p.name}' is declared twice`,
        p.loc ?? paramNode!.loc,
        undefined,
        'PDDL_DUPLICATE',
      );
    seen.add(p.name);
  }
  const scope: Scope = { ...base, vars: new Set(params.map((p) => p.name)) };
  const pre = values.get(':precondition');
  const eff = values.get(':effect');
  return {
    name: nm.value,
    params,
    precondition: pre === undefined ? undefined : readCondition(pre, scope),
    effect: eff === undefined ? { kind: 'and', args: [] } : readEffect(eff, scope),
    loc: s.loc,
  };
}

/** `(:derived (pred ?x - t) body)`: the head must be a declared predicate with the same arity. */
function readDerived(s: SList, base: Scope): DerivedDef {
  if (s.items.length !== 3)
    throw new PddlError(`(:derived (pred ?x...) condition) takes a head and a condition`, s.loc);
  const headDecl = readSignature(s.items[1]!, 'derived predicate', base.checkType);
  const declared = base.predicates.get(headDecl.name);
  if (declared === undefined) {
    throw new PddlError(
      `derived predicate '${headDecl.name}' is not declared`,
      s.items[1]!.loc,
      'declare it in :predicates too',
      'PDDL_UNKNOWN_PREDICATE',
    );
  }
  if (declared.params.length !== headDecl.params.length) {
    throw new PddlError(
      `derived predicate '${headDecl.name}' takes ${declared.params.length} arguments, found ${headDecl.params.length}`,
      s.items[1]!.loc,
      undefined,
      'PDDL_ARITY',
    );
  }
  // An untyped head variable takes the type declared in :predicates.
  const params = headDecl.params.map((p, i) =>
    p.types.length === 1 && p.types[0] === 'object'
      ? { ...p, types: [...declared.params[i]!.types] }
      : p,
  );
  const head2: PredicateDecl = { ...headDecl, params };
  const scope: Scope = { ...base, vars: new Set(params.map((p) => p.name)) };
  return { head: head2, body: readCondition(s.items[2]!, scope), loc: s.loc };
}

/** Actions may not change derived predicates, and derived rules must be stratified. */
function checkDerivedUse(domain: Domain): void {
  const derivedNames = new Set(domain.derived.map((d) => d.head.name));
  if (derivedNames.size === 0) return;
  const visit = (e: Effect, action: string): void => {
    if (e.kind === 'and') for (const x of e.args) visit(x, action);
    else if (e.kind === 'forall' || e.kind === 'when') visit(e.body, action);
    else if ((e.kind === 'add' || e.kind === 'delete') && derivedNames.has(e.atom.predicate)) {
      const loc = e.atom.loc ?? { line: 1, col: 1 };
      throw new PddlError(
        `action '${action}' changes derived predicate '${e.atom.predicate}'`,
        loc,
        'derived predicates are computed by their rules; actions may not add or delete them',
        'PDDL_DERIVED_MISUSE',
      );
    }
  };
  for (const a of domain.actions) visit(a.effect, a.name);
  stratifyDerived(domain);
}
