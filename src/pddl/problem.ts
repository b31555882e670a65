/**
 * `(define (problem NAME) (:domain D) ...)` -> Problem, checked against its domain:
 * domain name, object types, predicates and arity in :init and :goal, the metric.
 */
import type { SourceLocation } from '../errors.js';
import type { Atom, Condition, Domain, Metric, NumericFact, Problem, TypedName } from './ast.js';
import { readAtom, readCondition } from './conditions.js';
import type { Scope } from './conditions.js';
import { readDefine } from './domain.js';
import { PddlError } from './errors.js';
import { expectList, expectSymbol, head, numberOf, readTypedList } from './read.js';
import { readRequirements } from './requirements.js';
import { describe } from './sexpr.js';
import { buildTypeTable } from './types.js';
import type { SList } from './sexpr.js';

const PROBLEM_SECTIONS = [':domain', ':requirements', ':objects', ':init', ':goal', ':metric'];

/** Parses a PDDL problem for `domain`. Throws PddlError (file:line:col, hint) on any mistake. */
export function parseProblem(text: string, domain: Domain, file?: string): Problem {
  const { name, sections } = readDefine(text, 'problem', file);
  const byName = new Map<string, SList>();
  for (const s of sections) {
    const kw = head(s)!;
    if (!PROBLEM_SECTIONS.includes(kw)) {
      const hint =
        kw === ':constraints'
          ? 'constraints (PDDL3) are not supported'
          : `expected one of ${PROBLEM_SECTIONS.join(' ')}`;
      throw new PddlError(`unknown problem section '${kw}'`, s.loc, hint, 'PDDL_UNKNOWN_SECTION');
    }
    if (byName.has(kw))
      throw new PddlError(`section '${kw}' appears twice`, s.loc, undefined, 'PDDL_DUPLICATE');
    byName.set(kw, s);
  }
  const defineLoc =
    sections[0]?.loc ?? (file === undefined ? { line: 1, col: 1 } : { file, line: 1, col: 1 });

  const domSection = byName.get(':domain');
  if (domSection === undefined)
    throw new PddlError(
      `missing section (:domain NAME)`,
      defineLoc,
      `add (:domain ${domain.name})`,
      'PDDL_MISSING_SECTION',
    );
  const domName = expectSymbol(domSection.items[1], 'the domain name', domSection.loc);
  if (domName.value !== domain.name) {
    throw new PddlError(
      `problem is for domain '${domName.value}', but the domain is '${domain.name}'`,
      domName.loc,
      'give the matching domain file',
      'PDDL_DOMAIN_MISMATCH',
    );
  }

  const reqSection = byName.get(':requirements');
  const requirements = reqSection === undefined ? [] : readRequirements(reqSection);

  const typeNames = new Set(domain.types.map((t) => t.name));
  const checkType = (t: string, loc: SourceLocation): void => {
    if (!typeNames.has(t))
      throw new PddlError(
        `undeclared type '${t}'`,
        loc,
        "declare it in the domain's :types",
        'PDDL_UNDECLARED_TYPE',
      );
  };
  const objSection = byName.get(':objects');
  const objects: TypedName[] =
    objSection === undefined ? [] : readTypedList(objSection.items.slice(1), 'name', checkType);
  checkUniqueObjects(objects, domain, objSection?.loc ?? defineLoc);
  const known = new Set<string>([
    ...domain.constants.map((c) => c.name),
    ...objects.map((o) => o.name),
  ]);

  const table = buildTypeTable(domain, { objects });
  const scope: Scope = {
    isOfType: table.isOfType,
    predicates: new Map(domain.predicates.map((p) => [p.name, p])),
    functions: new Map(domain.functions.map((f) => [f.name, f])),
    isObject: (n) => known.has(n),
    objectWord: 'object',
    checkType,
    vars: new Set(),
  };

  const derivedNames = new Set(domain.derived.map((d) => d.head.name));
  const init: Atom[] = [];
  const numericInit: NumericFact[] = [];
  const numericSeen = new Map<string, SourceLocation>();
  const initSection = byName.get(':init');
  if (initSection === undefined)
    throw new PddlError(
      `missing section (:init ...)`,
      defineLoc,
      'add (:init) even if nothing is true initially',
      'PDDL_MISSING_SECTION',
    );
  for (const item of initSection.items.slice(1)) {
    const list = expectList(item, 'a ground atom such as (on a b)', item.loc);
    const kw = head(list);
    if (kw === '=' && list.items[1]?.kind === 'list') {
      const fact = readNumericFact(list, scope);
      const key = [fact.term.name, ...fact.term.args].join(' ');
      const first = numericSeen.get(key);
      if (first !== undefined) {
        throw new PddlError(
          `(${key}) is given a value twice (first at line ${first.line})`,
          list.loc,
          'give each function term one value in :init',
          'PDDL_DUPLICATE',
        );
      }
      numericSeen.set(key, list.loc);
      numericInit.push(fact);
      continue;
    }
    const timed =
      kw === 'at' && list.items[1]?.kind === 'symbol' && numberOf(list.items[1]) !== undefined;
    if (kw === 'not' || kw === 'and' || timed) {
      throw new PddlError(
        `expected a ground atom in :init, found '${timed ? 'at NUMBER' : kw}'`,
        list.loc,
        timed
          ? 'timed initial literals are not supported'
          : 'list only the atoms that are true initially (closed world)',
      );
    }
    const atom = readAtom(list, scope);
    if (atom.predicate === '=') {
      throw new PddlError(
        `equality cannot be listed in :init`,
        list.loc,
        "'=' is built in: distinct objects are never equal",
      );
    }
    if (derivedNames.has(atom.predicate)) {
      throw new PddlError(
        `derived predicate '${atom.predicate}' cannot appear in :init`,
        list.loc,
        'it is computed from its (:derived ...) rule',
        'PDDL_DERIVED_MISUSE',
      );
    }
    init.push(atom);
  }

  const goalSection = byName.get(':goal');
  if (goalSection === undefined)
    throw new PddlError(
      `missing section (:goal ...)`,
      defineLoc,
      undefined,
      'PDDL_MISSING_SECTION',
    );
  if (goalSection.items.length !== 2) {
    throw new PddlError(
      `(:goal ...) takes exactly one condition`,
      goalSection.loc,
      'combine several goals with (and ...)',
    );
  }
  const goal: Condition = readCondition(goalSection.items[1]!, scope);

  const problem: Problem = {
    name,
    domain: domName.value,
    requirements,
    objects,
    init,
    numericInit,
    goal,
  };
  const metricSection = byName.get(':metric');
  if (metricSection !== undefined) problem.metric = readMetric(metricSection, scope);
  if (file !== undefined) problem.file = file;
  return problem;
}

