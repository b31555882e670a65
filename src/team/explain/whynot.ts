/**
 * Why the goal cannot be reached. The planner's grounding gives what the team could
 * reach if nothing were ever undone (reach.ts). We walk back from the unreachable goal
 * atoms — through derived rules and through the actions that could achieve them — down
 * to the facts that block everything, and give the reasoner's why-not for those:
 * "(announced paris)" is explained by no candidate being qualified as ml engineer any more.
 */
import type { ActionDef, Atom, Condition, DerivedDef, Effect } from '../../pddl/ast.js';
import { holds, unmetParts } from '../../planner/validator/index.js';
import type { TeamKnowledge } from '../knowledge.js';
import { splitDerived } from '../planning.js';
import { stateView } from '../state-view.js';
import type { StateView } from '../state-view.js';
import type { Mission } from '../types.js';
import { atomKey, instancesOf, reachable, someReachable, typesOf } from './reach.js';
import type { Binding, Reach, VarTypes } from './reach.js';

/** The why-not lines for an unreachable goal. */
export function explainGoal(
  mission: Mission,
  goal: Condition,
  facts: ReadonlySet<string>,
  knowledge?: TeamKnowledge,
): string[] {
  return explainGoalDetail(mission, goal, facts, knowledge).lines;
}

/** What the walk back from the goal works with. */
interface Walk {
  mission: Mission;
  view: StateView;
  knowledge: TeamKnowledge | undefined;
  /** Derived predicates no action changes: their why-not is the reasoner's. */
  staticNames: ReadonlySet<string>;
  reach: Reach;
  derivedDefs: ReadonlyMap<string, DerivedDef[]>;
  /** Atoms already explained (each once). */
  seen: Set<string>;
  /** Idle actions already named (each once). */
  idleNamed: Set<string>;
}

/** The why-not lines, and the capabilities no agent has that the explanation needed. */
export function explainGoalDetail(
  mission: Mission,
  goal: Condition,
  facts: ReadonlySet<string>,
  knowledge?: TeamKnowledge,
): { lines: string[]; missingCapabilities: string[] } {
  const view = stateView(
    mission,
    knowledge === undefined || mission.rules === '' ? undefined : () => knowledge.derivedKeys(),
  );
  const split = splitDerived(mission.domain);
  const reach = reachable(mission, split, view, facts);
  if (reach === undefined)
    return {
      lines: ['the explanation stopped: grounding the mission took longer than its budget'],
      missingCapabilities: [],
    };
  const derivedDefs = new Map<string, DerivedDef[]>();
  for (const d of mission.domain.derived)
    derivedDefs.set(d.head.name, [...(derivedDefs.get(d.head.name) ?? []), d]);
  const w: Walk = {
    mission,
    view,
    knowledge,
    staticNames: split.staticNames,
    reach,
    derivedDefs,
    seen: new Set(),
    idleNamed: new Set(),
  };
  const exact = view.closure(facts);
  const out: string[] = [];
  const visit = (c: Condition): void => {
    if (c.kind === 'and') return c.args.forEach(visit);
    if (holds(c, new Map(), exact, view.world)) return;
    if (c.kind === 'atom' && !reach.has(atomKey(c.atom, new Map())))
      return explain(w, atomKey(c.atom, new Map()), 0, out);
    for (const p of unmetParts(c, new Map(), exact, view.world))
      out.push(`${p} is false and the planner found no way to make it true`);
  };
  visit(goal);
  const missingCapabilities = [
    ...new Set(
      (mission.idle ?? []).filter((x) => w.idleNamed.has(x.action.name)).map((x) => x.capability),
    ),
  ];
  return { lines: out, missingCapabilities };
}

/** Explains why `k` ("pred a b") can never become true from here. */
function explain(w: Walk, k: string, depth: number, out: string[]): void {
  if (w.seen.has(k) || out.length > 40) return;
  w.seen.add(k);
  const pad = '  '.repeat(depth);
  const [pred, ...args] = k.split(' ') as [string, ...string[]];
  if (w.staticNames.has(pred)) {
    const lines = w.knowledge?.whyNot(k) ?? [`(${k}) does not hold`];
    out.push(...lines.map((l) => pad + l));
    return;
  }
  const defs = w.derivedDefs.get(pred);
  if (defs !== undefined) return explainDerived(w, k, defs, depth, out);
  const achievers = achieversOf(w, pred, args);
  const missing = idleFor(w, pred, args);
  if (achievers.length === 0) {
    out.push(
      `${pad}(${k}) is false and no action of the team can make it true${missing === undefined ? '' : `: ${missing}`}`,
    );
    return;
  }
  out.push(`${pad}(${k}) is false and can never be achieved:`);
  if (missing !== undefined) out.push(`${pad}  ${missing}`);
  for (const { a, b } of achievers) explainAchiever(w, a, b, depth, out);
}

/** A derived atom: the premises of its rules that can never hold. */
function explainDerived(
  w: Walk,
  k: string,
  defs: readonly DerivedDef[],
  depth: number,
  out: string[],
): void {
  const args = k.split(' ').slice(1);
  out.push(`${'  '.repeat(depth)}(${k}) cannot be derived: its rule needs`);
  for (const d of defs) {
    const b: Binding = new Map(d.head.params.map((p, i) => [p.name, args[i]!]));
    const types: VarTypes = d.body.kind === 'exists' ? typesOf(d.body.params) : new Map();
    const body: Atom[] = [];
    positives(d.body, body);
    for (const x of body) {
      if (someReachable(w.reach, x, b, types, isOfType(w))) continue;
      const inst = instancesOf(x, b, types, objectsOf(w));
      closestFirst(w, { ...inst, keys: inst.keys.filter((i) => sensible(w, i)) }, depth + 1, out);
    }
  }
}

