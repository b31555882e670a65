import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseDomain, parseProblem } from '../../src/pddl/index.js';
import {
  defineMission,
  loadMission,
  missionFromPddl,
  planningTool,
  readEvents,
  startRun,
} from '../../src/team/index.js';
import { tempStore } from './helpers.js';

const ROOT = resolve(import.meta.dirname, '../..');
const EXAMPLE = join(ROOT, 'examples/pddl-mission');

/** A copy of the PDDL example where the drone pilot can do nothing, with `goal` as the problem's goal. */
function groundedDrone(goal: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-capable-'));
  cpSync(EXAMPLE, dir, { recursive: true });
  const yaml = readFileSync(join(dir, 'mission.yaml'), 'utf8');
  writeFileSync(
    join(dir, 'mission.yaml'),
    yaml.replace('tools: [fly, load_drone, unload_drone]', 'tools: []'),
  );
  const problem = readFileSync(join(dir, 'problem.pddl'), 'utf8');
  writeFileSync(join(dir, 'problem.pddl'), problem.replace(/\(:goal[\s\S]*$/, `(:goal ${goal}))`));
  return dir;
}

const actionsOf = async (
  store: ReturnType<typeof tempStore>['store'],
  runId: string,
): Promise<string[]> =>
  (await readEvents(store, runId)).flatMap((e) =>
    e.type === 'step.started' ? [e.data.action] : [],
  );

describe('planning only over what the agents can do', () => {
  it('a PDDL mission folder plans without the actions no agent can carry out', async () => {
    const mission = await loadMission(groundedDrone('(and (at laptops station_f))'));
    assert.deepEqual(mission.domain.actions.map((a) => a.name).sort(), [
      'drive',
      'load_van',
      'unload_van',
    ]);
    assert.deepEqual(mission.idle?.map((x) => x.action.name).sort(), [
      'fly',
      'load_drone',
      'unload_drone',
    ]);
    const { store } = tempStore();
    const s = await (await startRun(mission, { store, timeScale: 0 })).done;
    assert.equal(s.status, 'succeeded', s.reason);
    assert.ok((await actionsOf(store, s.runId)).every((a) => !a.endsWith('drone') && a !== 'fly'));
  });

  it('a goal that needs a capability nobody has fails saying which one', async () => {
    const mission = await loadMission(groundedDrone('(and (at plants montmartre))'));
    const { store } = tempStore();
    const s = await (await startRun(mission, { store, timeScale: 0 })).done;
    assert.equal(s.status, 'failed');
    assert.match(s.reason ?? '', /needs a capability no agent has: 'unload_drone'/);
    assert.ok(
      s.whyNot?.some((l) =>
        /unload_drone could make it true, but no agent has the capability 'unload_drone'/.test(l),
      ),
      s.whyNot?.join('\n'),
    );
  });

  it("missionFromPddl plans only over the agents' actions", async () => {
    const domain = parseDomain(readFileSync(join(EXAMPLE, 'domain.pddl'), 'utf8'));
    const problem = parseProblem(
      readFileSync(join(EXAMPLE, 'problem.pddl'), 'utf8').replace(
        /\(:goal[\s\S]*$/,
        '(:goal (and (at badges station_f))))',
      ),
      domain,
    );
    const mission = missionFromPddl({
      domain,
      problem,
      agents: [
        { name: 'driver', tools: ['drive', 'load_van', 'unload_van'] },
        { name: 'pilot', tools: [] },
      ],
    });
    assert.ok(!mission.domain.actions.some((a) => a.name === 'fly'));
    const { store } = tempStore();
    const s = await (await startRun(mission, { store, timeScale: 0 })).done;
    assert.equal(s.status, 'succeeded', s.reason);
  });

  it('an agent that lists a tool by name can do it even when the tool names another capability', async () => {
    const mission = defineMission({
      name: 'named',
      objects: { thing: ['a'] },
      goal: '(and (done a))',
      tools: [
        planningTool({
          name: 'finish',
          params: { x: 'thing' },
          effect: '(done ?x)',
          capability: 'crafting',
        }),
      ],
      agents: [{ name: 'worker', tools: ['finish'] }],
    });
    const { store } = tempStore();
    const s = await (await startRun(mission, { store, timeScale: 0 })).done;
    assert.equal(s.status, 'succeeded', s.reason);
  });
});
