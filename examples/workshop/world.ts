/**
 * The workshop's simulated world. `make` has no declared model: it reports what it
 * changed (the part is made and leaves the stock), which is what the team learns from.
 * `ship` confirms its declared effect and also invoices the part, which its declaration
 * does not say (`atelier learn --runs examples/workshop` reports it).
 */
import type { PlanningTool, ToolContext, ToolOutcome, World } from '../../src/team/index.js';

export function createWorld(): World {
  return {
    async execute(
      tool: PlanningTool,
      args: Record<string, string>,
      ctx: ToolContext,
    ): Promise<ToolOutcome> {
      if (tool.name === 'ship') return { ok: true, assert: [`(invoiced ${args.p})`] };
      if (!ctx.facts.has(`in_stock ${args.p}`))
        return { ok: false, reason: `${args.p} is out of stock` };
      return { ok: true, assert: [`(made ${args.p})`], retract: [`(in_stock ${args.p})`] };
    },
  };
}
