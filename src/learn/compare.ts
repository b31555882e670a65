/**
 * A declared action model against what the observations show: a declared precondition
 * that was false when the action succeeded, a declared effect that did not happen or
 * was never seen, and an observed change the declaration does not predict.
 */
import type { ActionDef, Condition, Domain, Effect, Problem } from '../pddl/ast.js';
import { formatCondition } from '../pddl/index.js';
import { collectEffects, holds, makeWorld } from '../planner/validator/index.js';
import type { PddlWorld } from '../planner/validator/index.js';
import type { Trajectory, Transition } from './types.js';

export type ContradictionKind =
  /** A declared precondition was false before a step that succeeded. */
  | 'precondition-false'
  /** A declared effect did not hold after a step. */
  | 'effect-not-happened'
  /** A declared effect never changed anything: it held already every time (or the opposite for a delete). */
  | 'effect-never-observed'
  /** A fact changed that the declared effects do not predict. */
  | 'change-not-declared';

export interface Contradiction {
  action: string;
  kind: ContradictionKind;
  /** The declared precondition or effect, or the observed change, lifted: `(hired ?c)`, `(not (open ?r))`. */
  literal: string;
  /** Observations that show it, out of `observations`. */
  count: number;
  observations: number;
  /** The first observation that shows it: label, call and ground fact. */
  first?: string;
  message: string;
}

const call = (t: Transition) => `(${[t.action, ...t.args].join(' ')})`;
const key = (predicate: string, args: readonly string[]) =>
  args.length === 0 ? predicate : `${predicate} ${args.join(' ')}`;

function conjuncts(c: Condition | undefined): Condition[] {
  if (c === undefined) return [];
  return c.kind === 'and' ? c.args.flatMap(conjuncts) : [c];
}

function effectLiterals(
  e: Effect,
): { atom: { predicate: string; args: string[] }; add: boolean }[] {
  if (e.kind === 'and') return e.args.flatMap(effectLiterals);
  if (e.kind === 'add' || e.kind === 'delete') return [{ atom: e.atom, add: e.kind === 'add' }];
  return [];
}

interface Tally {
  count: number;
  first?: string;
}

function tally(map: Map<string, Tally>, literal: string, first: () => string): void {
  const t = map.get(literal) ?? { count: 0 };
  t.count++;
  t.first ??= first();
  map.set(literal, t);
}

/** Lifts a ground fact through a step's binding: each argument as the first parameter bound to it. */
function lift(action: ActionDef, t: Transition, fact: string): string {
  const [p, ...args] = fact.split(' ');
  return `(${[p, ...args.map((a) => action.params[t.args.indexOf(a)]?.name ?? a)].join(' ')})`;
}

interface Findings {
  pre: Map<string, Tally>;
  notHappened: Map<string, Tally>;
  changed: Map<string, Tally>;
  /** Declared effects seen changing a fact at least once. */
  seen: Set<string>;
}

const showEffect = (e: ReturnType<typeof effectLiterals>[number]) => {
  const a = formatCondition({ kind: 'atom', atom: e.atom });
  return e.add ? a : `(not ${a})`;
};

