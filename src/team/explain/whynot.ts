/**
 * Why the goal cannot be reached. We compute what the team could reach if nothing were
 * ever undone (the delete relaxation: actions applied without their deletes, negative
 * conditions ignored; derived predicates that no action changes keep their exact value).
 * Then we walk back from the unreachable goal atoms — through derived rules and through
 * the actions that could achieve them — down to the facts that block everything, and give
 * the reasoner's why-not for those: "(announced paris)" is explained by no candidate being
 * qualified as ml engineer any more.
 */
import type { Atom, Condition, DerivedDef, Domain, Effect, TypedName } from '../../pddl/ast.js';
import { holds, unmetParts } from '../../planner/validator/index.js';
import type { TeamKnowledge } from '../knowledge.js';
import { splitDerived } from '../run/loop.js';
import { stateView } from '../state-view.js';
import type { Mission } from '../types.js';

type B = Map<string, string>;
const key = (a: Atom, b: ReadonlyMap<string, string>): string =>
  [a.predicate, ...a.args.map((x) => (x.startsWith('?') ? (b.get(x) ?? x) : x))].join(' ');
const MAX_GROUND = 20000;

type ObjectsOf = (types: string[]) => string[];

/** Relaxed truth: negations, implications and universal parts are taken as satisfiable. */
function relaxed(
  c: Condition | undefined,
  b: B,
  r: ReadonlySet<string>,
  objectsOf: ObjectsOf,
): boolean {
  if (c === undefined) return true;
  switch (c.kind) {
    case 'atom': {
      const k = key(c.atom, b).split(' ');
      return c.atom.predicate === '=' ? k[1] === k[2] : r.has(k.join(' '));
    }
    case 'and':
      return c.args.every((x) => relaxed(x, b, r, objectsOf));
    case 'or':
      return c.args.some((x) => relaxed(x, b, r, objectsOf));
    case 'exists':
      return bindings(c.params, b, objectsOf).some((bb) => relaxed(c.body, bb, r, objectsOf));
    default:
      return true;
  }
}

/** Positive atoms of a conjunction; variables of an `exists` stay free (`?x`). */
function positives(c: Condition | undefined, out: Atom[]): void {
  if (c === undefined) return;
  if (c.kind === 'atom' && c.atom.predicate !== '=') out.push(c.atom);
  else if (c.kind === 'and') for (const x of c.args) positives(x, out);
  else if (c.kind === 'exists') positives(c.body, out);
}

function adds(e: Effect, out: Atom[]): void {
  if (e.kind === 'and') for (const x of e.args) adds(x, out);
  else if (e.kind === 'add') out.push(e.atom);
  else if (e.kind === 'when' || e.kind === 'forall') adds(e.body, out);
}

/** Every binding of `params` (extending `b`), up to MAX_GROUND. */
function bindings(
  params: readonly TypedName[],
  b: B,
  objectsOf: (types: string[]) => string[],
): B[] {
  let out: B[] = [new Map(b)];
  for (const p of params) {
    if (b.has(p.name)) continue;
    const next: B[] = [];
    for (const x of out)
      for (const o of objectsOf(p.types)) {
        if (next.length >= MAX_GROUND) break;
        next.push(new Map(x).set(p.name, o));
      }
    out = next;
  }
  return out;
}

/** The why-not lines for an unreachable goal. */
export function explainGoal(
  mission: Mission,
  goal: Condition,
  facts: ReadonlySet<string>,
  knowledge?: TeamKnowledge,
): string[] {
  return explainGoalDetail(mission, goal, facts, knowledge).lines;
}