/**
 * Every object is declared once, and not again as a domain constant (constants are
 * objects of every problem): a repeated name would silently merge or retype two objects.
 */
function checkUniqueObjects(
  objects: readonly TypedName[],
  domain: Domain,
  sectionLoc: SourceLocation,
): void {
  const constants = new Map(domain.constants.map((c) => [c.name, c]));
  const seen = new Map<string, TypedName>();
  for (const o of objects) {
    const loc = o.loc ?? sectionLoc;
    const first = seen.get(o.name);
    if (first !== undefined) {
      const at = first.loc === undefined ? '' : ` (first at line ${first.loc.line})`;
      throw new PddlError(
        `object '${o.name}' is declared twice${at}`,
        loc,
        'list each object once in :objects',
        'PDDL_DUPLICATE',
      );
    }
    const constant = constants.get(o.name);
    if (constant !== undefined) {
      const at = constant.loc === undefined ? '' : ` (line ${constant.loc.line} of the domain)`;
      throw new PddlError(
        `object '${o.name}' is already a constant of the domain${at}`,
        loc,
        'remove it from :objects: domain constants are objects of every problem',
        'PDDL_DUPLICATE',
      );
    }
    seen.set(o.name, o);
  }
}

/** `(= (road-length a b) 10)` */
function readNumericFact(list: SList, scope: Scope): NumericFact {
  if (list.items.length !== 3) throw new PddlError(`expected (= (function args) number)`, list.loc);
  const term = expectList(list.items[1], 'a function term', list.loc);
  const fn = expectSymbol(term.items[0], 'a function name', term.loc);
  const decl = scope.functions.get(fn.value);
  if (decl === undefined)
    throw new PddlError(
      `unknown function '${fn.value}'`,
      fn.loc,
      "declare it in the domain's :functions",
      'PDDL_UNKNOWN_FUNCTION',
    );
  const args = term.items.slice(1).map((a) => {
    const s = expectSymbol(a, 'an object', a.loc);
    if (!scope.isObject(s.value))
      throw new PddlError(
        `undeclared object '${s.value}'`,
        s.loc,
        undefined,
        'PDDL_UNDECLARED_OBJECT',
      );
    return s.value;
  });
  if (args.length !== decl.params.length) {
    throw new PddlError(
      `function '${fn.value}' takes ${decl.params.length} arguments, found ${args.length}`,
      term.loc,
      undefined,
      'PDDL_ARITY',
    );
  }
  const valueNode = expectSymbol(list.items[2], 'a number', list.loc);
  const value = numberOf(valueNode);
  if (value === undefined)
    throw new PddlError(`expected a number, found '${valueNode.value}'`, valueNode.loc);
  if (!Number.isFinite(value))
    throw new PddlError(
      `the value of (${[fn.value, ...args].join(' ')}) is not a finite number: '${valueNode.value}'`,
      valueNode.loc,
      undefined,
      'PDDL_BAD_NUMBER',
    );
  if (value < 0) {
    throw new PddlError(
      `the value of (${[fn.value, ...args].join(' ')}) is negative (${value})`,
      valueNode.loc,
      'action costs must not be negative: give a value of 0 or more',
      'PDDL_NEGATIVE_COST',
    );
  }
  return { term: { name: fn.value, args, loc: term.loc }, value };
}

/** `(:metric minimize (total-cost))`: the only metric supported with :action-costs. */
function readMetric(section: SList, scope: Scope): Metric {
  const dir = expectSymbol(section.items[1], "'minimize' or 'maximize'", section.loc);
  if (dir.value !== 'minimize' && dir.value !== 'maximize') {
    throw new PddlError(`expected 'minimize' or 'maximize', found '${dir.value}'`, dir.loc);
  }
  const expr = expectList(section.items[2], '(total-cost)', dir.loc);
  const fn = expectSymbol(expr.items[0], 'a function name', expr.loc);
  if (fn.value !== 'total-cost' || expr.items.length !== 1) {
    throw new PddlError(
      `unsupported metric ${describe(expr)}`,
      expr.loc,
      'only (:metric minimize (total-cost)) is supported',
      'PDDL_UNSUPPORTED',
    );
  }
  if (!scope.functions.has('total-cost')) {
    throw new PddlError(
      `the metric uses (total-cost), which the domain does not declare`,
      expr.loc,
      'declare (:functions (total-cost) - number) in the domain',
      'PDDL_UNKNOWN_FUNCTION',
    );
  }
  if (dir.value === 'maximize')
    throw new PddlError(
      `maximizing (total-cost) is not supported`,
      dir.loc,
      'use minimize',
      'PDDL_UNSUPPORTED',
    );
  return {
    direction: 'minimize',
    expr: { kind: 'function', term: { name: 'total-cost', args: [], loc: expr.loc } },
  };
}
