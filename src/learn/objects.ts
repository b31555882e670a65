/**
 * The objects of a trajectory and their types: checked when declared, inferred from
 * where each object appears (predicate arguments, action parameters) when not.
 */
import type { SourceLocation } from '../errors.js';
import type { Domain, TypedName } from '../pddl/ast.js';
import { LearnError } from './errors.js';
import { typeLattice } from './lifted.js';

/** One place an object appears, and the types that place admits. */
export interface Usage {
  object: string;
  types: string[];
  loc: SourceLocation;
  /** e.g. "argument 1 of on", "parameter ?x of stack". */
  where: string;
}

const showTypes = (ts: readonly string[]) => ts.join(' or ');
const at = (l: SourceLocation) => `${l.line}:${l.col}`;

/** Objects with the most general type that fits every place they appear; LEARN_WRONG_TYPE when none does. */
export function inferObjects(vocabulary: Domain, usages: readonly Usage[]): TypedName[] {
  const lattice = typeLattice(vocabulary);
  const constants = new Set(vocabulary.constants.map((c) => c.name));
  const all = vocabulary.types.map((t) => t.name);
  const seen = new Map<string, { candidates: string[]; first: Usage }>();
  for (const u of usages) {
    if (constants.has(u.object)) continue;
    const entry = seen.get(u.object) ?? { candidates: all, first: u };
    const next = entry.candidates.filter((t) => u.types.some((x) => lattice.isA(t, x)));
    if (next.length === 0)
      throw new LearnError(
        'LEARN_WRONG_TYPE',
        `object '${u.object}' is used as ${showTypes(u.types)} (${u.where}) but earlier as ${showTypes(entry.first.types)} (${entry.first.where}, at ${at(entry.first.loc)})`,
        { location: u.loc, hint: 'no type of the vocabulary is both; check the object name' },
      );
    seen.set(u.object, { candidates: next, first: entry.first });
  }
  return [...seen].map(([name, { candidates }]) => {
    const top = candidates.find((c) => !candidates.some((o) => o !== c && lattice.isA(c, o)));
    return { name, types: [top ?? candidates[0]!] };
  });
}

/** Checks every usage against the declared types of objects and constants. */
export function typeChecker(vocabulary: Domain, objects: readonly TypedName[]) {
  const lattice = typeLattice(vocabulary);
  const types = new Map([...vocabulary.constants, ...objects].map((o) => [o.name, o.types]));
  return {
    check(usages: readonly Usage[]): void {
      for (const u of usages) {
        const own = types.get(u.object);
        if (own === undefined || own.some((t) => u.types.some((x) => lattice.isA(t, x)))) continue;
        throw new LearnError(
          'LEARN_WRONG_TYPE',
          `object '${u.object}' is ${showTypes(own)}, but ${u.where} expects ${showTypes(u.types)}`,
          { location: u.loc, hint: `check the object or the type declared for '${u.object}'` },
        );
      }
    },
  };
}
