/**
 * Pieces of a mission read from mission.yaml: its tools and agents (unknown tools named
 * with a "did you mean"), and fields that do not apply to the kind of mission.
 */
import { MissionError } from '../errors.js';
import { planningTool } from '../types.js';
import type { McpStep, PlanningTool, TeamAgent } from '../types.js';
import type { Locate } from './mission-file.js';
import type { MissionFile } from './schema.js';
import { closest } from '../../spelling.js';
import { checkTemplates } from '../work/template.js';

/** The planning tools of a mission with tools. */
export function toolsFromFile(m: MissionFile): PlanningTool[] {
  return Object.entries(m.tools ?? {}).map(([name, t]) =>
    planningTool({
      name,
      ...(t.description === undefined ? {} : { description: t.description }),
      ...(t.params === undefined ? {} : { params: t.params }),
      ...(t.precondition === undefined ? {} : { precondition: t.precondition }),
      effect: t.effect,
      ...(t.capability === undefined ? {} : { capability: t.capability }),
      ...(t.needsApproval === undefined ? {} : { needsApproval: t.needsApproval }),
      ...(t.byModel === undefined ? {} : { byModel: t.byModel }),
      ...(t.mcp === undefined ? {} : { mcp: mcpStepOf(t.mcp) }),
    }),
  );
}

function mcpStepOf(spec: NonNullable<MissionFile['tools']>[string]['mcp'] & {}): McpStep {
  return {
    server: spec.server,
    tool: spec.tool,
    arguments: spec.arguments ?? {},
    ...(spec.product === undefined ? {} : { product: spec.product }),
    ...(spec.timeoutMs === undefined ? {} : { timeoutMs: spec.timeoutMs }),
  };
}

/** The agents; each tool an agent lists must be a tool of the mission. */
export function agentsFromFile(
  m: MissionFile,
  file: string,
  toolNames: Set<string>,
  locate: Locate,
): TeamAgent[] {
  return m.agents.map((a, i) => {
    (a.tools ?? []).forEach((t, j) => {
      if (!toolNames.has(t.toLowerCase())) {
        const near = closest(t.toLowerCase(), toolNames);
        throw new MissionError(file, `agents[${i}].tools[${j}]`, `unknown tool '${t}'`, {
          code: 'MISSION_UNKNOWN_TOOL',
          hint: `${near === undefined ? '' : `did you mean '${near}'? `}expected one of: ${[...toolNames].join(', ')}`,
          ...locate(['agents', i, 'tools', j]),
        });
      }
    });
    return {
      name: a.name.toLowerCase(),
      ...(a.role === undefined ? {} : { role: a.role }),
      cost: a.cost ?? 1,
      capabilities: [...(a.capabilities ?? []), ...(a.tools ?? [])].map((c) => c.toLowerCase()),
    };
  });
}

/** Rejects fields of mission.yaml that do not apply to this kind of mission. */
export function notApplying(
  m: MissionFile,
  file: string,
  locate: Locate,
  keys: (keyof MissionFile)[],
  hint: string,
): void {
  for (const k of keys) {
    if (m[k] === undefined) continue;
    const at = locate([k]);
    throw new MissionError(file, k, 'does not apply to this mission', {
      code: 'MISSION_FIELD_NOT_APPLICABLE',
      hint,
      ...(at === undefined ? {} : { line: at.line, col: at.col }),
    });
  }
}

/** The instruction templates of model-driven tools name only parameters and the mission. */
export function checkFileTemplates(
  m: MissionFile,
  file: string,
  locate: Locate,
  tools: readonly PlanningTool[],
): void {
  const keyOf = (t: PlanningTool): string =>
    Object.keys(m.tools ?? {}).find((k) => k.toLowerCase() === t.name) ?? t.name;
  checkTemplates(
    file,
    tools,
    (t) => `tools.${keyOf(t)}.byModel.instruction`,
    (t, offset) => locate(['tools', keyOf(t), 'byModel', 'instruction'], offset),
  );
}
