/** Facts as "pred a b" keys (the validator's form), and the planning problem of a state. */
import type { Atom, Condition, Problem } from '../pddl/ast.js';
import type { Mission } from './types.js';

export function factKey(predicate: string, args: readonly string[]): string {
  return args.length === 0 ? predicate : `${predicate} ${args.join(' ')}`;
}

export function keyToAtom(key: string): Atom {
  const [predicate, ...args] = key.split(' ');
  return { predicate: predicate!, args };
}

/** "pred a b" -> "(pred a b)" */
export function showFact(key: string): string {
  return `(${key})`;
}

/** `(pred a b)` -> atom, or undefined when the text is not one ground atom. */
export function parseAtomText(text: string): Atom | undefined {
  const m = /^\s*\(\s*([a-zA-Z][\w-]*)((?:\s+[a-zA-Z0-9_][\w-]*)*)\s*\)\s*$/.exec(text);
  if (m === null) return undefined;
  const args = m[2]!.trim() === '' ? [] : m[2]!.trim().toLowerCase().split(/\s+/);
  return { predicate: m[1]!.toLowerCase(), args };
}

const ownObjects = new WeakMap<Mission, { name: string; types: string[] }[]>();

/** The mission's objects that are not already constants of its domain. */
function objectsOf(mission: Mission): { name: string; types: string[] }[] {
  let hit = ownObjects.get(mission);
  if (hit === undefined) {
    const constants = new Set(mission.domain.constants.map((c) => c.name));
    hit = mission.objects
      .filter((o) => !constants.has(o.name))
      .map((o) => ({ name: o.name, types: [o.type] }));
    ownObjects.set(mission, hit);
  }
  return hit;
}

/** The planning problem from a state of basic facts toward `goal`. */
export function problemFor(mission: Mission, facts: Iterable<string>, goal: Condition): Problem {
  return {
    name: `${mission.name}-state`,
    domain: mission.domain.name,
    requirements: [],
    objects: objectsOf(mission),
    init: [...facts].map(keyToAtom),
    numericInit: [],
    goal,
  };
}
