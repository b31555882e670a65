/**
 * Mission benchmark: synthetic missions of growing size (10 -> 1,000 steps, 2 -> 50
 * agents). Each task is a chain prepare -> build -> check, tasks are independent, and
 * every agent can do one kind of work. The world answers at once (no simulated delay),
 * so what is measured is the team's own cost:
 *   - time to first plan: the planner's own time, and from run start to the plan.made
 *     event (reasoner, planner, deorder, allocation),
 *   - orchestration overhead per step (wall time of the run minus planning, per step),
 *   - re-plan time (one step fails half-way; time of the second planning),
 *   - events written per second to SQLite (the run's events over its wall time, and a
 *     raw append loop),
 *   - the cost of typed events: checking an event against its schema before it is
 *     written, and parsing it when it is read (the events of the largest run, warmed up).
 * Run: npm run bench:missions  (BENCH_QUICK=1 for the small sizes only)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRunStore } from '../src/store/index.js';
import {
  defineMission,
  parseEvent,
  planningTool,
  readEvents,
  startRun,
} from '../src/team/index.js';
import type { LoggedEvent, RunEvent } from '../src/team/index.js';
import { toLoggedForm } from '../src/team/log/codec.js';
import { modelStepBench } from './model-steps.js';
import type { Mission, ToolOutcome } from '../src/team/index.js';

const KINDS = ['prepare', 'build', 'check'] as const;

function syntheticMission(tasks: number, agents: number, failAt: string | undefined): Mission {
  const names = Array.from({ length: tasks }, (_, i) => `t${i}`);
  let failed = false;
  return defineMission({
    name: `bench-${tasks}`,
    objects: { task: names },
    goal: `(and ${names.map((t) => `(checked ${t})`).join(' ')})`,
    tools: [
      planningTool({
        name: 'prepare',
        params: { t: 'task' },
        precondition: '(not (prepared ?t))',
        effect: '(prepared ?t)',
        capability: 'prepare',
      }),
      planningTool({
        name: 'build',
        params: { t: 'task' },
        precondition: '(prepared ?t)',
        effect: '(built ?t)',
        capability: 'build',
      }),
      planningTool({
        name: 'check',
        params: { t: 'task' },
        precondition: '(built ?t)',
        effect: '(checked ?t)',
        capability: 'check',
      }),
    ],
    agents: Array.from({ length: agents }, (_, i) => ({
      name: `a${String(i).padStart(2, '0')}`,
      capabilities: [KINDS[i % 3]!, ...(agents === 2 && i === 0 ? ['check'] : [])],
    })),
    world: () => ({
      async execute(tool, args): Promise<ToolOutcome> {
        if (!failed && failAt !== undefined && tool.name === 'build' && args.t === failAt) {
          failed = true;
          return { ok: false, reason: 'simulated failure', retract: [`(prepared ${args.t})`] };
        }
        return { ok: true };
      },
    }),
  });
}

async function measure(steps: number, agents: number): Promise<Record<string, string | number>> {
  const tasks = Math.max(1, Math.round(steps / 3));
  const dir = mkdtempSync(join(tmpdir(), 'atelier-bench-'));
  const store = openRunStore(join(dir, 'bench.db'));
  try {
    const mission = syntheticMission(tasks, agents, `t${Math.floor(tasks / 2)}`);
    const t0 = performance.now();
    const run = await startRun(mission, {
      store,
      approve: 'auto',
      timeScale: 0,
      concurrency: Math.max(2, agents),
      maxReplans: 3,
    });
    const summary = await run.done;
    const wall = performance.now() - t0;
    if (summary.status !== 'succeeded') throw new Error(`bench mission failed: ${summary.reason}`);
    const events = await readEvents(store, run.id);
    lastEvents = events;
    const plans = events.flatMap((e) => (e.type === 'plan.made' ? [e.data.planMs] : []));
    const planTotal = plans.reduce((a, b) => a + b, 0);
    const firstPlanEvent = events.find((e) => e.type === 'plan.made')!;
    const toFirstPlan = Date.parse(firstPlanEvent.at) - Date.parse(events[0]!.at);
    return {
      steps: summary.steps,
      agents,
      'planner ms (first)': plans[0]!.toFixed(1),
      'to first plan ms': toFirstPlan,
      're-plan ms': plans[1] === undefined ? '-' : plans[1].toFixed(1),
      'overhead ms/step': ((wall - planTotal) / summary.steps).toFixed(3),
      events: events.length,
      'events/s (run)': Math.round(events.length / (wall / 1000)),
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function rawAppendRate(n: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-bench-'));
  const store = openRunStore(join(dir, 'raw.db'));
  await store.createRun({
    id: 'r',
    mission: 'raw',
    missionDir: null,
    status: 'running',
    seed: 1,
    goal: '(and)',
    options: {},
    startedAt: new Date().toISOString(),
  });
  const t0 = performance.now();
  for (let i = 0; i < n; i++)
    await store.append('r', [
      {
        type: 'step.finished',
        v: 1,
        data: { stepId: `s${i}`, agent: 'a', action: 'build', args: ['t1'], ms: 1 },
      },
    ]);
  const rate = n / ((performance.now() - t0) / 1000);
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  return Math.round(rate);
}

// BENCH_SIZES="1000:50,300:10" picks sizes (steps:agents); BENCH_QUICK=1 the two smallest.
const sizes: [number, number][] = process.env.BENCH_SIZES
  ? process.env.BENCH_SIZES.split(',').map((x) => x.split(':').map(Number) as [number, number])
  : process.env.BENCH_QUICK
    ? [
        [10, 2],
        [100, 5],
      ]
    : [
        [10, 2],
        [30, 3],
        [100, 5],
        [300, 10],
        [1000, 50],
      ];
let lastEvents: RunEvent[] = [];

/** Microseconds per event to check it before writing and to parse it on reading (best of 20 passes). */
function schemaCost(events: readonly RunEvent[]): { check: number; parse: number } {
  const raw: LoggedEvent[] = events.map((e) => ({
    ...e,
    data: JSON.parse(JSON.stringify(e.data)),
  }));
  let check = Infinity;
  let parse = Infinity;
  for (let pass = 0; pass < 20; pass++) {
    let t = performance.now();
    for (const e of events) toLoggedForm(e);
    check = Math.min(check, performance.now() - t);
    t = performance.now();
    for (const r of raw) parseEvent(r);
    parse = Math.min(parse, performance.now() - t);
  }
  return { check: (check * 1000) / events.length, parse: (parse * 1000) / events.length };
}

const rows: Record<string, string | number>[] = [];
for (const [steps, agents] of sizes) {
  const row = await measure(steps, agents);
  rows.push(row);
  process.stdout.write(`${JSON.stringify(row)}\n`);
}
console.table(rows);
process.stdout.write(
  `raw SQLite appends: ${(await rawAppendRate(20000)).toLocaleString('en')} events/s (one transaction per event, WAL, synchronous=NORMAL)\n`,
);
const cost = schemaCost(lastEvents);
process.stdout.write(
  `typed events (${lastEvents.length} events of the last run): schema check before writing ${cost.check.toFixed(1)} µs/event, parsing on read ${cost.parse.toFixed(1)} µs/event\n`,
);
// Model-driven steps with a scripted model (bench/model-steps.ts).
await modelStepBench(process.env.BENCH_QUICK ? 30 : 100);
