/**
 * Teams made of the agents of src/agents: a tool defined with `tool()` carries its
 * planning signature in `metadata.planning`, and an agent's capabilities are the planning
 * tools it holds. The tool's zod schema validates the step's arguments before `execute`
 * runs; a result shaped like a ToolOutcome is taken as the report, anything else means
 * "done as declared".
 */
import type { Agent, Tool } from '../../agents/index.js';
import { UserError } from '../../errors.js';
import { planningTool } from '../types.js';
import type { PlanningTool, TeamAgent, ToolOutcome } from '../types.js';

/** What `metadata.planning` holds. */
export interface PlanningSignature {
  /** Ordered parameters: name -> type. The tool's zod input must accept these names as strings. */
  params?: Record<string, string>;
  precondition?: string;
  effect: string;
  capability?: string;
}

function isOutcome(x: unknown): x is ToolOutcome {
  return typeof x === 'object' && x !== null && typeof (x as { ok?: unknown }).ok === 'boolean';
}

/** The planning signature of an agents-module tool, if it declares one. */
export function planningSignatureOf(t: Tool): PlanningSignature | undefined {
  const p = t.metadata?.planning as PlanningSignature | undefined;
  return p !== undefined && typeof p.effect === 'string' ? p : undefined;
}

/** A planning tool backed by an agents-module tool (which must declare `metadata.planning`). */
export function planningToolFromAgentTool(t: Tool, owner: Agent<unknown>): PlanningTool {
  const sig = planningSignatureOf(t);
  if (sig === undefined)
    throw new UserError(`tool ${t.name} has no planning signature`, {
      code: 'MISSION_TOOL_NO_SIGNATURE',
      hint: 'add metadata: { planning: { params, precondition, effect } } to tool()',
    });
  return planningTool({
    name: t.name,
    description: t.description,
    ...(sig.params === undefined ? {} : { params: sig.params }),
    ...(sig.precondition === undefined ? {} : { precondition: sig.precondition }),
    effect: sig.effect,
    ...(sig.capability === undefined ? {} : { capability: sig.capability }),
    needsApproval: t.needsApproval !== undefined,
    async execute(args, ctx) {
      const input = t.input.safeParse(args);
      if (!input.success)
        return {
          ok: false,
          reason: `arguments rejected by the tool's schema: ${input.error.issues[0]?.message ?? 'invalid'}`,
        };
      const result: unknown = await t.execute(input.data, {
        agent: owner,
        toolCallId: ctx.stepId,
        signal: ctx.signal,
        context: { runId: ctx.runId, facts: ctx.facts },
      });
      return isOutcome(result)
        ? result
        : {
            ok: true,
            ...(result === undefined
              ? {}
              : { note: typeof result === 'string' ? result : JSON.stringify(result) }),
          };
    },
  });
}

/**
 * The team of a set of agents: every tool with a planning signature becomes a planning
 * tool (the first agent holding a tool name defines it), and each agent's capabilities
 * are the planning tools it holds. `costs` gives per-agent step costs (default 1).
 */
export function teamFromAgents(
  agents: readonly Agent<unknown>[],
  costs: Record<string, number> = {},
): { agents: TeamAgent[]; tools: PlanningTool[] } {
  const tools = new Map<string, PlanningTool>();
  const team = agents.map((a) => {
    const caps: string[] = [];
    for (const t of a.tools) {
      if (planningSignatureOf(t) === undefined) continue;
      if (!tools.has(t.name.toLowerCase()))
        tools.set(t.name.toLowerCase(), planningToolFromAgentTool(t, a));
      const pt = tools.get(t.name.toLowerCase())!;
      caps.push(pt.capability ?? pt.name);
    }
    return { name: a.name.toLowerCase(), cost: costs[a.name] ?? 1, capabilities: caps };
  });
  return { agents: team, tools: [...tools.values()] };
}