/** The why-not lines, and the capabilities no agent has that the explanation needed. */
export function explainGoalDetail(
  mission: Mission,
  goal: Condition,
  facts: ReadonlySet<string>,
  knowledge?: TeamKnowledge,
): { lines: string[]; missingCapabilities: string[] } {
  const domain: Domain = mission.domain;
  const view = stateView(
    mission,
    knowledge === undefined || mission.rules === '' ? undefined : () => knowledge.derivedKeys(),
  );
  const objectsOf = (t: string[]): string[] => view.world.types.objectsOf(t);
  const exact = view.closure(facts);
  const { staticNames } = splitDerived(domain);
  const dynamic = domain.derived.filter((d) => !staticNames.has(d.head.name));

  // What could be reached if nothing were undone.
  const reach = new Set(exact);
  const ground = domain.actions.flatMap((a) =>
    bindings(a.params, new Map(), objectsOf).map((b) => ({ a, b })),
  );
  for (let changed = true; changed;) {
    changed = false;
    for (const { a, b } of ground) {
      if (!relaxed(a.precondition, b, reach, objectsOf)) continue;
      const as: Atom[] = [];
      adds(a.effect, as);
      for (const x of as) {
        const k = key(x, b);
        if (!k.includes('?') && !reach.has(k)) {
          reach.add(k);
          changed = true;
        }
      }
    }
    for (const d of dynamic) {
      for (const b of bindings(d.head.params, new Map(), objectsOf)) {
        const k = [d.head.name, ...d.head.params.map((p) => b.get(p.name)!)].join(' ');
        if (!reach.has(k) && relaxed(d.body, b, reach, objectsOf)) {
          reach.add(k);
          changed = true;
        }
      }
    }
  }

  const out: string[] = [];
  const seen = new Set<string>();
  const derivedDefs = new Map<string, DerivedDef[]>();
  for (const d of domain.derived)
    derivedDefs.set(d.head.name, [...(derivedDefs.get(d.head.name) ?? []), d]);

  /** The actions that add `pred(args)`, with their parameters bound by it (type-checked). */
  const achieversOf = (
    pred: string,
    args: string[],
    actions: readonly Domain['actions'][number][] = domain.actions,
  ): { a: Domain['actions'][number]; b: B }[] =>
    actions.flatMap((a) => {
      const as: Atom[] = [];
      adds(a.effect, as);
      return as
        .filter((x) => x.predicate === pred && x.args.length === args.length)
        .flatMap((x) => {
          const b: B = new Map();
          const ok = x.args.every((v, i) => {
            if (!v.startsWith('?')) return v === args[i];
            if (b.has(v)) return b.get(v) === args[i];
            const param = a.params.find((p) => p.name === v);
            if (param !== undefined && !view.world.types.isOfType(args[i]!, param.types))
              return false;
            b.set(v, args[i]!);
            return true;
          });
          return ok ? [{ a, b }] : [];
        });
    });
  const hasAnyAchiever = (pred: string): boolean =>
    domain.actions.some((a) => {
      const as: Atom[] = [];
      adds(a.effect, as);
      return as.some((x) => x.predicate === pred);
    });
  /** Idle actions (no agent can carry them out) that could make `pred(args)` true, once each. */
  const idleNamed = new Set<string>();
  const idleFor = (pred: string, args: string[]): string | undefined => {
    const idle = (mission.idle ?? []).filter((x) => !idleNamed.has(x.action.name));
    const could = achieversOf(
      pred,
      args,
      idle.map((x) => x.action),
    ).map(({ a }) => a.name);
    const named = idle.filter((x) => could.includes(x.action.name));
    if (named.length === 0) return undefined;
    for (const x of named) idleNamed.add(x.action.name);
    const caps = [...new Set(named.map((x) => x.capability))];
    return `${named.map((x) => x.action.name).join(', ')} could make it true, but no agent has the capabilit${caps.length === 1 ? 'y' : 'ies'} ${caps.map((c) => `'${c}'`).join(', ')}`;
  };
  /** An instance no action could ever produce because of its types is not worth explaining. */
  const sensible = (k: string): boolean => {
    const [pred, ...args] = k.split(' ') as [string, ...string[]];
    return !hasAnyAchiever(pred) || achieversOf(pred, args).length > 0;
  };

  /**
   * Explains several instances (e.g. every candidate): the two closest to holding in full
   * — closest meaning the reasoner got furthest in a rule before a premise failed — and
   * the others by name.
   */
  const closestFirst = (inst: string[], depth: number, out: string[]): void => {
    const explained = inst.map((k) => {
      const lines: string[] = [];
      explain(k, depth, lines);
      const score = Math.max(
        0,
        ...lines.map((l) => Number(/fails at premise (\d+)/.exec(l)?.[1] ?? 0)),
      );
      return { k, lines, score };
    });
    explained.sort((x, y) => y.score - x.score);
    for (const e of explained.slice(0, 2)) out.push(...e.lines);
    if (explained.length > 2)
      out.push(
        `${'  '.repeat(depth)}... and likewise ${explained
          .slice(2)
          .map((e) => `(${e.k})`)
          .join(', ')}`,
      );
  };

  /** Explains why `k` ("pred a b") can never become true from here. */
  const explain = (k: string, depth: number, out: string[]): void => {
    const pad = '  '.repeat(depth);
    if (seen.has(k) || out.length > 40) return;
    seen.add(k);
    const [pred, ...args] = k.split(' ') as [string, ...string[]];
    if (staticNames.has(pred)) {
      const w = knowledge?.whyNot(k);
      out.push(...(w ?? [`(${k}) does not hold`]).map((l) => pad + l));
      return;
    }
    const defs = derivedDefs.get(pred);
    if (defs !== undefined) {
      out.push(`${pad}(${k}) cannot be derived: its rule needs`);
      for (const d of defs) {
        const b: B = new Map(d.head.params.map((p, i) => [p.name, args[i]!]));
        const body: Atom[] = [];
        positives(d.body, body);
        const free = d.body.kind === 'exists' ? d.body.params : [];
        for (const x of body) {
          const inst = bindings(free, b, objectsOf)
            .map((bb) => key(x, bb))
            .filter(sensible);
          if (inst.some((bk) => reach.has(bk))) continue;
          closestFirst(inst, depth + 1, out);
        }
      }
      return;
    }
    const achievers = achieversOf(pred, args);
    const missing = idleFor(pred, args);
    if (achievers.length === 0) {
      out.push(
        `${pad}(${k}) is false and no action of the team can make it true${missing === undefined ? '' : `: ${missing}`}`,
      );
      return;
    }
    out.push(`${pad}(${k}) is false and can never be achieved:`);
    if (missing !== undefined) out.push(`${pad}  ${missing}`);
    for (const { a, b } of achievers) {
      const pre: Atom[] = [];
      positives(a.precondition, pre);
      // The precondition atoms no binding of the remaining parameters can ever make true.
      const blocked = pre.filter((p) =>
        bindings(a.params, b, objectsOf).every((bb) => !reach.has(key(p, bb))),
      );
      if (blocked.length === 0) continue;
      const p = blocked[0]!;
      const shown = `(${key(p, b)})`;
      out.push(
        `${pad}  ${a.name} needs ${shown}${shown.includes('?') ? ' for some value of ' + [...new Set(p.args.filter((v) => v.startsWith('?') && !b.has(v)))].join(', ') : ''}, never reachable:`,
      );
      const inst = [...new Set(bindings(a.params, b, objectsOf).map((bb) => key(p, bb)))];
      closestFirst(inst, depth + 2, out);
    }
  };

  const visit = (c: Condition): void => {
    if (c.kind === 'and') {
      c.args.forEach(visit);
      return;
    }
    if (holds(c, new Map(), exact, view.world)) return;
    if (c.kind === 'atom' && !reach.has(key(c.atom, new Map()))) {
      explain(key(c.atom, new Map()), 0, out);
      return;
    }
    for (const p of unmetParts(c, new Map(), exact, view.world))
      out.push(`${p} is false and the planner found no way to make it true`);
  };
  visit(goal);
  const missingCapabilities = [
    ...new Set(
      (mission.idle ?? []).filter((x) => idleNamed.has(x.action.name)).map((x) => x.capability),
    ),
  ];
  return { lines: out, missingCapabilities };
}
