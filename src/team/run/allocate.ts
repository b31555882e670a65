/**
 * Allocation: each step goes to an agent that has the capability its tool needs.
 * Among capable agents the cheapest wins, then the least loaded (steps already given
 * in this allocation plus `load`), then the name in alphabetical order — so the same
 * plan always gets the same allocation.
 */
import { canUse, capabilityOf } from '../mission/capable.js';
import type { PlanningTool, TeamAgent } from '../types.js';

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
