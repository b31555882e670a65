/**
 * Instruction templates of model-driven tools: `{{c}}` names a parameter of the step,
 * `{{mission.name}}` and `{{mission.description}}` the mission. Every name is checked
 * when the mission is loaded, so a step never sends the model a hole.
 */
import { MissionError } from '../errors.js';
import type { PlanningTool } from '../types.js';

const SLOT = /\{\{\s*([^{}]*?)\s*\}\}/g;
const MISSION_NAMES = ['mission.name', 'mission.description'];

/** The names a template uses, with the offset of each slot in the text. */
export function templateNames(template: string): { name: string; offset: number }[] {
  return [...template.matchAll(SLOT)].map((m) => ({ name: m[1]!, offset: m.index }));
}

/** Fills a checked template with the step's arguments and the mission. */
export function renderInstruction(
  template: string,
  args: Readonly<Record<string, string>>,
  mission: { name: string; description: string },
): string {
  return template.replace(SLOT, (_, raw: string) => {
    const name = raw.trim();
    if (name === 'mission.name') return mission.name;
    if (name === 'mission.description') return mission.description;
    return args[name.toLowerCase().replace(/^\?/, '')] ?? `{{${name}}}`;
  });
}

/**
 * Checks the templates of a mission's model-driven tools: every name must be a parameter
 * of the tool or a mission field. `at(tool, offset)` locates a slot in the source file.
 */
export function checkTemplates(
  file: string,
  tools: readonly PlanningTool[],
  field: (tool: PlanningTool) => string,
  at: (tool: PlanningTool, offset: number) => { line: number; col: number } | undefined,
): void {
  for (const tool of tools) {
    if (tool.byModel === undefined) continue;
    const params = tool.params.map(([p]) => p);
    for (const { name, offset } of templateNames(tool.byModel.instruction)) {
      const key = name.toLowerCase().replace(/^\?/, '');
      if (params.includes(key) || MISSION_NAMES.includes(name)) continue;
      const known = [...params.map((p) => `{{${p}}}`), ...MISSION_NAMES.map((n) => `{{${n}}}`)];
      throw new MissionError(file, field(tool), `unknown name '${name}' in the instruction`, {
        code: 'MISSION_UNKNOWN_TEMPLATE_NAME',
        hint: `a template may name ${known.join(', ')}`,
        ...(at(tool, offset) ?? {}),
      });
    }
  }
}
