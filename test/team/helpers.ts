/** Small missions for the team tests, defined in TypeScript. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineMission, openRunStore, planningTool } from '../../src/team/index.js';
import type { Mission, RunStore, ToolOutcome, World } from '../../src/team/index.js';

export function tempStore(): { store: RunStore; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-team-'));
  return { store: openRunStore(join(dir, 'atelier.db')), dir };
}

/**
 * A dinner party: buy ingredients (two shops, independent), cook (needs both), set the
 * table (independent), serve (needs the dish and the table). `outcome` lets a test
 * decide what the world does for each step.
 */
export function dinnerMission(options: { outcome?: (action: string, args: Record<string, string>, attempt: number) => ToolOutcome | undefined; approvalFor?: string[]; agents?: Mission['agents'] } = {}): Mission {
  const world = (): World => ({
    async execute(tool, args, ctx) {
      await ctx.wait(40);
      return options.outcome?.(tool.name, args, ctx.attempt) ?? { ok: true };
    },
  });
  const approval = new Set(options.approvalFor ?? []);
  return defineMission({
    name: 'dinner',
    objects: { item: ['pasta', 'tomatoes'], shop: ['market', 'grocer'], dish: ['sauce'] },
    facts: ['(sells market tomatoes)', '(sells grocer pasta)', '(sells grocer tomatoes)'],
    rules: 'ready_to_cook :- bought(pasta), bought(tomatoes).',
    goal: '(and (served sauce))',
    tools: [
      planningTool({ name: 'buy', params: { i: 'item', s: 'shop' }, precondition: '(and (sells ?s ?i) (not (bought ?i)))', effect: '(bought ?i)', capability: 'shopping', needsApproval: approval.has('buy') }),
      planningTool({ name: 'cook', params: { d: 'dish' }, precondition: '(ready_to_cook)', effect: '(cooked ?d)', capability: 'cooking' }),
      planningTool({ name: 'set_table', effect: '(table_set)', capability: 'hosting' }),
      planningTool({ name: 'serve', params: { d: 'dish' }, precondition: '(and (cooked ?d) (table_set))', effect: '(served ?d)', capability: 'hosting', needsApproval: approval.has('serve') }),
    ],
    agents: options.agents ?? [
      { name: 'ann', capabilities: ['shopping'] },
      { name: 'bob', capabilities: ['shopping', 'hosting'] },
      { name: 'chef', capabilities: ['cooking'] },
    ],
    world,
  });
}