/** An action that could achieve the atom: the first precondition it can never reach. */
function explainAchiever(w: Walk, a: ActionDef, b: Binding, depth: number, out: string[]): void {
  const pad = '  '.repeat(depth);
  const types = typesOf(a.params);
  const pre: Atom[] = [];
  positives(a.precondition, pre);
  const p = pre.find((x) => !someReachable(w.reach, x, b, types, isOfType(w)));
  if (p === undefined) return;
  const shown = `(${atomKey(p, b)})`;
  const free = [...new Set(p.args.filter((v) => v.startsWith('?') && !b.has(v)))];
  out.push(
    `${pad}  ${a.name} needs ${shown}${free.length > 0 ? ` for some value of ${free.join(', ')}` : ''}, never reachable:`,
  );
  closestFirst(w, instancesOf(p, b, types, objectsOf(w)), depth + 2, out);
}

/**
 * Explains several instances (e.g. every candidate): the two closest to holding in full
 * — closest meaning the reasoner got furthest in a rule before a premise failed — and
 * the others by name (and how many were not listed).
 */
function closestFirst(
  w: Walk,
  inst: { keys: string[]; more: number },
  depth: number,
  out: string[],
): void {
  const explained = inst.keys.map((k) => {
    const lines: string[] = [];
    explain(w, k, depth, lines);
    const score = Math.max(
      0,
      ...lines.map((l) => Number(/fails at premise (\d+)/.exec(l)?.[1] ?? 0)),
    );
    return { k, lines, score };
  });
  explained.sort((x, y) => y.score - x.score);
  for (const e of explained.slice(0, 2)) out.push(...e.lines);
  const others = explained.slice(2).map((e) => `(${e.k})`);
  if (others.length > 0 || inst.more > 0)
    out.push(
      `${'  '.repeat(depth)}... and likewise ${others.join(', ')}${inst.more > 0 ? `${others.length > 0 ? ', ' : ''}${inst.more} more instances` : ''}`,
    );
}

const isOfType =
  (w: Walk) =>
  (o: string, types: readonly string[]): boolean =>
    w.view.world.types.isOfType(o, types);
const objectsOf =
  (w: Walk) =>
  (types: readonly string[]): readonly string[] =>
    w.view.world.types.objectsOf(types);

/** The actions that add `pred(args)`, with their parameters bound by it (type-checked). */
function achieversOf(
  w: Walk,
  pred: string,
  args: readonly string[],
  actions: readonly ActionDef[] = w.mission.domain.actions,
): { a: ActionDef; b: Binding }[] {
  return actions.flatMap((a) =>
    addsOf(a.effect)
      .filter((x) => x.predicate === pred && x.args.length === args.length)
      .flatMap((x) => {
        const b = new Map<string, string>();
        const ok = x.args.every((v, i) => {
          if (!v.startsWith('?')) return v === args[i];
          if (b.has(v)) return b.get(v) === args[i];
          const param = a.params.find((p) => p.name === v);
          if (param !== undefined && !w.view.world.types.isOfType(args[i]!, param.types))
            return false;
          b.set(v, args[i]!);
          return true;
        });
        return ok ? [{ a, b }] : [];
      }),
  );
}

/** Idle actions (no agent can carry them out) that could make `pred(args)` true, once each. */
function idleFor(w: Walk, pred: string, args: readonly string[]): string | undefined {
  const idle = (w.mission.idle ?? []).filter((x) => !w.idleNamed.has(x.action.name));
  const could = achieversOf(
    w,
    pred,
    args,
    idle.map((x) => x.action),
  ).map(({ a }) => a.name);
  const named = idle.filter((x) => could.includes(x.action.name));
  if (named.length === 0) return undefined;
  for (const x of named) w.idleNamed.add(x.action.name);
  const caps = [...new Set(named.map((x) => x.capability))];
  return `${named.map((x) => x.action.name).join(', ')} could make it true, but no agent has the capabilit${caps.length === 1 ? 'y' : 'ies'} ${caps.map((c) => `'${c}'`).join(', ')}`;
}

/** An instance no action could ever produce because of its types is not worth explaining. */
function sensible(w: Walk, k: string): boolean {
  const [pred, ...args] = k.split(' ') as [string, ...string[]];
  const produced = w.mission.domain.actions.some((a) =>
    addsOf(a.effect).some((x) => x.predicate === pred),
  );
  return !produced || achieversOf(w, pred, args).length > 0;
}

/** Positive atoms of a conjunction; variables of an `exists` stay free (`?x`). */
function positives(c: Condition | undefined, out: Atom[]): void {
  if (c === undefined) return;
  if (c.kind === 'atom' && c.atom.predicate !== '=') out.push(c.atom);
  else if (c.kind === 'and') for (const x of c.args) positives(x, out);
  else if (c.kind === 'exists') positives(c.body, out);
}

/** Atoms an effect adds (conditional and universal ones included). */
function addsOf(e: Effect, out: Atom[] = []): Atom[] {
  if (e.kind === 'and') for (const x of e.args) addsOf(x, out);
  else if (e.kind === 'add') out.push(e.atom);
  else if (e.kind === 'when' || e.kind === 'forall') addsOf(e.body, out);
  return out;
}
