import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  compareWithDeclared,
  constantsInActions,
  learnFromTrajectories,
  vocabularyOf,
} from '../../src/learn/index.js';
import type { Problem } from '../../src/pddl/index.js';
import { plan } from '../../src/planner/index.js';
import { validate } from '../../src/planner/validator/index.js';
import {
  defineMission,
  loadMission,
  missionObservations,
  missionTrajectories,
  planningTool,
  startRun,
} from '../../src/team/index.js';
import { openRunStore } from '../../src/store/index.js';
import { isSkipped, observationFit } from '../../src/team/observation-fit.js';

const tempStore = () =>
  openRunStore(join(mkdtempSync(join(tmpdir(), 'atelier-learn-')), 'runs.db'));
const atom = (key: string) => ({ predicate: key.split(' ')[0]!, args: key.split(' ').slice(1) });

test('trajectories from a run of the flagship mission: the learned model plans the mission, valid under the declared tools', async () => {
  const mission = await loadMission('examples/paris-office');
  const store = tempStore();
  const summary = await (await startRun(mission, { store, approve: 'auto', timeScale: 0 })).done;
  assert.equal(summary.status, 'succeeded');
  const trajectories = await missionTrajectories(store, mission);
  await store.close();
  assert.equal(trajectories.length, 1);
  const steps = trajectories[0]!.transitions;
  // Every step that succeeded, none of those that failed (a candidate declines with seed 1).
  assert.ok(
    steps.length >= 25 && steps.length < summary.steps,
    `${steps.length} of ${summary.steps}`,
  );
  assert.match(steps[0]!.label, /^run run-\S+ step s\d+$/);
  const result = learnFromTrajectories(vocabularyOf(mission.domain), trajectories, {
    constants: constantsInActions(mission.domain),
  });
  const screen = result.actions.find((a) => a.name === 'screen')!;
  assert.equal(screen.status, 'learned');
  assert.deepEqual(screen.add, [{ predicate: 'screened', args: ['?c', '?p'] }]);
  assert.ok(screen.precondition.some((l) => l.positive && l.atom.predicate === 'qualified'));
  // The world does what the tools declare.
  assert.deepEqual(compareWithDeclared(mission.domain, trajectories), []);
  // Planning the mission with the learned model gives a plan the declared model accepts.
  const problem: Problem = {
    name: 'paris',
    domain: mission.domain.name,
    requirements: [],
    objects: [],
    init: mission.facts.map(atom),
    numericInit: [],
    goal: mission.goal,
  };
  const found = await plan(result.domain, problem, { timeLimitMs: 30_000 });
  assert.equal(found.status, 'solved');
  if (found.status === 'solved') assert.ok(validate(mission.domain, problem, found.plan).valid);
});

/** A workshop whose world logs every part it makes; `declared` says what the tools claim. */
function workshop(
  make: { precondition: string; effect: string },
  params: Record<string, string> = { p: 'part', m: 'machine' },
) {
  return defineMission({
    name: 'workshop',
    objects: { part: ['p1', 'p2'], machine: ['m1'] },
    facts: ['(in_stock p1)', '(in_stock p2)', '(ready m1)'],
    goal: '(and (made p1) (made p2))',
    tools: [
      planningTool({
        name: 'make',
        params,
        ...make,
        capability: 'make',
      }),
      planningTool({
        name: 'log',
        params: { p: 'part' },
        effect: '(logged ?p)',
        capability: 'log',
      }),
    ],
    agents: [{ name: 'ann', capabilities: ['make', 'log'] }],
    world: () => ({
      async execute(tool, args) {
        return tool.name === 'make' ? { ok: true, assert: [`(logged ${args.p})`] } : { ok: true };
      },
    }),
  });
}

