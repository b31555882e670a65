/**
 * What the team can actually do: an action of the action model is kept for planning
 * only when some agent can carry it out (it holds the tool's capability, or names the
 * tool). The others are set aside, so the planner never builds a plan nobody can run,
 * and the why-not can say which capability the goal would need.
 */
import type { Domain } from '../../pddl/ast.js';
import type { IdleAction, PlanningTool, TeamAgent } from '../types.js';

export type { IdleAction };

/** The capability an agent needs to use `tool` (its declared capability, else its name). */
export function capabilityOf(tool: PlanningTool): string {
  return tool.capability ?? tool.name;
}

/** Whether `agent` can use `tool`: it has the tool's capability, or lists the tool itself. */
export function canUse(agent: TeamAgent, tool: PlanningTool): boolean {
  return agent.capabilities.includes(capabilityOf(tool)) || agent.capabilities.includes(tool.name);
}

/** Splits `domain` into the actions some agent can carry out (kept) and the idle ones. */
export function usableDomain(
  domain: Domain,
  tools: ReadonlyMap<string, PlanningTool>,
  agents: readonly TeamAgent[],
): { domain: Domain; idle: IdleAction[] } {
  const idle: IdleAction[] = [];
  const kept = domain.actions.filter((a) => {
    const tool = tools.get(a.name);
    if (tool !== undefined && agents.some((ag) => canUse(ag, tool))) return true;
    idle.push({ action: a, capability: tool === undefined ? a.name : capabilityOf(tool) });
    return false;
  });
  return { domain: idle.length === 0 ? domain : { ...domain, actions: kept }, idle };
}
