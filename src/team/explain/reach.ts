/**
 * What the team could reach if nothing were ever undone, from the planner's own grounding
 * of the state's planning task (the delete relaxation; derived predicates that no action
 * changes keep their exact value, as when planning), and the atoms of a mission matched
 * against it without enumerating bindings.
 */
import type { Atom, Domain } from '../../pddl/ast.js';
import { ground, planningTask } from '../planning.js';
import type { DerivedSplit } from '../planning.js';
import type { StateView } from '../state-view.js';
import type { Mission } from '../types.js';

/** Variable -> object. */
export type Binding = ReadonlyMap<string, string>;

/** "pred a b" for an atom under a binding (unbound variables stay `?x`). */
export const atomKey = (a: Atom, b: Binding): string =>
  [a.predicate, ...a.args.map((x) => (x.startsWith('?') ? (b.get(x) ?? x) : x))].join(' ');

/** Reachable atoms as "pred a b" keys, indexed by predicate. */
export interface Reach {
  has(key: string): boolean;
  /** The reachable atoms of a predicate, as argument lists. */
  argsOf(predicate: string): readonly string[][];
}

/** How long the grounding of an explanation may take. */
const GROUND_BUDGET_MS = 10_000;

/**
 * The atoms reachable from `facts` in the delete relaxation: the observed facts with
 * everything derived from them, plus every atom the planner's grounding reaches.
 * Undefined when the grounding ran out of its time budget.
 */
export function reachable(
  mission: Mission,
  split: DerivedSplit,
  view: StateView,
  facts: ReadonlySet<string>,
): Reach | undefined {
  const keys = new Set(view.closure(facts));
  const task = planningTask(mission, mission.domain, split, view, facts, {
    kind: 'and',
    args: [],
  });
  const deadline = performance.now() + GROUND_BUDGET_MS;
  let stopped = false;
  try {
    const grounded = ground(task.domain, task.problem, () => {
      stopped = performance.now() > deadline;
      return stopped ? 'time' : undefined;
    });
    for (const f of grounded.facts) keys.add(f.slice(1, -1));
  } catch (err) {
    if (stopped) return undefined;
    throw err;
  }
  const byPred = new Map<string, string[][]>();
  for (const k of keys) {
    const [p, ...args] = k.split(' ');
    const list = byPred.get(p!) ?? [];
    list.push(args);
    byPred.set(p!, list);
  }
  return { has: (k) => keys.has(k), argsOf: (p) => byPred.get(p) ?? [] };
}

/** Variable -> its types (untyped variables range over every object). */
export type VarTypes = ReadonlyMap<string, readonly string[]>;

/**
 * Whether some binding of `atom`'s free variables (extending `b`, respecting their types)
 * makes it reachable: matched against the reachable atoms of its predicate.
 */
export function someReachable(
  reach: Reach,
  atom: Atom,
  b: Binding,
  types: VarTypes,
  isOfType: (object: string, types: readonly string[]) => boolean,
): boolean {
  return reach.argsOf(atom.predicate).some((args) => {
    if (args.length !== atom.args.length) return false;
    const local = new Map(b);
    return atom.args.every((v, i) => {
      const o = args[i]!;
      if (!v.startsWith('?')) return v === o;
      const bound = local.get(v);
      if (bound !== undefined) return bound === o;
      const t = types.get(v);
      if (t !== undefined && !isOfType(o, t)) return false;
      local.set(v, o);
      return true;
    });
  });
}

/** Explanations list at most this many instances of an atom; the rest are counted. */
export const MAX_INSTANCES = 200;

/**
 * The ground instances of `atom` over its free variables (extending `b`, by type), at
 * most MAX_INSTANCES of them, and how many more there are.
 */
export function instancesOf(
  atom: Atom,
  b: Binding,
  types: VarTypes,
  objectsOf: (types: readonly string[]) => readonly string[],
): { keys: string[]; more: number } {
  const own = new Set(atom.args.filter((v) => v.startsWith('?') && !b.has(v)));
  // In the order the variables are declared (an action's parameters), then the others.
  const free = [
    ...[...types.keys()].filter((v) => own.has(v)),
    ...[...own].filter((v) => !types.has(v)),
  ];
  const domains = free.map((v) => objectsOf(types.get(v) ?? ['object']));
  const total = domains.reduce((n, d) => n * d.length, 1);
  const keys: string[] = [];
  const walk = (i: number, env: Map<string, string>): void => {
    if (keys.length >= MAX_INSTANCES) return;
    if (i === free.length) {
      keys.push(atomKey(atom, env));
      return;
    }
    for (const o of domains[i]!) walk(i + 1, new Map(env).set(free[i]!, o));
  };
  walk(0, new Map(b));
  return { keys: [...new Set(keys)], more: Math.max(0, total - keys.length) };
}

/** The types of an action's parameters (or a rule's variables), by name. */
export function typesOf(params: Domain['actions'][number]['params']): VarTypes {
  return new Map(params.map((p) => [p.name, p.types]));
}
