/**
 * Steps recorded by earlier versions of a mission, fitted to the mission as it is now: a
 * mission's tools and facts change between versions, and its stored runs stay. A step whose
 * tool no longer exists, takes another number of arguments or gets an object of another type
 * teaches nothing about the tool as it is now and is left out (and said so); a fact whose
 * predicate is gone or has another arity is dropped from both sides of every step, which
 * cannot invent a precondition or an effect.
 */
import type { Transition } from '../learn/index.js';
import type { ActionDef, Domain } from '../pddl/index.js';
import type { Mission } from './types.js';

/** A recorded step left out of learning, and why. */
export interface SkippedStep {
  /** "run r1 step s3". */
  label: string;
  action: string;
  reason: string;
}

export type MissionShape = Pick<Mission, 'domain' | 'learnedActions' | 'objects'>;

export interface ObservationFit {
  /** The transition as the current mission reads it, or the reason it does not fit. */
  fit(t: Transition): Transition | SkippedStep;
}

/** Whether type `t` is `want` or one of its subtypes. */
function isAType(domain: Domain, t: string, want: string): boolean {
  const parents = new Map(domain.types.map((d) => [d.name, d.parents]));
  const seen = new Set<string>();
  const todo = [t];
  while (todo.length > 0) {
    const x = todo.pop()!;
    if (x === want || want === 'object') return true;
    if (seen.has(x)) continue;
    seen.add(x);
    todo.push(...(parents.get(x) ?? []));
  }
  return false;
}

function checkArgs(
  mission: MissionShape,
  def: ActionDef,
  args: readonly string[],
  types: Map<string, string[]>,
): string | undefined {
  if (def.params.length !== args.length)
    return `'${def.name}' takes ${def.params.length} argument(s) now, the step gave ${args.length}`;
  for (let i = 0; i < args.length; i++) {
    const own = types.get(args[i]!);
    if (own === undefined) return `'${args[i]}' is not an object of the mission now`;
    const want = def.params[i]!.types;
    if (!own.some((t) => want.some((w) => isAType(mission.domain, t, w))))
      return `'${args[i]}' is ${own.join('|')}, '${def.name}' wants ${want.join('|')} there now`;
  }
  return undefined;
}

/** Fits recorded steps to `mission` as it is now. */
export function observationFit(mission: MissionShape): ObservationFit {
  const actions = new Map(
    [...mission.domain.actions, ...(mission.learnedActions ?? []).map((l) => l.action)].map((a) => [
      a.name,
      a,
    ]),
  );
  const arity = new Map<string, number>(
    mission.domain.predicates.map((p) => [p.name, p.params.length]),
  );
  for (const d of mission.domain.derived) arity.set(d.head.name, d.head.params.length);
  const types = new Map<string, string[]>([
    ...mission.domain.constants.map((c): [string, string[]] => [c.name, c.types]),
    ...mission.objects.map((o): [string, string[]] => [o.name, [o.type]]),
  ]);
  const known = (key: string): boolean => {
    const parts = key.split(' ');
    return arity.get(parts[0]!) === parts.length - 1;
  };
  const keep = (facts: ReadonlySet<string>): ReadonlySet<string> => {
    for (const f of facts) if (!known(f)) return new Set([...facts].filter(known));
    return facts;
  };
  return {
    fit(t) {
      const def = actions.get(t.action);
      const reason =
        def === undefined
          ? `the mission has no tool '${t.action}' now`
          : checkArgs(mission, def, t.args, types);
      if (reason !== undefined) return { label: t.label, action: t.action, reason };
      return { ...t, before: keep(t.before), after: keep(t.after) };
    },
  };
}

export const isSkipped = (x: Transition | SkippedStep): x is SkippedStep => 'reason' in x;