/** Tallies what one observation shows against the declared model. */
function observe(
  action: ActionDef,
  t: Transition,
  world: PddlWorld,
  derived: ReadonlySet<string>,
  f: Findings,
): void {
  const b = new Map(action.params.map((p, i) => [p.name, t.args[i]!]));
  const at = (fact?: string) => `${t.label} ${call(t)}${fact === undefined ? '' : `: ${fact}`}`;
  for (const c of conjuncts(action.precondition))
    if (!holds(c, b, t.before, world)) tally(f.pre, formatCondition(c), () => at());
  const out = { adds: [] as string[], deletes: [] as string[], cost: 0 };
  collectEffects(action.effect, b, t.before, world, out);
  for (const e of effectLiterals(action.effect)) {
    const g = key(
      e.atom.predicate,
      e.atom.args.map((x) => b.get(x) ?? x),
    );
    const wrong = e.add ? !t.after.has(g) : t.after.has(g) && !out.adds.includes(g);
    if (wrong)
      tally(f.notHappened, showEffect(e), () => at(`(${g}) is ${e.add ? 'false' : 'true'} after`));
    else if (e.add ? !t.before.has(g) : t.before.has(g)) f.seen.add(showEffect(e));
  }
  const predicted = new Set([...out.adds, ...out.deletes]);
  const changes = [
    ...[...t.after].filter((x) => !t.before.has(x)).map((x) => ({ x, add: true })),
    ...[...t.before].filter((x) => !t.after.has(x)).map((x) => ({ x, add: false })),
  ];
  for (const { x, add } of changes) {
    if (predicted.has(x) || derived.has(x.split(' ', 1)[0]!)) continue;
    const lifted = lift(action, t, x);
    tally(f.changed, add ? lifted : `(not ${lifted})`, () =>
      at(`(${x}) became ${add ? 'true' : 'false'}`),
    );
  }
}

function compareAction(
  action: ActionDef,
  obs: { t: Transition; world: PddlWorld }[],
  derived: ReadonlySet<string>,
): Contradiction[] {
  const f: Findings = {
    pre: new Map(),
    notHappened: new Map(),
    changed: new Map(),
    seen: new Set(),
  };
  for (const { t, world } of obs) observe(action, t, world, derived, f);
  const n = obs.length;
  const all = `${n} observation${n === 1 ? '' : 's'}`;
  const of = (t: Tally) => `${t.count} of ${all}, first at ${t.first}`;
  const make = (
    kind: ContradictionKind,
    literal: string,
    t: Tally,
    message: string,
  ): Contradiction => ({
    action: action.name,
    kind,
    literal,
    count: t.count,
    observations: n,
    ...(t.first === undefined ? {} : { first: t.first }),
    message: `${action.name}: ${message}`,
  });
  const never = effectLiterals(action.effect)
    .map(showEffect)
    .filter((l) => !f.seen.has(l) && !f.notHappened.has(l));
  return [
    ...[...f.pre].map(([l, t]) =>
      make(
        'precondition-false',
        l,
        t,
        `declared precondition ${l} was false when the action succeeded (${of(t)})`,
      ),
    ),
    ...[...f.notHappened].map(([l, t]) =>
      make('effect-not-happened', l, t, `declared effect ${l} did not happen (${of(t)})`),
    ),
    ...never.map((l) =>
      make(
        'effect-never-observed',
        l,
        { count: n },
        `declared effect ${l} was never observed: it ${l.startsWith('(not') ? 'was already false' : 'already held'} in all ${all}`,
      ),
    ),
    ...[...f.changed].map(([l, t]) =>
      make(
        'change-not-declared',
        l,
        t,
        `observed change ${l} is not in the declared effect (${of(t)})`,
      ),
    ),
  ];
}

/**
 * Compares the declared models of `declared`'s actions with the transitions of
 * `trajectories`. Actions never observed are not compared.
 */
export function compareWithDeclared(
  declared: Domain,
  trajectories: readonly Trajectory[],
): Contradiction[] {
  const derived = new Set(declared.derived.map((d) => d.head.name));
  const byAction = new Map<string, { t: Transition; world: PddlWorld }[]>();
  for (const traj of trajectories) {
    const problem: Problem = {
      name: traj.source,
      domain: declared.name,
      requirements: [],
      objects: traj.objects,
      init: [],
      numericInit: [],
      goal: { kind: 'and', args: [] },
    };
    const world = makeWorld(declared, problem);
    for (const t of traj.transitions) {
      const list = byAction.get(t.action) ?? [];
      list.push({ t, world });
      byAction.set(t.action, list);
    }
  }
  return declared.actions.flatMap((a) => {
    const obs = byAction.get(a.name);
    return obs === undefined ? [] : compareAction(a, obs, derived);
  });
}
