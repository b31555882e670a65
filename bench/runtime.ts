/**
 * Run-loop overhead, Atelier vs @openai/agents, in the same process.
 *
 * Both runtimes get an equivalent scripted model that answers instantly: a call to the
 * one tool `step` on each turn, then a final text. What is measured is everything else:
 * building requests, validating arguments, executing the tool, bookkeeping, events.
 *
 *   per-step overhead: RUNS sequential runs x STEPS tool steps each (10,000 steps)
 *   memory per run:    CONCURRENT runs at once, all parked inside their tool; heap
 *                      growth after a forced GC, divided by the number of runs
 *
 *   npm run bench:runtime                 (BENCH_QUICK=1 for a short run)
 */
process.env.OPENAI_AGENTS_DISABLE_TRACING = '1';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { z } from 'zod';
import * as oa from '@openai/agents';
import { agent, run, tool } from '../src/agents/index.js';
import {
  scriptedModel,
  scriptedText as text,
  scriptedToolCall as toolCall,
} from '../src/models/index.js';

const quick = process.env.BENCH_QUICK === '1';
const STEPS = 10;
const RUNS = quick ? 100 : 1000;
const CONCURRENT = quick ? 100 : 1000;
const ROUNDS = quick ? 1 : 3;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
oa.setTracingDisabled(true);

// Agents, tools and models are built once per runtime, so only the loop is measured.
// The scripted models decide from the request (how many tool results it holds), so
// one model instance serves any number of concurrent runs. A tool parks on `gate` when
// the memory measurement sets one.

let gate: Promise<void> | undefined;
let parkedOne: (() => void) | undefined;
async function park(): Promise<void> {
  if (!gate) return;
  parkedOne?.();
  await gate;
}

// ---- Atelier -------------------------------------------------------------------------

const input = z.object({ n: z.number() });

const atelierModel = scriptedModel(
  (request) => {
    let done = 0;
    for (const m of request.messages) if (m.role === 'tool') done++;
    return done < STEPS ? toolCall('step', { n: done + 1 }, `c${done + 1}`) : text('done');
  },
  { record: false },
);
const atelierAgent = agent({
  name: 'bench',
  instructions: 'Call step until done.',
  model: atelierModel,
  tools: [
    tool({
      name: 'step',
      description: 'one step',
      input,
      execute: async ({ n }) => (await park(), n + 1),
    }),
  ],
});

async function atelierRun(): Promise<void> {
  const r = await run(atelierAgent, 'go', { maxTurns: STEPS + 1 });
  if (r.finalOutput !== 'done' || r.turns !== STEPS + 1)
    throw new Error('atelier run did not finish as scripted');
}

// ---- @openai/agents, with an equivalent scripted model implementing its Model -------

class ScriptedOpenAIAgentsModel implements oa.Model {
  async getResponse(request: oa.ModelRequest): Promise<oa.ModelResponse> {
    let done = 0;
    if (typeof request.input !== 'string')
      for (const item of request.input) if (item.type === 'function_call_result') done++;
    const output: oa.ModelResponse['output'] =
      done < STEPS
        ? [
            {
              type: 'function_call',
              callId: `c${done + 1}`,
              name: 'step',
              arguments: JSON.stringify({ n: done + 1 }),
              status: 'completed',
            },
          ]
        : [
            {
              type: 'message',
              role: 'assistant',
              status: 'completed',
              content: [{ type: 'output_text', text: 'done' }],
            },
          ];
    return { usage: new oa.Usage(), output };
  }
  async *getStreamedResponse(): AsyncIterable<oa.StreamEvent> {
    throw new Error('not used by the benchmark');
  }
}

const theirAgent = new oa.Agent({
  name: 'bench',
  instructions: 'Call step until done.',
  model: new ScriptedOpenAIAgentsModel(),
  tools: [
    oa.tool({
      name: 'step',
      description: 'one step',
      parameters: input,
      execute: async ({ n }) => (await park(), String(n + 1)),
    }),
  ],
});

async function theirRun(): Promise<void> {
  const r = await oa.run(theirAgent, 'go', { maxTurns: STEPS + 1 });
  if (r.finalOutput !== 'done') throw new Error('@openai/agents run did not finish as scripted');
}

// ---- measurement ---------------------------------------------------------------------

/** Wall-clock and CPU microseconds per step, best round of ROUNDS. */
async function perStepMicros(one: () => Promise<void>): Promise<{ wall: number; cpu: number }> {
  for (let i = 0; i < Math.min(100, RUNS); i++) await one(); // warm-up
  let best = { wall: Infinity, cpu: Infinity };
  for (let round = 0; round < ROUNDS; round++) {
    gc();
    const cpu0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < RUNS; i++) await one();
    const wall = Number(process.hrtime.bigint() - t0) / 1000 / (RUNS * STEPS);
    const used = process.cpuUsage(cpu0);
    const cpu = (used.user + used.system) / (RUNS * STEPS);
    if (wall < best.wall) best = { wall, cpu };
  }
  return best;
}

async function bytesPerRun(one: () => Promise<void>): Promise<number> {
  gc();
  gc();
  const before = process.memoryUsage().heapUsed;
  let release!: () => void;
  gate = new Promise<void>((resolve) => (release = resolve));
  let waiting = 0;
  let allParked!: () => void;
  const parked = new Promise<void>((resolve) => (allParked = resolve));
  parkedOne = () => {
    if (++waiting === CONCURRENT) allParked();
  };
  const runs = Array.from({ length: CONCURRENT }, () => one());
  await parked;
  gc();
  gc();
  const during = process.memoryUsage().heapUsed;
  gate = undefined;
  parkedOne = undefined;
  release();
  await Promise.all(runs);
  return (during - before) / CONCURRENT;
}

// Each run parks on its first step, so memory is compared at the same point for both.
const results = {
  atelier: { step: await perStepMicros(atelierRun), memory: await bytesPerRun(atelierRun) },
  openaiAgents: { step: await perStepMicros(theirRun), memory: await bytesPerRun(theirRun) },
};

const kb = (b: number): string => `${(b / 1024).toFixed(1)} KB`;
const us = (u: number): string => `${u.toFixed(1)} µs`;
console.log(
  `run-loop benchmark (${RUNS} runs x ${STEPS} tool steps = ${RUNS * STEPS} steps, best of ${ROUNDS}; ${CONCURRENT} concurrent runs)`,
);
console.log('');
console.log('runtime            overhead/step (wall)   CPU/step      memory/concurrent run');
for (const [label, r] of [
  ['atelier', results.atelier],
  ['@openai/agents', results.openaiAgents],
] as const) {
  console.log(
    `${label.padEnd(18)} ${us(r.step.wall).padEnd(22)} ${us(r.step.cpu).padEnd(13)} ${kb(r.memory)}`,
  );
}
console.log('');
const ratio = results.atelier.step.wall / results.openaiAgents.step.wall;
console.log(
  `atelier/openai-agents overhead ratio: ${ratio.toFixed(3)} (target <= 0.333: ${ratio <= 1 / 3 ? 'met' : 'NOT met'})`,
);
console.log(`memory ratio: ${(results.atelier.memory / results.openaiAgents.memory).toFixed(3)}`);