test('declared versus observed: every kind of contradiction is reported with its first step', async () => {
  const ran = workshop({
    precondition: '(in_stock ?p)',
    effect: '(and (made ?p) (not (in_stock ?p)))',
  });
  const store = tempStore();
  assert.equal((await (await startRun(ran, { store, timeScale: 0 })).done).status, 'succeeded');
  const trajectories = await missionTrajectories(store, ran);
  await store.close();
  const learned = learnFromTrajectories(vocabularyOf(ran.domain), trajectories, { constants: [] });
  const make = learned.actions.find((a) => a.name === 'make')!;
  assert.deepEqual(
    make.add.map((a) => a.predicate),
    ['made', 'logged'],
  );
  assert.deepEqual(
    make.del.map((a) => a.predicate),
    ['in_stock'],
  );
  assert.equal(learned.actions.find((a) => a.name === 'log')!.status, 'unobserved');

  // What the runs' own declaration misses: the world also logs the part.
  assert.deepEqual(
    compareWithDeclared(ran.domain, trajectories).map((c) => [c.kind, c.literal, c.count]),
    [['change-not-declared', '(logged ?p)', 2]],
  );
  // A declaration that drifted from what the tool does.
  const drifted = workshop({
    precondition: '(and (in_stock ?p) (logged ?p))',
    effect: '(and (made ?p) (not (in_stock ?p)) (shipped ?p) (ready ?m))',
  });
  const found = compareWithDeclared(drifted.domain, trajectories);
  assert.deepEqual(
    found.map((c) => [c.kind, c.literal, c.count, c.observations]),
    [
      ['precondition-false', '(logged ?p)', 2, 2],
      ['effect-not-happened', '(shipped ?p)', 2, 2],
      ['effect-never-observed', '(ready ?m)', 2, 2],
      ['change-not-declared', '(logged ?p)', 2, 2],
    ],
  );
  assert.match(
    found[0]!.message,
    /^make: declared precondition \(logged \?p\) was false when the action succeeded \(2 of 2 observations, first at run \S+ step s\d \(make p\d m1\)\)$/,
  );
  assert.match(found[1]!.first!, /\(shipped p\d\) is false after$/);
});

test('steps recorded by an earlier version of the mission are left out, named with the reason; a new run is read on the next call', async () => {
  const store = tempStore();
  // Version 1: `make` took the part only, and the world also recorded (old_mark ?p).
  const v1 = workshop(
    { precondition: '(in_stock ?p)', effect: '(and (made ?p) (old_mark ?p))' },
    { p: 'part' },
  );
  assert.equal((await (await startRun(v1, { store, timeScale: 0 })).done).status, 'succeeded');
  const v2 = workshop({
    precondition: '(in_stock ?p)',
    effect: '(and (made ?p) (not (in_stock ?p)))',
  });
  const first = await missionObservations(store, v2);
  assert.equal(first.trajectories.flatMap((t) => t.transitions).length, 0);
  assert.deepEqual(
    first.skipped.map((s) => [s.action, s.reason]),
    [
      ['make', "'make' takes 2 argument(s) now, the step gave 1"],
      ['make', "'make' takes 2 argument(s) now, the step gave 1"],
    ],
  );
  assert.match(first.skipped[0]!.label, /^run \S+ step s\d+$/);

  assert.equal((await (await startRun(v2, { store, timeScale: 0 })).done).status, 'succeeded');
  const second = await missionObservations(store, v2);
  await store.close();
  const steps = second.trajectories.flatMap((t) => t.transitions);
  assert.equal(steps.length, 2);
  assert.equal(second.skipped.length, 2);
  // Learning from what fits works: the tool is learned, not unusable.
  const learned = learnFromTrajectories(vocabularyOf(v2.domain), second.trajectories, {
    constants: [],
  });
  assert.equal(learned.actions.find((a) => a.name === 'make')!.status, 'learned');
});

test('a recorded fact whose predicate the mission no longer has (or has with another arity) is dropped from both sides of a step', () => {
  const mission = workshop({ precondition: '(in_stock ?p)', effect: '(made ?p)' });
  const { fit } = observationFit(mission);
  const step = {
    action: 'make',
    args: ['p1', 'm1'],
    before: new Set(['in_stock p1', 'old_mark p1', 'ready m1 extra']),
    after: new Set(['made p1', 'old_mark p1', 'ready m1 extra']),
    label: 'run r1 step s1',
  };
  const kept = fit(step);
  assert.ok(!isSkipped(kept));
  assert.deepEqual([...kept.before], ['in_stock p1']);
  assert.deepEqual([...kept.after], ['made p1']);
  const wrongType = fit({ ...step, args: ['m1', 'm1'] });
  assert.ok(isSkipped(wrongType));
  assert.equal(wrongType.reason, "'m1' is machine, 'make' wants part there now");
  const gone = fit({ ...step, action: 'paint' });
  assert.ok(isSkipped(gone) && gone.reason === "the mission has no tool 'paint' now");
});
