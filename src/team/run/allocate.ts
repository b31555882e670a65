/**
 * Stage 2, allocate: each step goes to an agent that has the capability its tool needs.
 * Among capable agents the cheapest wins, then the least loaded (steps already given
 * in this allocation plus `load`), then the name in alphabetical order — so the same
 * plan always gets the same allocation. The plan and its assignments are then written
 * in one transaction.
 */
import type { PlannedStep } from '../log/events.js';
import { canUse, capabilityOf } from '../mission/capable.js';
import type { PlanningTool, TeamAgent } from '../types.js';
import type { RunContext } from './context.js';
import type { PlanRound } from './plan-round.js';
import type { RunState } from './state.js';

export interface AllocationError {
  step: number;
  action: string;
  capability: string;
}

export { capabilityOf };

/**
 * Returns the agent name for each step, in order, or the first step no agent can do.
 * `load` gives agents' current work (e.g. steps still running) to balance against.
 */
export function allocate(
  steps: readonly { action: string }[],
  agents: readonly TeamAgent[],
  tools: ReadonlyMap<string, PlanningTool>,
  load: ReadonlyMap<string, number> = new Map(),
): { ok: true; agents: string[] } | { ok: false; error: AllocationError } {
  const work = new Map(agents.map((a) => [a.name, load.get(a.name) ?? 0]));
  const byCap = new Map<string, TeamAgent[]>();
  const out: string[] = [];
  for (let i = 0; i < steps.length; i++) {
    const action = steps[i]!.action;
    const tool = tools.get(action);
    const capability = tool === undefined ? action : capabilityOf(tool);
    let capable = byCap.get(action);
    if (capable === undefined) {
      capable = agents.filter((a) =>
        tool === undefined ? a.capabilities.includes(action) : canUse(a, tool),
      );
      byCap.set(action, capable);
    }
    if (capable.length === 0) return { ok: false, error: { step: i, action, capability } };
    let best = capable[0]!;
    for (const a of capable.slice(1)) {
      const d =
        a.cost - best.cost ||
        work.get(a.name)! - work.get(best.name)! ||
        (a.name < best.name ? -1 : 1);
      if (d < 0) best = a;
    }
    work.set(best.name, work.get(best.name)! + 1);
    out.push(best.name);
  }
  return { ok: true, agents: out };
}

/**
 * Gives each step of a new plan its agent and writes the plan (`plan.made`) with its
 * assignments; when some step has no capable agent, `plan.failed` instead.
 */
export async function allocateRound(
  ctx: RunContext,
  state: RunState,
  planned: Extract<PlanRound, { ok: true }>,
): Promise<{ ok: true; steps: PlannedStep[] } | { ok: false; reason: string; whyNot: [] }> {
  const { ordered, ids } = planned;
  const alloc = allocate(ordered, ctx.mission.agents, ctx.mission.tools);
  if (!alloc.ok) {
    const reason = `no agent has the capability '${alloc.error.capability}' for (${alloc.error.action} ...)`;
    await ctx.recorder.emit({ type: 'plan.failed', data: { reason, whyNot: [] } });
    return { ok: false, reason, whyNot: [] };
  }
  state.planVersion++;
  state.stepCounter += ordered.length;
  const steps: PlannedStep[] = ordered.map((s, i) => ({
    id: ids[i]!,
    action: s.action,
    args: s.args,
    agent: alloc.agents[i]!,
    dependsOn: s.dependsOn.map((d) => ids[d]!),
    supports: s.supports,
  }));
  const plan = {
    version: state.planVersion,
    reason: state.reason,
    cost: planned.cost,
    planMs: Math.round(planned.planMs * 100) / 100,
    steps,
  };
  await ctx.recorder.emit(
    { type: 'plan.made', data: plan },
    ...steps.map((s) => ({
      type: 'step.assigned' as const,
      data: { stepId: s.id, agent: s.agent, action: s.action, args: s.args },
    })),
  );
  return { ok: true, steps };
}
