/**
 * One step of a round: a person approves it first when its tool needs approval, then the
 * tool (or the mission's simulated world) carries it out and reports what happened,
 * which is observed (observe.ts).
 */
import type { ToolContext, ToolOutcome } from '../types.js';
import { askApproval } from './approval.js';
import { groundKey, sleep } from './context.js';
import type { RunContext } from './context.js';
import { observe } from './observe.js';
import { modelStep, simulated } from '../work/index.js';
import { resumedOutcome, runsHere } from './resumed-step.js';
import { mcpStep } from '../mcp/step.js';
import { recordUsage } from './record-usage.js';
import type { ReadyStep, Round, RunState } from './state.js';
import { toolCallSpan } from '../../agents/index.js';
import { stepKey, stepTask } from './step-task.js';

export async function runStep(
  ctx: RunContext,
  state: RunState,
  round: Round,
  ready: ReadyStep,
  attempt: number,
): Promise<void> {
  const s = ready.step;
  const t = Date.now();
  // A step cut short by the run's stop: its record, or in doubt (resumed-step.ts).
  const resumed = ready.resumed === true ? await resumedOutcome(ctx, s) : { asked: false };
  let outcome = resumed.outcome;
  if (resumed.rejected === true) state.rejected.add(groundKey(s));
  if (outcome === undefined && !resumed.asked && ctx.mission.tools.get(s.action)!.needsApproval) {
    const decision = await askApproval(ctx, s);
    if (!decision.approved) {
      state.rejected.add(groundKey(s));
      outcome = {
        ok: false,
        reason: `rejected by ${decision.by ?? 'a reviewer'}${decision.reason ? `: ${decision.reason}` : ''}`,
      };
    }
  }
  outcome ??= await performAndRecord(ctx, state, ready, attempt);
  state.executed++;
  await observe(ctx, state, round, ready, outcome, Date.now() - t);
}

/**
 * Runs the step, and when it ran here under a lease records its outcome in run_steps
 * before the outcome is observed: a driver that resumes the run after a stop between the
 * two takes the outcome from there instead of running the tool again.
 */
async function performAndRecord(
  ctx: RunContext,
  state: RunState,
  ready: ReadyStep,
  attempt: number,
): Promise<ToolOutcome> {
  const outcome = await perform(ctx, state, ready, attempt);
  const s = ready.step;
  const { lease } = ctx.options;
  if (lease !== undefined && runsHere(ctx, s, ctx.mission.tools.get(s.action)!)) {
    const payload = {
      missionDir: ctx.mission.dir ?? '',
      seed: ctx.seed,
      action: s.action,
      args: [...s.args],
      agent: s.agent,
      facts: [],
      timeScale: ctx.timeScale,
    };
    await ctx.log.recordStep(lease, stepTask(ctx.runId, s.id, attempt, payload), {
      outcome,
      usage: [],
    });
  }
  return outcome;
}

/**
 * Runs the step's tool: its MCP tool, its agent's model, or the tool itself — through the
 * world when the mission simulates one (an MCP tool is always called). A throw is a failure.
 */
async function perform(
  ctx: RunContext,
  state: RunState,
  { step: s }: ReadyStep,
  attempt: number,
): Promise<ToolOutcome> {
  const tool = ctx.mission.tools.get(s.action)!;
  const { steps, lease } = ctx.options;
  // Steps done by the agent's model or by an MCP server stay with the run's driver, which
  // holds the model configuration and the run's MCP servers.
  if (!runsHere(ctx, s, tool) && steps !== undefined && lease !== undefined && ctx.mission.dir) {
    const r = await steps.perform(
      lease,
      stepTask(ctx.runId, s.id, attempt, {
        missionDir: ctx.mission.dir,
        seed: ctx.seed,
        action: s.action,
        args: [...s.args],
        agent: s.agent,
        facts: [...state.facts],
        timeScale: ctx.timeScale,
      }),
      ctx.signal,
    );
    for (const call of r.usage) await recordUsage(ctx, { ...call, agent: s.agent, stepId: s.id });
    return tool.byModel === undefined ? r.outcome : simulated(r.outcome);
  }
  const args = Object.fromEntries(tool.params.map(([p], i) => [p, s.args[i]!]));
  const toolCtx: ToolContext = {
    runId: ctx.runId,
    stepId: s.id,
    agent: s.agent,
    facts: new Set(state.facts),
    signal: ctx.signal ?? new AbortController().signal,
    attempt,
    idempotencyKey: stepKey(ctx.runId, s.id),
    wait: (ms: number) => sleep(ms * ctx.timeScale, ctx.signal),
    recordUsage: (call) => recordUsage(ctx, { ...call, agent: s.agent, stepId: s.id }),
  };
  await toolCtx.wait(ctx.mission.stepDurationMs?.(s.action) ?? 0);
  try {
    const mcp = tool.mcp;
    if (mcp !== undefined)
      return await toolCallSpan(s.action, s.id, s.agent, () =>
        mcpStep(ctx, state, s, { ...tool, mcp }),
      );
    const byModel = modelStep(ctx, state, s, tool);
    if (byModel !== undefined) return await toolCallSpan(s.action, s.id, s.agent, () => byModel);
    const outcome = await toolCallSpan(s.action, s.id, s.agent, () =>
      ctx.world !== undefined
        ? ctx.world.execute(tool, args, toolCtx)
        : tool.execute(args, toolCtx),
    );
    return tool.byModel === undefined ? outcome : simulated(outcome);
  } catch (err) {
    if (ctx.signal?.aborted) throw err;
    return { ok: false, reason: err instanceof Error ? err.message : String(err) };
  }
}
