/**
 * A step run by any worker: what a run's driver offers (the payload: where the mission
 * is, the world's seed, the step, the facts it starts from) and what the worker that
 * claims it records (the tool's outcome and the model calls it reported). The worker
 * loads the mission from its folder and the world from the seed, so the step runs there
 * exactly as it would in the driver's process (a simulated world keys its randomness on
 * the step's identity and try, never on the process).
 */
import { z } from 'zod';
import { toolCallSpan } from '../../agents/index.js';
import type { ClaimedStep, StepTask } from '../log/port.js';
import { loadMission } from '../mission/loader.js';
import type { Mission, ToolContext, ToolOutcome, World } from '../types.js';
import { sleep } from '../../sleep.js';
import type { UsageCall } from './usage.js';

const StepPayloadSchema = z.object({
  missionDir: z.string(),
  seed: z.number(),
  action: z.string(),
  args: z.array(z.string()),
  agent: z.string(),
  facts: z.array(z.string()),
  timeScale: z.number(),
});
export type StepPayload = z.infer<typeof StepPayloadSchema>;

const StepRecordSchema = z.object({
  outcome: z.object({ ok: z.boolean() }).passthrough(),
  usage: z.array(
    z.object({
      model: z.string(),
      usage: z.object({ inputTokens: z.number(), outputTokens: z.number() }),
    }),
  ),
});

/** What a worker records for a step: the tool's outcome and the model calls it reported. */
export interface StepRecord {
  outcome: ToolOutcome;
  usage: { model: string; usage: UsageCall['usage'] }[];
}

/** The step's identity in its run: the idempotency key its tool gets on every try. */
export const stepKey = (runId: string, stepId: string): string => `${runId}/${stepId}`;

export function stepTask(
  runId: string,
  stepId: string,
  attempt: number,
  payload: StepPayload,
): StepTask {
  return { runId, stepId, key: stepKey(runId, stepId), attempt, payload };
}

/** A recorded result, checked: a result this code cannot read is a failed step, said so. */
export function parseStepRecord(result: unknown): StepRecord {
  const r = StepRecordSchema.safeParse(result);
  if (r.success) return r.data as StepRecord;
  return {
    outcome: { ok: false, reason: 'the worker recorded a result this Atelier cannot read' },
    usage: [],
  };
}

/** Missions and worlds a worker has loaded, by folder (and seed): loaded once per process. */
export interface MissionCache {
  mission(dir: string): Promise<Mission>;
  world(dir: string, seed: number): Promise<World | undefined>;
}

export function missionCache(): MissionCache {
  const missions = new Map<string, Promise<Mission>>();
  const worlds = new Map<string, World | undefined>();
  const mission = (dir: string): Promise<Mission> => {
    let m = missions.get(dir);
    if (m === undefined) {
      m = loadMission(dir);
      m.catch(() => missions.delete(dir)); // a folder fixed later is loaded again
      missions.set(dir, m);
    }
    return m;
  };
  return {
    mission,
    async world(dir, seed) {
      const key = `${seed} ${dir}`;
      if (!worlds.has(key)) worlds.set(key, (await mission(dir)).world?.(seed));
      return worlds.get(key);
    },
  };
}

/**
 * Runs a claimed step: waits its simulated duration, then the world (or the tool itself)
 * carries it out with the step's idempotency key. A tool that throws is a failed step;
 * an abort (the worker stops) throws, and the step is released, not recorded.
 */
export async function runStepTask(
  claimed: ClaimedStep,
  cache: MissionCache,
  signal: AbortSignal,
): Promise<StepRecord> {
  const p = StepPayloadSchema.parse(claimed.payload);
  const usage: StepRecord['usage'] = [];
  const fail = (reason: string): StepRecord => ({ outcome: { ok: false, reason }, usage });
  let mission: Mission;
  try {
    mission = await cache.mission(p.missionDir);
  } catch (err) {
    return fail(
      `the worker cannot load the mission: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  const tool = mission.tools.get(p.action);
  if (tool === undefined) return fail(`the mission has no tool '${p.action}' any more`);
  const world = await cache.world(p.missionDir, p.seed);
  const args = Object.fromEntries(tool.params.map(([name], i) => [name, p.args[i]!]));
  const ctx: ToolContext = {
    runId: claimed.runId,
    stepId: claimed.stepId,
    agent: p.agent,
    facts: new Set(p.facts),
    signal,
    attempt: claimed.attempt,
    idempotencyKey: claimed.key,
    wait: (ms) => sleep(ms * p.timeScale, signal),
    recordUsage: async (call) => void usage.push(call),
  };
  await ctx.wait(mission.stepDurationMs?.(p.action) ?? 0);
  try {
    const outcome = await toolCallSpan(p.action, claimed.stepId, p.agent, () =>
      world !== undefined ? world.execute(tool, args, ctx) : tool.execute(args, ctx),
    );
    return { outcome, usage };
  } catch (err) {
    if (signal.aborted) throw err;
    return fail(err instanceof Error ? err.message : String(err));
  }
}
