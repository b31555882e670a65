/**
 * Why the goal is not reached. For a derived goal atom, the reasoner's why-not (the
 * rules and the premise that fails). For a basic atom, the actions that could make it
 * true and, for their derived preconditions, the reasoner's why-not again — so
 * "(hired david)" is explained by "(qualified david ...)" failing on his motive.
 */
import type { ActionDef, Condition, Effect } from '../pddl/ast.js';
import { holds, unmetParts } from '../planner/validator/world.js';
import type { TeamKnowledge } from './knowledge.js';
import { stateView } from './state.js';
import type { Mission } from './types.js';

/** Atoms an effect adds, with the action's variables. */
function addedAtoms(e: Effect, out: { predicate: string; args: string[] }[]): void {
  if (e.kind === 'and') for (const x of e.args) addedAtoms(x, out);
  else if (e.kind === 'add') out.push(e.atom);
  else if (e.kind === 'when' || e.kind === 'forall') addedAtoms(e.body, out);
}

function positiveAtoms(c: Condition | undefined, out: { predicate: string; args: string[] }[]): void {
  if (c === undefined) return;
  if (c.kind === 'atom') out.push(c.atom);
  else if (c.kind === 'and') for (const x of c.args) positiveAtoms(x, out);
}

export function explainGoal(mission: Mission, goal: Condition, facts: ReadonlySet<string>, knowledge?: TeamKnowledge): string[] {
  const view = stateView(mission, knowledge === undefined || mission.rules === '' ? undefined : () => knowledge.derivedKeys());
  const full = view.closure(facts);
  const out: string[] = [];
  const derivedNames = new Set(mission.domain.derived.map((d) => d.head.name));

  /** Why-not lines for a derived atom with possibly unbound variables: the first few ground instances. */
  const whyDerived = (pred: string, args: string[], params: Map<string, string[]>): string[] => {
    const lines: string[] = [];
    const instances: string[][] = [[]];
    for (const a of args) {
      const values = a.startsWith('?') ? params.get(a) ?? [] : [a];
      const next: string[][] = [];
      for (const i of instances) for (const v of values) next.push([...i, v]);
      instances.splice(0, instances.length, ...next.slice(0, 50));
    }
    for (const inst of instances) {
      const key = [pred, ...inst].join(' ');
      if (full.has(key)) continue;
      const w = knowledge?.whyNot(key);
      if (w !== undefined) lines.push(...w);
      if (lines.length > 12) break;
    }
    return lines;
  };

  const achievers = (pred: string, args: string[]): string[] => {
    const lines: string[] = [];
    for (const a of mission.domain.actions as ActionDef[]) {
      const adds: { predicate: string; args: string[] }[] = [];
      addedAtoms(a.effect, adds);
      for (const add of adds.filter((x) => x.predicate === pred)) {
        const bind = new Map<string, string>();
        if (!add.args.every((x, i) => (x.startsWith('?') ? (bind.get(x) ?? args[i]) === args[i] && (bind.set(x, args[i]!), true) : x === args[i]))) continue;
        const params = new Map(a.params.map((p) => [p.name, view.world.types.objectsOf(p.types)]));
        for (const [k, v] of bind) params.set(k, [v]);
        const pres: { predicate: string; args: string[] }[] = [];
        positiveAtoms(a.precondition, pres);
        for (const p of pres.filter((x) => derivedNames.has(x.predicate))) {
          const bound = p.args.map((x) => bind.get(x) ?? x);
          const why = whyDerived(p.predicate, bound, params);
          if (why.length > 0) lines.push(`${a.name} could make (${[pred, ...args].join(' ')}) true but needs (${[p.predicate, ...bound].join(' ')}):`, ...why.map((l) => `  ${l}`));
        }
      }
    }
    return lines;
  };

  const visit = (c: Condition): void => {
    if (c.kind === 'and') { c.args.forEach(visit); return; }
    if (holds(c, new Map(), full, view.world)) return;
    if (c.kind === 'atom' && derivedNames.has(c.atom.predicate)) {
      const lines = knowledge?.whyNot([c.atom.predicate, ...c.atom.args].join(' '));
      if (lines !== undefined) { out.push(...lines); return; }
    }
    const parts = unmetParts(c, new Map(), full, view.world);
    for (const p of parts) out.push(`${p} is false in the observed state and the team has no plan to make it true`);
    if (c.kind === 'atom') out.push(...achievers(c.atom.predicate, c.atom.args));
  };
  visit(goal);
  return out;
}
