/** Small missions for the team tests, defined in TypeScript. */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { MissionError, defineMission, loadMission, planningTool } from '../../src/team/index.js';
import { openRunStore } from '../../src/store/index.js';
import type { Mission, RunStore, ToolOutcome, World } from '../../src/team/index.js';

const ROOT = resolve(import.meta.dirname, '../..');

/** A copy of an example mission folder with one edit to its mission.yaml (which must apply). */
export function editedExample(example: string, from: string, to: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-edited-'));
  cpSync(join(ROOT, 'examples', example), dir, { recursive: true });
  const yaml = readFileSync(join(dir, 'mission.yaml'), 'utf8');
  assert.ok(yaml.includes(from), `the example holds ${from}`);
  writeFileSync(join(dir, 'mission.yaml'), yaml.replace(from, to));
  return dir;
}

/** The MissionError that loading `dir` throws (fails the test if it loads). */
export async function rejection(dir: string): Promise<MissionError> {
  try {
    await loadMission(dir);
  } catch (err) {
    assert.ok(err instanceof MissionError, `a MissionError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected the mission to be rejected');
}

export function tempStore(): { store: RunStore; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-team-'));
  return { store: openRunStore(join(dir, 'atelier.db')), dir };
}

/**
 * A dinner party: buy ingredients (two shops, independent), cook (needs both), set the
 * table (independent), serve (needs the dish and the table). `outcome` lets a test
 * decide what the world does for each step.
 */
export function dinnerMission(
  options: {
    outcome?: (
      action: string,
      args: Record<string, string>,
      attempt: number,
    ) => ToolOutcome | undefined;
    approvalFor?: string[];
    agents?: Mission['agents'];
  } = {},
): Mission {
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
      planningTool({
        name: 'buy',
        params: { i: 'item', s: 'shop' },
        precondition: '(and (sells ?s ?i) (not (bought ?i)))',
        effect: '(bought ?i)',
        capability: 'shopping',
        needsApproval: approval.has('buy'),
      }),
      planningTool({
        name: 'cook',
        params: { d: 'dish' },
        precondition: '(ready_to_cook)',
        effect: '(cooked ?d)',
        capability: 'cooking',
      }),
      planningTool({ name: 'set_table', effect: '(table_set)', capability: 'hosting' }),
      planningTool({
        name: 'serve',
        params: { d: 'dish' },
        precondition: '(and (cooked ?d) (table_set))',
        effect: '(served ?d)',
        capability: 'hosting',
        needsApproval: approval.has('serve'),
      }),
    ],
    agents: options.agents ?? [
      { name: 'ann', capabilities: ['shopping'] },
      { name: 'bob', capabilities: ['shopping', 'hosting'] },
      { name: 'chef', capabilities: ['cooking'] },
    ],
    world,
  });
}
