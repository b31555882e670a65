/**
 * Trajectories in the AMLGym format, read with the PDDL s-expression reader:
 *
 *   (:trajectory
 *     (:objects b1 b2 - block)        ; optional (Atelier's extension)
 *     (:state (clear b1) (on b1 b2) ...)
 *     (:action (unstack b1 b2))
 *     (:state ...) ...)
 *
 * Every name is checked against the vocabulary (predicates, actions, arities, types);
 * objects come from `(:objects)`, from a problem file, or are inferred from where they
 * appear. Mistakes are LearnErrors located at file:line:col.
 */
import type { SourceLocation } from '../errors.js';
import type { Domain, TypedName } from '../pddl/ast.js';
import { PddlError, readSExprs, showSExpr } from '../pddl/index.js';
import type { SExpr, SList } from '../pddl/index.js';
import { didYouMean, LearnError } from './errors.js';
import { inferObjects, typeChecker } from './objects.js';
import type { Usage } from './objects.js';
import type { Trajectory, Transition } from './types.js';

const err = (code: string, message: string, location: SourceLocation, hint?: string) =>
  new LearnError(code, message, { location, hint });

function headOf(l: SList): string | undefined {
  const f = l.items[0];
  return f?.kind === 'symbol' ? f.value : undefined;
}

function readTop(text: string, file: string | undefined): SList {
  let top: SExpr[];
  try {
    top = readSExprs(text, file);
  } catch (e) {
    if (!(e instanceof PddlError)) throw e;
    throw err('LEARN_SYNTAX', e.message, e.location, e.hint);
  }
  const start = file === undefined ? { line: 1, col: 1 } : { file, line: 1, col: 1 };
  const t = top[0];
  if (t === undefined)
    throw err(
      'LEARN_EMPTY_TRAJECTORY',
      'empty trajectory file',
      start,
      'expected (:trajectory (:state ...) (:action (name args...)) (:state ...) ...)',
    );
  if (t.kind !== 'list' || headOf(t) !== ':trajectory')
    throw err(
      'LEARN_SYNTAX',
      `expected (:trajectory ...), found ${t.kind === 'symbol' ? `'${t.value}'` : showSExpr(t).slice(0, 40)}`,
      t.loc,
    );
  if (top.length > 1)
    throw err(
      'LEARN_SYNTAX',
      'unexpected text after the end of the trajectory',
      top[1]!.loc,
      'a file holds one (:trajectory ...)',
    );
  return t;
}

interface Reader {
  vocabulary: Domain;
  predicates: Map<string, TypedName[]>;
  usages: Usage[];
  /** Known objects when they are declared; undefined when inferred. */
  declared: Set<string> | undefined;
}

function readArgs(items: SExpr[], r: Reader, what: string): string[] {
  return items.map((e) => {
    if (e.kind !== 'symbol')
      throw err('LEARN_SYNTAX', `expected an object, found ${showSExpr(e).slice(0, 40)}`, e.loc);
    if (e.value.startsWith('?'))
      throw err(
        'LEARN_NOT_GROUND',
        `expected an object, found the variable '${e.value}' in ${what}`,
        e.loc,
        'states and actions of a trajectory are ground',
      );
    if (r.declared !== undefined && !r.declared.has(e.value))
      throw err(
        'LEARN_UNKNOWN_OBJECT',
        `unknown object '${e.value}' in ${what}`,
        e.loc,
        didYouMean(e.value, r.declared) ?? 'declare it in (:objects ...) or in the problem file',
      );
    return e.value;
  });
}

function readFact(e: SExpr, r: Reader): string {
  if (e.kind !== 'list' || e.items.length === 0)
    throw err(
      'LEARN_SYNTAX',
      `expected a fact such as (on a b), found ${e.kind === 'symbol' ? `'${e.value}'` : '()'}`,
      e.loc,
    );
  const name = e.items[0]!;
  if (name.kind !== 'symbol') throw err('LEARN_SYNTAX', 'expected a predicate name', name.loc);
  if (name.value === 'not')
    throw err(
      'LEARN_SYNTAX',
      'a state lists the facts that are true; (not ...) is not allowed',
      e.loc,
      'leave false facts out (closed world)',
    );
  const params = r.predicates.get(name.value);
  if (params === undefined)
    throw err(
      'LEARN_UNKNOWN_PREDICATE',
      `unknown predicate '${name.value}'`,
      name.loc,
      didYouMean(name.value, r.predicates.keys()) ?? "declare it in the vocabulary's :predicates",
    );
  const args = readArgs(e.items.slice(1), r, `(${name.value} ...)`);
  if (args.length !== params.length)
    throw err(
      'LEARN_WRONG_ARITY',
      `predicate '${name.value}' takes ${params.length} argument${params.length === 1 ? '' : 's'}, found ${args.length}`,
      e.loc,
      `declared as (${[name.value, ...params.map((p) => p.name)].join(' ')})`,
    );
  args.forEach((a, i) =>
    r.usages.push({
      object: a,
      types: params[i]!.types,
      loc: e.items[i + 1]!.loc,
      where: `argument ${i + 1} of ${name.value}`,
    }),
  );
  return args.length === 0 ? name.value : `${name.value} ${args.join(' ')}`;
}

