/**
 * A mission's stored runs as trajectories for action-model learning: each step that
 * succeeded is one transition, from the facts at its start (initial facts plus the
 * changes recorded so far, derived facts included) to those facts with the step's own
 * recorded changes. Failed, rejected and unfinished steps teach nothing about what the
 * tool does when it works, and are left out.
 */
import type { Trajectory, Transition } from '../learn/index.js';
import type { RunStore } from '../store/runs.js';
import { factKey, parseAtomText } from './facts.js';
import { listRuns, readEvents } from './inspect.js';
import type { Mission } from './types.js';

const keyOf = (text: string): string => {
  const a = parseAtomText(text);
  return a === undefined ? text : factKey(a.predicate, a.args);
};
const keys = (xs: unknown): string[] => (Array.isArray(xs) ? xs.map((x) => keyOf(String(x))) : []);

interface Started {
  action: string;
  args: string[];
  before: Set<string>;
}

/** One run's successful steps as transitions. */
export function runTrajectory(
  store: RunStore,
  runId: string,
  mission: Pick<Mission, 'objects'>,
): Trajectory {
  const facts = new Set<string>();
  let derived = new Set<string>();
  const started = new Map<string, Started>();
  const finished: string[] = [];
  const changes = new Map<
    string,
    { added: string[]; deleted: string[]; dAdded: string[]; dRemoved: string[] }
  >();
  for (const e of readEvents(store, runId)) {
    const d = e.data;
    if (e.type === 'run.started') {
      facts.clear();
      for (const f of keys(d.facts)) facts.add(f);
    } else if (e.type === 'facts.derived') derived = new Set(keys(d.facts));
    else if (e.type === 'step.started')
      started.set(String(d.stepId), {
        action: String(d.action),
        args: (d.args as string[]).map(String),
        before: new Set([...facts, ...derived]),
      });
    else if (e.type === 'step.finished') finished.push(String(d.stepId));
    else if (e.type === 'facts.changed') {
      const c = {
        added: keys(d.added),
        deleted: keys(d.deleted),
        dAdded: keys(d.derivedAdded),
        dRemoved: keys(d.derivedRemoved),
      };
      for (const f of c.deleted) facts.delete(f);
      for (const f of c.added) facts.add(f);
      for (const f of c.dRemoved) derived.delete(f);
      for (const f of c.dAdded) derived.add(f);
      changes.set(String(d.stepId), c);
    }
  }
  const transitions: Transition[] = finished.flatMap((id) => {
    const s = started.get(id);
    if (s === undefined) return [];
    const c = changes.get(id);
    const after = new Set(s.before);
    for (const f of [...(c?.deleted ?? []), ...(c?.dRemoved ?? [])]) after.delete(f);
    for (const f of [...(c?.added ?? []), ...(c?.dAdded ?? [])]) after.add(f);
    return [
      { action: s.action, args: s.args, before: s.before, after, label: `run ${runId} step ${id}` },
    ];
  });
  return {
    source: `run ${runId}`,
    objects: mission.objects.map((o) => ({ name: o.name, types: [o.type] })),
    transitions,
  };
}

/** The trajectories of every stored run of `mission` (matched by name), oldest first. */
export function missionTrajectories(
  store: RunStore,
  mission: Pick<Mission, 'name' | 'objects'>,
): Trajectory[] {
  return listRuns(store)
    .filter((r) => r.mission === mission.name)
    .reverse()
    .map((r) => runTrajectory(store, r.id, mission));
}
