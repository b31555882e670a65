/**
 * The web UI's plan-graph layout (dagre): on the flagship's plans and on seeded random
 * plans, no two step boxes overlap, each step sits in its agent's lane, lanes do not
 * overlap, a step is right of what it depends on, and no edge passes through a step box.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LANE_LABEL_H, NODE_H, NODE_W, layoutPlan } from '../../web/src/components/graph-layout.js';
import type { GraphLayout, LayoutStep } from '../../web/src/components/graph-layout.js';
import { listExampleMissions, loadMission, readEvents, startRun } from '../../src/team/index.js';
import { openRunStore } from '../../src/store/index.js';

type Point = { x: number; y: number };

/** Points along an SVG path of M, L and C commands. */
function samples(path: string): Point[] {
  const tokens = path.replace(/,/g, ' ').trim().split(/\s+/);
  const out: Point[] = [];
  let at: Point = { x: 0, y: 0 };
  for (let i = 0; i < tokens.length;) {
    const cmd = tokens[i++];
    const num = () => Number(tokens[i++]);
    if (cmd === 'M') at = { x: num(), y: num() };
    else if (cmd === 'L') {
      const to = { x: num(), y: num() };
      for (let t = 0; t <= 1; t += 0.05)
        out.push({ x: at.x + (to.x - at.x) * t, y: at.y + (to.y - at.y) * t });
      at = to;
    } else if (cmd === 'C') {
      const [c1, c2, to] = [
        { x: num(), y: num() },
        { x: num(), y: num() },
        { x: num(), y: num() },
      ];
      for (let t = 0; t <= 1; t += 0.02) {
        const u = 1 - t;
        out.push({
          x: u * u * u * at.x + 3 * u * u * t * c1.x + 3 * u * t * t * c2.x + t * t * t * to.x,
          y: u * u * u * at.y + 3 * u * u * t * c1.y + 3 * u * t * t * c2.y + t * t * t * to.y,
        });
      }
      at = to;
    } else throw new Error(`unexpected path command ${cmd}`);
  }
  return out;
}

function checkLayout(steps: LayoutStep[], layout: GraphLayout): void {
  const boxes = [...layout.nodes.values()];
  assert.equal(boxes.length, steps.length);
  for (const a of boxes)
    for (const b of boxes)
      if (a.id < b.id)
        assert.ok(
          a.x + NODE_W <= b.x || b.x + NODE_W <= a.x || a.y + NODE_H <= b.y || b.y + NODE_H <= a.y,
          `boxes ${a.id} and ${b.id} overlap`,
        );
  const lanes = layout.lanes;
  const apart = (
    a: { x: number; y: number; width: number; height: number },
    b: { x: number; y: number; width: number; height: number },
  ) =>
    a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
  for (const a of lanes)
    for (const b of lanes)
      if (a.name < b.name) assert.ok(apart(a, b), `lanes ${a.name} and ${b.name} overlap`);
  for (const s of steps) {
    const n = layout.nodes.get(s.id)!;
    const box = { x: n.x, y: n.y, width: NODE_W, height: NODE_H };
    for (const lane of lanes) {
      if (lane.name !== (s.agent ?? 'unassigned')) {
        assert.ok(apart(box, lane), `${s.id} overlaps the lane of ${lane.name}`);
        continue;
      }
      const inside =
        n.x >= lane.x &&
        n.x + NODE_W <= lane.x + lane.width &&
        n.y >= lane.y + LANE_LABEL_H &&
        n.y + NODE_H <= lane.y + lane.height;
      assert.ok(inside, `${s.id} outside its lane ${lane.name}`);
    }
    for (const d of s.deps)
      assert.ok(layout.nodes.get(d)!.x + NODE_W < n.x, `${s.id} is not right of ${d}`);
    assert.ok(n.x + NODE_W <= layout.width && n.y + NODE_H <= layout.height);
  }
  assert.equal(
    layout.edges.length,
    steps.reduce((k, s) => k + s.deps.length, 0),
  );
  for (const e of layout.edges) {
    const pts = samples(e.path);
    const from = layout.nodes.get(e.from)!;
    const to = layout.nodes.get(e.to)!;
    assert.deepEqual(pts[0], { x: from.x + NODE_W, y: from.y + NODE_H / 2 });
    for (const p of pts)
      for (const b of boxes) {
        if (b.id === e.from || b.id === e.to) continue;
        const inside =
          p.x > b.x + 1 && p.x < b.x + NODE_W - 1 && p.y > b.y + 1 && p.y < b.y + NODE_H - 1;
        assert.ok(
          !inside,
          `edge ${e.from}->${e.to} passes through ${b.id} at ${p.x.toFixed(0)},${p.y.toFixed(0)}`,
        );
      }
  }
}

/** A seeded random plan: steps depend on earlier ones, spread over a few agents. */
function randomPlan(seed: number, n: number, agents: string[]): LayoutStep[] {
  let x = seed;
  const rand = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: n }, (_, i) => ({
    id: `s${i}`,
    agent: agents[Math.floor(rand() * agents.length)]!,
    deps: [...new Set(Array.from({ length: Math.floor(rand() * 3) }, () => Math.floor(rand() * i)))]
      .filter((d) => d < i)
      .map((d) => `s${d}`),
  }));
}

describe('plan graph layout (dagre)', () => {
  it("lays out the flagship's plans cleanly", async () => {
    const store = openRunStore(join(mkdtempSync(join(tmpdir(), 'atelier-layout-')), 'a.db'));
    const mission = await loadMission(
      listExampleMissions().find((m) => m.name === 'paris-office')!.dir,
    );
    const run = await startRun(mission, { store, seed: 1, approve: 'auto', timeScale: 0 });
    await run.done.catch(() => undefined);
    const plans = (await readEvents(store, run.id, 0)).filter((e) => e.type === 'plan.made');
    assert.ok(plans.length >= 2, 'the flagship re-plans');
    for (const p of plans) {
      const steps = (p.data.steps as Array<{ id: string; agent: string; dependsOn: string[] }>).map(
        (s) => ({
          id: s.id,
          agent: s.agent,
          deps: s.dependsOn,
        }),
      );
      const agents = [...new Set(steps.map((s) => s.agent))].sort();
      const layout = layoutPlan(steps, agents);
      checkLayout(steps, layout);
      assert.equal(layout.lanes.length, agents.length, 'one lane per agent');
    }
    store.close();
  });

  it('lays out seeded random plans cleanly', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const steps = randomPlan(
        seed,
        5 + (seed % 20),
        ['a', 'b', 'c', 'd'].slice(0, 1 + (seed % 4)),
      );
      checkLayout(steps, layoutPlan(steps, ['a', 'b', 'c', 'd']));
    }
  });
});
