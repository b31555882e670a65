/**
 * Model-driven steps with a scripted model (it answers every request at once with a
 * valid report and a ~2 KB work product; it is no model, and says so: its name is
 * `scripted`). Measured:
 *   - the runtime's own time per model-driven step, the model's time excluded: prompt
 *     (facts, work products it depends on), agent loop, structured report and its check,
 *     the work product written with the step's end — against the same mission whose
 *     steps are plain tools;
 *   - 100 model steps in flight at once (the model takes 200 ms per answer): how many
 *     requests the model saw at the same time, and the wall time;
 *   - work-product storage: `work.product` events (2 KB of Markdown) appended one
 *     transaction each, per second.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scriptedModel } from '../src/models/index.js';
import type { Model, ModelRequest } from '../src/models/index.js';
import { openRunStore } from '../src/store/index.js';
import { defineMission, planningTool, readEvents, startRun } from '../src/team/index.js';
import type { Mission } from '../src/team/index.js';
import { toLoggedForm } from '../src/team/log/codec.js';

const DOC = `# Document\n\n${'The team documents what it builds, and why. '.repeat(45)}\n`;
const REPORT = JSON.stringify({
  done: true,
  reason: 'written',
  workProduct: { title: 'Document', markdown: DOC },
  observedFacts: null,
});

/** `tasks` chains write(t) -> review(t), each step done by the model when `byModel`. */
function chains(tasks: number, agents: number, byModel: boolean): Mission {
  const t = Array.from({ length: tasks }, (_, i) => `t${i}`);
  const half = Math.max(1, Math.floor(agents / 2));
  const model = byModel
    ? (what: string) => ({ byModel: { instruction: `${what} {{t}}.` } })
    : () => ({});
  return defineMission({
    name: 'model-bench',
    description: 'Documents written and reviewed by the team.',
    objects: { task: t },
    goal: `(and ${t.map((x) => `(reviewed ${x})`).join(' ')})`,
    tools: [
      planningTool({
        name: 'write',
        params: { t: 'task' },
        effect: '(written ?t)',
        ...model('Write'),
      }),
      planningTool({
        name: 'review',
        params: { t: 'task' },
        precondition: '(written ?t)',
        effect: '(reviewed ?t)',
        ...model('Review'),
      }),
    ],
    agents: Array.from({ length: agents }, (_, i) => ({
      name: `a${i}`,
      tools: [i < half ? 'write' : 'review'],
    })),
  });
}

async function timedRun(mission: Mission, model: Model | undefined, concurrency: number) {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-bench-model-'));
  const store = openRunStore(join(dir, 'bench.db'));
  try {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const run = await startRun(mission, {
      store,
      approve: 'auto',
      timeScale: 0,
      concurrency,
      ...(model === undefined ? {} : { model }),
    });
    const summary = await run.done;
    const wall = performance.now() - t0;
    const used = process.cpuUsage(cpu0);
    const cpu = (used.user + used.system) / 1000;
    if (summary.status !== 'succeeded') throw new Error(`bench mission failed: ${summary.reason}`);
    const events = await readEvents(store, run.id);
    const planMs = events.reduce((a, e) => a + (e.type === 'plan.made' ? e.data.planMs : 0), 0);
    const products = events.filter((e) => e.type === 'work.product').length;
    return { steps: summary.steps, wall, cpu, planMs, products };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A scripted model answering at once; `spent` sums the time spent inside it. */
function instantModel(): { model: Model; spent: () => number } {
  let spent = 0;
  const inner = scriptedModel(() => REPORT, { record: false });
  return {
    spent: () => spent,
    model: {
      name: 'scripted',
      async generate(request: ModelRequest) {
        const t = performance.now();
        const r = await inner.generate(request);
        spent += performance.now() - t;
        return r;
      },
    },
  };
}

/** A scripted model that takes `ms` per answer and counts the requests in flight. */
function slowModel(ms: number): { model: Model; maxInFlight: () => number } {
  let inFlight = 0;
  let max = 0;
  return {
    maxInFlight: () => max,
    model: {
      name: 'scripted',
      async generate() {
        max = Math.max(max, ++inFlight);
        await new Promise((r) => setTimeout(r, ms));
        inFlight--;
        return { text: REPORT, toolCalls: [], finishReason: 'stop' as const };
      },
    },
  };
}

async function productThroughput(n: number): Promise<{ perSecond: number; mbPerSecond: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-bench-products-'));
  const store = openRunStore(join(dir, 'bench.db'));
  try {
    await store.createRun({
      id: 'r',
      mission: 'm',
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
        toLoggedForm({
          type: 'work.product',
          data: {
            stepId: `s${i}`,
            agent: 'a0',
            action: 'write',
            args: [`t${i}`],
            title: 'Document',
            markdown: DOC,
          },
        }),
      ]);
    const s = (performance.now() - t0) / 1000;
    if ((await store.products('r')).length !== n) throw new Error('products lost');
    return { perSecond: Math.round(n / s), mbPerSecond: (n * DOC.length) / s / 1e6 };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs the three measurements and prints them. */
export async function modelStepBench(tasks = 100): Promise<void> {
  const agents = 10;
  // Warm-up (JIT, SQLite): one small run of each kind.
  await timedRun(chains(5, 2, false), undefined, 2);
  await timedRun(chains(5, 2, true), instantModel().model, 2);
  const plain = await timedRun(chains(tasks, agents, false), undefined, agents);
  const scripted = instantModel();
  const driven = await timedRun(chains(tasks, agents, true), scripted.model, agents);
  const per = (r: typeof plain, modelMs = 0) => (r.wall - r.planMs - modelMs) / r.steps;
  const own = per(driven, scripted.spent());
  // CPU time is what the runtime itself costs when the machine is shared (wall time waits for other processes).
  // (planning included: the same plans for both missions, so the difference is the model step's part)
  const cpuPer = (r: typeof plain) => r.cpu / r.steps;
  const ownCpu = cpuPer(driven); // the scripted model returns a constant: its CPU is negligible
  process.stdout.write(
    `model-driven steps (${driven.steps} steps, ${agents} agents, scripted model answering at once, ${driven.products} work products): ` +
      `runtime ${own.toFixed(3)} ms/step without the model (plain tools: ${per(plain).toFixed(3)} ms/step; the model step's own part ${(own - per(plain)).toFixed(3)} ms); CPU ${ownCpu.toFixed(3)} ms/step with planning (plain tools ${cpuPer(plain).toFixed(3)}: the model step's own part ${(ownCpu - cpuPer(plain)).toFixed(3)} ms)\n`,
  );
  const slow = slowModel(200);
  const wide = await timedRun(chains(100, 200, true), slow.model, 100);
  process.stdout.write(
    `100 model steps in flight: up to ${slow.maxInFlight()} requests at once (200 ms each); ${wide.steps} steps in ${Math.round(wide.wall - wide.planMs)} ms besides planning\n`,
  );
  const tp = await productThroughput(2000);
  process.stdout.write(
    `work products stored: ${tp.perSecond.toLocaleString('en')}/s (${(DOC.length / 1024).toFixed(1)} KB of Markdown each, one transaction each: ${tp.mbPerSecond.toFixed(1)} MB/s)\n`,
  );
}
