/**
 * What the observations say about the effect of each lifted atom of one action.
 *
 * An atom's effect is one of: A (added; whether it is also deleted does not matter, the
 * add wins), D (deleted, not added) or N (untouched). Each atom starts with {A, D, N}
 * and every observation narrows it. When a binding maps several atoms to one fact
 * (two parameters bound to the same object), the observation constrains the group:
 * the fact is true after iff some atom of the group is A, or it was true before and no
 * atom of the group is D. Groups are propagated to a fixpoint; an empty set means no
 * STRIPS model explains the observations, which is reported with the steps that conflict.
 */
import type { SourceLocation } from '../errors.js';
import { LearnError } from './errors.js';

export const ADD = 1;
export const DEL = 2;
export const NONE = 4;
export const ANY = ADD | DEL | NONE;

/** What a group of atoms (one fact) needs: some atom A; some atom D; some atom A or none D. */
export type Need = 'add' | 'del' | 'addOrNoDel';

export interface Constraint {
  members: number[];
  need: Need;
}

/** An observation, as messages name it. */
export interface ObsRef {
  label: string;
  /** The action call, e.g. `(move t1 a b)`. */
  call: string;
  loc?: SourceLocation | undefined;
}

type Kind = 'TT' | 'TF' | 'FT' | 'FF';
const KIND_MASK: Record<Kind, number> = { TT: ADD | NONE, TF: DEL, FT: ADD, FF: DEL | NONE };
const KIND_TEXT: Record<Kind, string> = {
  TT: 'stayed true',
  TF: 'became false',
  FT: 'became true',
  FF: 'stayed false',
};
const kindOf = (before: boolean, after: boolean): Kind =>
  before ? (after ? 'TT' : 'TF') : after ? 'FT' : 'FF';

/** Whether the constraint holds whatever the undecided atoms turn out to be. */
export function surely(c: Constraint, m: readonly number[]): boolean {
  if (c.need === 'del') return c.members.some((i) => m[i] === DEL);
  return (
    c.members.some((i) => m[i] === ADD) ||
    (c.need === 'addOrNoDel' && c.members.every((i) => (m[i]! & DEL) === 0))
  );
}

/**
 * Narrows `masks` by the constraints to a fixpoint. Returns the index of a constraint
 * that cannot hold (and leaves `masks` partly narrowed), or -1.
 */
export function propagate(masks: number[], constraints: readonly Constraint[]): number {
  for (let changed = true; changed;) {
    changed = false;
    for (let k = 0; k < constraints.length; k++) {
      const r = narrow(masks, constraints[k]!);
      if (r === 'fail') return k;
      if (r) changed = true;
    }
  }
  return -1;
}

function narrow(m: number[], c: Constraint): boolean | 'fail' {
  const set = (i: number, allowed: number): boolean | 'fail' => {
    const next = m[i]! & allowed;
    if (next === m[i]) return false;
    if (next === 0) return 'fail';
    m[i] = next;
    return true;
  };
  const can = (bit: number) => c.members.filter((i) => (m[i]! & bit) !== 0);
  if (c.need === 'del') {
    const ds = can(DEL);
    return ds.length === 0 ? 'fail' : ds.length === 1 && set(ds[0]!, DEL);
  }
  if (c.members.some((i) => m[i] === ADD)) return false;
  const as = can(ADD);
  if (c.need === 'add') return as.length === 0 ? 'fail' : as.length === 1 && set(as[0]!, ADD);
  // Some atom A, or none D: an atom can be D only if another can be A.
  let changed = false;
  for (const i of c.members) {
    if (as.some((j) => j !== i)) continue;
    const r = set(i, ADD | NONE);
    if (r === 'fail') return r;
    changed ||= r;
  }
  if (as.length === 1 && c.members.some((i) => m[i] === DEL)) {
    const r = set(as[0]!, ADD);
    if (r === 'fail') return r;
    changed ||= r;
  }
  return changed;
}

/** The observations of one action, atom by atom and group by group. */
export class EffectEvidence {
  readonly masks: number[];
  readonly constraints: Constraint[] = [];
  private readonly origin: { obs: ObsRef; fact: string; kind: Kind }[] = [];
  /** The first observation of each kind, per atom, for messages. */
  private readonly seen: Partial<Record<Kind, { obs: ObsRef; fact: string }>>[];

  constructor(
    private readonly action: string,
    /** The lifted atoms, as text: `(at ?t ?p)`. */
    private readonly atoms: readonly string[],
  ) {
    this.masks = atoms.map(() => ANY);
    this.seen = atoms.map(() => ({}));
  }

  /** One fact of one observation, with the atoms the binding maps to it. */
  observe(members: number[], fact: string, before: boolean, after: boolean, obs: ObsRef): void {
    const kind = kindOf(before, after);
    if (members.length === 1) {
      const i = members[0]!;
      this.seen[i]![kind] ??= { obs, fact };
      const next = this.masks[i]! & KIND_MASK[kind];
      if (next === 0) this.atomFails(i, { obs, fact, kind });
      this.masks[i] = next;
      return;
    }
    const add = (need: Need) => {
      this.constraints.push({ members, need });
      this.origin.push({ obs, fact, kind });
    };
    if (!after) for (const m of members) this.masks[m] = this.masks[m]! & (DEL | NONE);
    if (before && !after) add('del');
    else if (!before && after) add('add');
    else if (before) add('addOrNoDel');
    const empty = members.find((m) => this.masks[m] === 0);
    if (empty !== undefined) this.atomFails(empty, { obs, fact, kind });
  }

  /** Narrows the atoms to a fixpoint; throws LEARN_INCONSISTENT when no model explains the observations. */
  propagate(): void {
    const k = propagate(this.masks, this.constraints);
    if (k < 0) return;
    const o = this.origin[k]!;
    const which = this.constraints[k]!.members.map((i) => this.atoms[i]!).join(', ');
    throw inconsistent(
      `${this.action}: ${o.fact} ${KIND_TEXT[o.kind]} at ${show(o.obs)}, but none of ${which} (the atoms the binding maps to it) can have that effect given the other observations of ${this.action}`,
      o.obs,
    );
  }

  private atomFails(i: number, why: { obs: ObsRef; fact: string; kind: Kind }): never {
    const atom = this.atoms[i]!;
    const clash = (Object.keys(this.seen[i]!) as Kind[]).find(
      (k) => (KIND_MASK[k] & KIND_MASK[why.kind]) === 0,
    );
    const now = `${why.fact} ${KIND_TEXT[why.kind]} at ${show(why.obs)}`;
    if (clash !== undefined) {
      const first = this.seen[i]![clash]!;
      throw inconsistent(
        `${this.action}: ${atom} ${KIND_TEXT[clash]} at ${show(first.obs)} (${first.fact}) but ${now}; no STRIPS effect of ${atom} does both`,
        why.obs,
      );
    }
    throw inconsistent(
      `${this.action}: ${now}, which no lifted effect of ${atom} explains given the other observations of ${this.action}`,
      why.obs,
    );
  }
}

const show = (o: ObsRef): string => `${o.label} ${o.call}`;

function inconsistent(message: string, obs: ObsRef): LearnError {
  return new LearnError('LEARN_INCONSISTENT', message, {
    location: obs.loc,
    hint: "SAM assumes full observability and deterministic STRIPS effects on the action's arguments: check these steps for a missing or extra fact",
  });
}
