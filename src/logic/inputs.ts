/** What the reasoner's API accepts as text or data, turned into data. */
import type { Atom, Program } from './types.js';
import { parseAtom } from './parse.js';
import { loadProgram } from './load.js';
import type { LoadedProgram } from './load.js';

/** Accepts an atom, or its text (`p(a, 1)`). */
export function toAtom(a: Atom | string): Atom {
  return typeof a === 'string' ? parseAtom(a) : a;
}

/** A program from text (its facts packed while parsing) or data. */
export function toProgram(
  p: Program | LoadedProgram | string,
  file?: string,
): Program | LoadedProgram {
  return typeof p === 'string' ? loadProgram(p, file) : p;
}
