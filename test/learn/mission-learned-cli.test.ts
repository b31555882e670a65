import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEvent, loadMission, markdownReport, startRun } from '../../src/team/index.js';
import type { RunEvent } from '../../src/team/index.js';
import { openRunStore } from '../../src/store/index.js';
import { atelier } from '../helpers/cli.js';

/** mission.yaml with `learn: auto`: `make` has no effect (learned), a bootstrap model to start. */
function missionFolder(facts = '"(in_stock p1)", "(in_stock p2)"'): string {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-learned-cli-'));
  writeFileSync(
    join(dir, 'mission.yaml'),
    `name: yard
description: a learned tool
learn: auto
objects:
  part: [p1, p2]
facts: [${facts}]
goal: (shipped p1)
tools:
  make:
    params: { p: part }
    bootstrap: { precondition: (in_stock ?p), effect: (made ?p) }
  ship:
    params: { p: part }
    precondition: (made ?p)
    effect: (shipped ?p)
world: world.mjs
agents:
  - name: ann
    capabilities: [make, ship]
`,
  );
  writeFileSync(
    join(dir, 'world.mjs'),
    `export function createWorld() {
  return {
    async execute(tool, args, ctx) {
      if (tool.name !== 'make') return { ok: true };
      if (!ctx.facts.has('in_stock ' + args.p)) return { ok: false, reason: 'out of stock' };
      return { ok: true, assert: ['(made ' + args.p + ')'], retract: ['(in_stock ' + args.p + ')'] };
    },
  };
}
`,
  );
  return dir;
}

test('atelier learn --runs, show and the report: a learned tool, its bootstrap proposal UNVERIFIED until observed', async () => {
  const dir = missionFolder();
  const db = join(dir, 'runs.db');
  // Before any run: the learned tool is never observed, its proposal is shown unverified.
  const store = openRunStore(db);
  const mission = await loadMission(dir);
  const events: RunEvent[] = [];
  const run = await startRun(mission, { store, timeScale: 0, onEvent: (e) => events.push(e) });
  assert.equal((await run.done).status, 'succeeded');
  const shown = events.flatMap((e) => (e.type === 'tools.modelled' ? [describeEvent(e)!] : []));
  assert.match(
    shown[0]!,
    /^tool models:\n {4}make UNVERIFIED proposal \(bootstrap\), never observed: \(in_stock \?p\) -> \(made \?p\)\n {4}declared: ship$/,
  );
  assert.match(
    await markdownReport(store, run.id),
    /## Tool models \(last planning\)\n\n- make UNVERIFIED proposal \(bootstrap\)/,
  );
  await store.close();

  const r = atelier(['learn', '--runs', dir, '--db', db]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /make +1 observation, \d+ preconditions, 2 effects \(no declared model\)/);
  assert.match(r.stdout, /\(:action make/);
  assert.doesNotMatch(r.stderr, /UNVERIFIED/, 'observed: the proposal is gone');
  const json = JSON.parse(atelier(['learn', '--runs', dir, '--db', db, '--json']).stdout) as {
    actions: { name: string; declared: boolean; status: string }[];
    proposals: unknown[];
  };
  assert.deepEqual(
    json.actions.map((a) => [a.name, a.declared, a.status]),
    [
      ['ship', true, 'learned'],
      ['make', false, 'learned'],
    ],
  );
  assert.deepEqual(json.proposals, []);
});

test('atelier learn --runs: a learned tool never observed shows its proposal as UNVERIFIED', async () => {
  const dir = missionFolder('"(in_stock p1)", "(made p2)"');
  const db = join(dir, 'runs.db');
  const store = openRunStore(db);
  const mission = await loadMission(dir);
  // p2 is made already: the run ships it and never makes anything.
  const run = await startRun(mission, { store, timeScale: 0, goal: '(shipped p2)' });
  assert.equal((await run.done).status, 'succeeded');
  await store.close();
  const r = atelier(['learn', '--runs', dir, '--db', db]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(
    r.stderr,
    /make +never observed: left out, the planner cannot use it \(no declared model\)/,
  );
  assert.match(
    r.stderr,
    /make +UNVERIFIED bootstrap proposal until observed: \(in_stock \?p\) -> \(made \?p\)/,
  );
  const json = JSON.parse(atelier(['learn', '--runs', dir, '--db', db, '--json']).stdout) as {
    proposals: unknown[];
  };
  assert.deepEqual(json.proposals, [
    {
      tool: 'make',
      by: 'bootstrap',
      precondition: '(in_stock ?p)',
      effect: '(made ?p)',
      verified: false,
    },
  ]);
  // No run at all: said plainly.
  const none = atelier(['learn', '--runs', dir, '--db', join(dir, 'other.db')]);
  assert.equal(none.status, 2);
  assert.match(none.stderr, /no run store/);
});
