/**
 * Templates of tools: `{{c}}` names a parameter of the step, `{{mission.name}}` and
 * `{{mission.description}}` the mission; the arguments of an MCP-driven tool may also
 * name `{{inputs}}`, the work products the step depends on. Every name is checked when
 * the mission is loaded, so a step never sends a model or a server a hole.
 */
import { MissionError } from '../errors.js';
import type { PlanningTool } from '../types.js';

const SLOT = /\{\{\s*([^{}]*?)\s*\}\}/g;
const MISSION_NAMES = ['mission.name', 'mission.description'];
/** The name of the work products a step depends on, in MCP arguments. */
export const INPUTS_NAME = 'inputs';

/** The names a template uses, with the offset of each slot in the text. */
export function templateNames(template: string): { name: string; offset: number }[] {
  return [...template.matchAll(SLOT)].map((m) => ({ name: m[1]!, offset: m.index }));
}

/** Fills a checked template with the step's arguments and the mission (and `extra` names). */
export function renderInstruction(
  template: string,
  args: Readonly<Record<string, string>>,
  mission: { name: string; description: string },
  extra: Readonly<Record<string, string>> = {},
): string {
  return template.replace(SLOT, (_, raw: string) => {
    const name = raw.trim();
    if (name === 'mission.name') return mission.name;
    if (name === 'mission.description') return mission.description;
    const key = name.toLowerCase().replace(/^\?/, '');
    return args[key] ?? extra[key] ?? `{{${name}}}`;
  });
}

/** A JSON value with every string filled in (keys stay as written). */
export function fillJson(value: unknown, fill: (text: string) => string): unknown {
  if (typeof value === 'string') return fill(value);
  if (Array.isArray(value)) return value.map((v) => fillJson(v, fill));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillJson(v, fill)]));
  return value;
}

/** Every string of a JSON value, with its path. */
export function jsonStrings(
  value: unknown,
  path: (string | number)[] = [],
): { path: (string | number)[]; text: string }[] {
  if (typeof value === 'string') return [{ path, text: value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => jsonStrings(v, [...path, i]));
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => jsonStrings(v, [...path, k]));
  return [];
}

/**
 * The first name of `template` that is neither a parameter, a mission field nor one of
 * `extra`; with the names a template may use, for the hint.
 */
export function unknownTemplateName(
  template: string,
  params: readonly string[],
  extra: readonly string[] = [],
): { name: string; offset: number; known: string[] } | undefined {
  for (const { name, offset } of templateNames(template)) {
    const key = name.toLowerCase().replace(/^\?/, '');
    if (params.includes(key) || extra.includes(key) || MISSION_NAMES.includes(name)) continue;
    const known = [...params, ...MISSION_NAMES, ...extra].map((n) => `{{${n}}}`);
    return { name, offset, known };
  }
  return undefined;
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
    const unknown = unknownTemplateName(tool.byModel.instruction, params);
    if (unknown === undefined) continue;
    throw new MissionError(file, field(tool), `unknown name '${unknown.name}' in the instruction`, {
      code: 'MISSION_UNKNOWN_TEMPLATE_NAME',
      hint: `a template may name ${unknown.known.join(', ')}`,
      ...(at(tool, unknown.offset) ?? {}),
    });
  }
}
