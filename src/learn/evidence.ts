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

interface Group {
  members: number[];
  before: boolean;
  after: boolean;
  fact: string;
  obs: ObsRef;
}

const kindOf = (before: boolean, after: boolean): Kind =>
  before ? (after ? 'TT' : 'TF') : after ? 'FT' : 'FF';

export class EffectEvidence {
  readonly masks: number[];
  /** The first observation of each kind, per atom, for messages. */
  private readonly seen: Partial<Record<Kind, { obs: ObsRef; fact: string }>>[];
  private readonly groups: Group[] = [];

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
      this.restrict(i, KIND_MASK[kind], { obs, fact, kind });
      return;
    }
    // A fact false after: no atom of its group is added.
    if (!after) for (const m of members) this.restrict(m, DEL | NONE, { obs, fact, kind });
    if (before !== after || before) this.groups.push({ members, before, after, fact, obs });
  }

  /** Narrows the groups' atoms to a fixpoint; throws LEARN_INCONSISTENT when one is left with nothing. */
  propagate(): void {
    for (let changed = true; changed;) {
      changed = false;
      for (const g of this.groups) if (this.propagateGroup(g)) changed = true;
    }
  }

  private propagateGroup(g: Group): boolean {
    const m = this.masks;
    const why = { obs: g.obs, fact: g.fact, kind: kindOf(g.before, g.after) };
    const can = (bit: number) => g.members.filter((i) => (m[i]! & bit) !== 0);
    if (g.before && !g.after) {
      // Deleted: some atom of the group is D.
      const ds = can(DEL);
      if (ds.length === 0) this.groupFails(g);
      return ds.length === 1 && this.restrict(ds[0]!, DEL, why);
    }
    if (g.members.some((i) => m[i] === ADD)) return false;
    const as = can(ADD);
    if (!g.before) {
      // Added: some atom of the group is A.
      if (as.length === 0) this.groupFails(g);
      return as.length === 1 && this.restrict(as[0]!, ADD, why);
    }
    // Stayed true: some atom is A, or none is D. So an atom can be D only if another can be A.
    let changed = false;
    for (const i of g.members)
      if (!as.some((j) => j !== i) && this.restrict(i, ADD | NONE, why)) changed = true;
    if (as.length === 1 && g.members.some((i) => m[i] === DEL))
      changed = this.restrict(as[0]!, ADD, why) || changed;
    return changed;
  }

  /** Keeps only `allowed` for atom `i`; true when that changed something. */
  private restrict(
    i: number,
    allowed: number,
    why: { obs: ObsRef; fact: string; kind: Kind },
  ): boolean {
    const next = this.masks[i]! & allowed;
    if (next === this.masks[i]) return false;
    if (next === 0) this.atomFails(i, why);
    this.masks[i] = next;
    return true;
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

  private groupFails(g: Group): never {
    const which = g.members.map((i) => this.atoms[i]!).join(', ');
    throw inconsistent(
      `${this.action}: ${g.fact} ${KIND_TEXT[kindOf(g.before, g.after)]} at ${show(g.obs)}, but none of ${which} (the atoms the binding maps to it) can have that effect given the other observations of ${this.action}`,
      g.obs,
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