function readAction(section: SList, r: Reader): { action: string; args: string[] } {
  const call = section.items[1];
  if (call === undefined || call.kind !== 'list' || section.items.length !== 2)
    throw err('LEARN_SYNTAX', 'expected (:action (name arg...))', section.loc);
  const name = call.items[0];
  if (name === undefined || name.kind !== 'symbol')
    throw err('LEARN_SYNTAX', 'expected an action name', call.loc);
  const def = r.vocabulary.actions.find((a) => a.name === name.value);
  if (def === undefined)
    throw err(
      'LEARN_UNKNOWN_ACTION',
      `unknown action '${name.value}'`,
      name.loc,
      didYouMean(
        name.value,
        r.vocabulary.actions.map((a) => a.name),
      ) ?? `the vocabulary's actions: ${r.vocabulary.actions.map((a) => a.name).join(', ')}`,
    );
  const args = readArgs(call.items.slice(1), r, `(${name.value} ...)`);
  if (args.length !== def.params.length)
    throw err(
      'LEARN_WRONG_ARITY',
      `action '${def.name}' takes ${def.params.length} argument${def.params.length === 1 ? '' : 's'}, found ${args.length}`,
      call.loc,
      `declared as (${[def.name, ...def.params.map((p) => p.name)].join(' ')})`,
    );
  args.forEach((a, i) =>
    r.usages.push({
      object: a,
      types: def.params[i]!.types,
      loc: call.items[i + 1]!.loc,
      where: `parameter ${def.params[i]!.name} of ${def.name}`,
    }),
  );
  return { action: def.name, args };
}

/** `(:objects a b - t c)` */
function readObjects(section: SList, vocabulary: Domain): TypedName[] {
  const out: TypedName[] = [];
  let pending: TypedName[] = [];
  const items = section.items.slice(1);
  for (let i = 0; i < items.length; i++) {
    const e = items[i]!;
    if (e.kind !== 'symbol') throw err('LEARN_SYNTAX', 'expected an object name or a type', e.loc);
    if (e.value !== '-') {
      pending.push({ name: e.value, types: ['object'], loc: e.loc });
      continue;
    }
    const t = items[++i];
    if (t === undefined || t.kind !== 'symbol')
      throw err('LEARN_SYNTAX', "expected a type after '-'", e.loc);
    const types = vocabulary.types.map((x) => x.name);
    if (!types.includes(t.value))
      throw err(
        'LEARN_UNKNOWN_TYPE',
        `unknown type '${t.value}'`,
        t.loc,
        didYouMean(t.value, types) ?? `the vocabulary's types: ${types.join(', ')}`,
      );
    for (const p of pending) p.types = [t.value];
    out.push(...pending);
    pending = [];
  }
  return [...out, ...pending];
}

/** The (:state)/(:action) sections in order, checked to alternate, start and end with a state. */
function sections(t: SList): { objects?: SList; states: SList[]; actions: SList[] } {
  let items = t.items.slice(1) as SExpr[];
  let objects: SList | undefined;
  const first = items[0];
  if (first?.kind === 'list' && headOf(first) === ':objects') {
    objects = first;
    items = items.slice(1);
  }
  if (!items.some((e) => e.kind === 'list' && headOf(e) === ':action'))
    throw err(
      'LEARN_EMPTY_TRAJECTORY',
      'the trajectory has no action: nothing to learn from',
      t.loc,
      'expected (:state ...) (:action (name args...)) (:state ...) ...',
    );
  const states: SList[] = [];
  const actions: SList[] = [];
  items.forEach((e, i) => {
    const h = e.kind === 'list' ? headOf(e) : undefined;
    const want = i % 2 === 0 ? ':state' : ':action';
    if (e.kind !== 'list' || (h !== ':state' && h !== ':action'))
      throw err(
        'LEARN_SYNTAX',
        `expected (${want} ...), found ${e.kind === 'symbol' ? `'${e.value}'` : showSExpr(e).slice(0, 40)}`,
        e.loc,
        h === ':objects' ? '(:objects ...) comes first' : undefined,
      );
    if (h !== want)
      throw err(
        'LEARN_SYNTAX',
        want === ':state'
          ? 'expected (:state ...) after the action: the state it led to is missing'
          : 'expected (:action ...) between two states',
        e.loc,
      );
    (h === ':state' ? states : actions).push(e);
  });
  if (actions.length === states.length)
    throw err(
      'LEARN_TRUNCATED_TRAJECTORY',
      'the trajectory ends with an action: the state after it is missing',
      actions[actions.length - 1]!.loc,
      'was the file cut short?',
    );
  return objects === undefined ? { states, actions } : { objects, states, actions };
}

/**
 * Reads one trajectory. `objects` (e.g. from the problem the trajectory was generated
 * from) declares the objects when the file has no (:objects) section.
 */
export function parseTrajectory(
  text: string,
  vocabulary: Domain,
  file?: string,
  objects?: readonly TypedName[],
): Trajectory {
  const t = readTop(text, file);
  const parts = sections(t);
  const own = parts.objects === undefined ? undefined : readObjects(parts.objects, vocabulary);
  const given = own ?? objects;
  const r: Reader = {
    vocabulary,
    predicates: new Map(vocabulary.predicates.map((p) => [p.name, p.params])),
    usages: [],
    declared:
      given === undefined
        ? undefined
        : new Set([...given, ...vocabulary.constants].map((o) => o.name)),
  };
  const states = parts.states.map((s) => new Set(s.items.slice(1).map((e) => readFact(e, r))));
  const calls = parts.actions.map((a) => readAction(a, r));
  const typed = given === undefined ? inferObjects(vocabulary, r.usages) : [...given];
  typeChecker(vocabulary, typed).check(r.usages);
  const source = file ?? 'trajectory';
  const transitions: Transition[] = calls.map((c, i) => {
    const loc = parts.actions[i]!.loc;
    return {
      ...c,
      before: states[i]!,
      after: states[i + 1]!,
      label: `${source}:${loc.line}:${loc.col} step ${i + 1}`,
      loc,
    };
  });
  return { source, objects: typed, transitions };
}
