/** A small mission with a learned tool, for the learning tests (runs, server, web UI). */
import { defineMission, planningTool } from '../../src/team/index.js';
import type { Mission } from '../../src/team/index.js';

/**
 * A workshop whose `make` tool has no declared model. Its world makes a part in stock:
 * (made p) becomes true, (in_stock p) false; a part out of stock fails. `ship` is declared, but
 * its declaration misses that it invoices the part.
 */
export function workshop(
  make: {
    bootstrap?: { precondition?: string; effect: string };
    /** `ship` waits for a person's approval. */
    approveShip?: boolean;
  } = {},
): Mission {
  return defineMission({
    name: 'workshop',
    objects: { part: ['p1', 'p2', 'p3'] },
    facts: ['(in_stock p1)', '(in_stock p2)', '(in_stock p3)'],
    goal: '(shipped p1)',
    tools: [
      planningTool({
        name: 'make',
        params: { p: 'part' },
        precondition: make.bootstrap?.precondition ?? '',
        effect: make.bootstrap?.effect ?? '(and)',
        learned: { bootstrap: make.bootstrap !== undefined },
      }),
      planningTool({
        name: 'ship',
        params: { p: 'part' },
        precondition: '(and (made ?p) (not (invoiced ?p)))',
        effect: '(shipped ?p)',
        needsApproval: make.approveShip ?? false,
      }),
    ],
    agents: [{ name: 'ann', capabilities: ['make', 'ship'] }],
    world: () => ({
      async execute(tool, args, ctx) {
        // Shipping also invoices, which the declared model does not say.
        if (tool.name === 'ship') return { ok: true, assert: [`(invoiced ${args.p})`] };
        if (!ctx.facts.has(`in_stock ${args.p}`)) return { ok: false, reason: 'out of stock' };
        return { ok: true, assert: [`(made ${args.p})`], retract: [`(in_stock ${args.p})`] };
      },
    }),
  });
}
