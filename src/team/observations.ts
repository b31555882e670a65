/**
 * A mission's stored runs as trajectories for action-model learning: each step that
 * succeeded is one transition, from the facts at its start (initial facts plus the
 * changes recorded so far, derived facts included) to those facts with the step's own
 * recorded changes. Failed, rejected and unfinished steps teach nothing about what the
 * tool does when it works, and are left out.
 */
import type { Trajectory, Transition } from '../learn/index.js';
import { factKey, parseAtomText } from './facts.js';
import { readEvents } from './log/codec.js';
import type { RunLog, RunRecord } from './log/port.js';
import { isSkipped, observationFit } from './observation-fit.js';
import type { MissionShape, SkippedStep } from './observation-fit.js';
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

/**
 * Each run's transitions as last read, by store: a run's log is append-only, so the same
 * last sequence number means the same transitions, and a planning round re-reads only
 * the runs that moved since the last one.
 */
const readBefore = new WeakMap<
  RunLog,
  Map<string, { lastSeq: number; transitions: Transition[] }>
>();

async function runTransitions(store: RunLog, run: RunRecord): Promise<Transition[]> {
  let byRun = readBefore.get(store);
  if (byRun === undefined) readBefore.set(store, (byRun = new Map()));
  const hit = byRun.get(run.id);
  if (hit !== undefined && hit.lastSeq === run.lastSeq) return hit.transitions;
  const { transitions } = await runTrajectory(store, run.id, { objects: [] });
  byRun.set(run.id, { lastSeq: run.lastSeq, transitions });
  return transitions;
}

/** The mission's stored runs as trajectories, and the recorded steps that no longer fit it. */
export interface MissionObservations {
  trajectories: Trajectory[];
  /** Steps recorded by an earlier version of the mission that do not fit it now. */
  skipped: SkippedStep[];
}

/**
 * The trajectories of every stored run of `mission` (matched by name), oldest first, each
 * step fitted to the mission as it is now (observation-fit.ts).
 */
export async function missionObservations(
  store: RunLog,
  mission: Pick<Mission, 'name'> & MissionShape,
): Promise<MissionObservations> {
  const runs = (await store.listRuns()).filter((r) => r.mission === mission.name).reverse();
  const byRun = readBefore.get(store);
  if (byRun !== undefined) {
    const live = new Set(runs.map((r) => r.id));
    for (const id of byRun.keys()) if (!live.has(id)) byRun.delete(id);
  }
  const objects = mission.objects.map((o) => ({ name: o.name, types: [o.type] }));
  const { fit } = observationFit(mission);
  const skipped: SkippedStep[] = [];
  const trajectories: Trajectory[] = [];
  for (const run of runs) {
    const transitions: Transition[] = [];
    for (const t of await runTransitions(store, run)) {
      const f = fit(t);
      if (isSkipped(f)) skipped.push(f);
      else transitions.push(f);
    }
    trajectories.push({ source: `run ${run.id}`, objects, transitions });
  }
  return { trajectories, skipped };
}

/** The trajectories of `mission`'s stored runs that fit it now (see `missionObservations`). */
export async function missionTrajectories(
  store: RunLog,
  mission: Pick<Mission, 'name'> & MissionShape,
): Promise<Trajectory[]> {
  return (await missionObservations(store, mission)).trajectories;
}
