/**
 * A mission's stored runs as trajectories for action-model learning: each step that
 * succeeded is one transition, from the facts at its start (initial facts plus the
 * changes recorded so far, derived facts included) to those facts with the step's own
 * recorded changes. Failed, rejected and unfinished steps teach nothing about what the
 * tool does when it works, and are left out.
 */
import type { Trajectory, Transition } from '../learn/index.js';
import { listRuns } from './explain/inspect.js';
import { factKey, parseAtomText } from './facts.js';
import { readEvents } from './log/codec.js';
import type { RunLog } from './log/port.js';
import type { Mission } from './types.js';

const keyOf = (text: string): string => {
  const a = parseAtomText(text);
  return a === undefined ? text : factKey(a.predicate, a.args);
};
const keys = (xs: readonly string[] | undefined): string[] => (xs ?? []).map(keyOf);

interface Started {
  action: string;
  args: string[];
  before: Set<string>;
}

/** One run's successful steps as transitions. */
export async function runTrajectory(
  store: RunLog,
  runId: string,
  mission: Pick<Mission, 'objects'>,
): Promise<Trajectory> {
  const facts = new Set<string>();
  let derived = new Set<string>();
  const started = new Map<string, Started>();
  const finished: string[] = [];
  const changes = new Map<
    string,
    { added: string[]; deleted: string[]; dAdded: string[]; dRemoved: string[] }
  >();
  for (const e of await readEvents(store, runId)) {
    if (e.type === 'run.started') {
      facts.clear();
      for (const f of keys(e.data.facts)) facts.add(f);
    } else if (e.type === 'facts.derived') derived = new Set(keys(e.data.facts));
    else if (e.type === 'step.started')
      started.set(e.data.stepId, {
        action: e.data.action,
        args: e.data.args,
        before: new Set([...facts, ...derived]),
      });
    else if (e.type === 'step.finished') finished.push(e.data.stepId);
    else if (e.type === 'facts.changed') {
      const c = {
        added: keys(e.data.added),
        deleted: keys(e.data.deleted),
        dAdded: keys(e.data.derivedAdded),
        dRemoved: keys(e.data.derivedRemoved),
      };
      for (const f of c.deleted) facts.delete(f);
      for (const f of c.added) facts.add(f);
      for (const f of c.dRemoved) derived.delete(f);
      for (const f of c.dAdded) derived.add(f);
      changes.set(e.data.stepId, c);
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
export async function missionTrajectories(
  store: RunLog,
  mission: Pick<Mission, 'name' | 'objects'>,
): Promise<Trajectory[]> {
  const runs = (await listRuns(store)).filter((r) => r.mission === mission.name).reverse();
  return Promise.all(runs.map((r) => runTrajectory(store, r.id, mission)));
}
