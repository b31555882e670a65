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
export function toolsFromFile(m: MissionFile, file: string, locate: Locate): PlanningTool[] {
  return Object.entries(m.tools ?? {}).map(([name, t]) => {
    const learned = isLearned(m, name, file, locate);
    const model = learned ? t.bootstrap : t;
    return planningTool({
      name,
      ...(t.description === undefined ? {} : { description: t.description }),
      ...(t.params === undefined ? {} : { params: t.params }),
      ...(model?.precondition === undefined ? {} : { precondition: model.precondition }),
      effect: model?.effect ?? '(and)',
      ...(learned ? { learned: { bootstrap: t.bootstrap !== undefined } } : {}),
      ...(t.capability === undefined ? {} : { capability: t.capability }),
      ...(t.needsApproval === undefined ? {} : { needsApproval: t.needsApproval }),
      ...(t.idempotent === undefined ? {} : { idempotent: t.idempotent }),
      ...(t.byModel === undefined ? {} : { byModel: t.byModel }),
      ...(t.mcp === undefined ? {} : { mcp: mcpStepOf(t.mcp) }),
    });
  });
}

/**
 * Whether a tool's model is learned: `learned: true`, or no effect under `learn: auto`.
 * A learned tool declares no precondition or effect (its starting model is `bootstrap`);
 * a declared tool needs an effect and no bootstrap.
 */
function isLearned(m: MissionFile, key: string, file: string, locate: Locate): boolean {
  const t = m.tools![key]!;
  const learned = t.learned ?? (m.learn === 'auto' && t.effect === undefined);
  const refuse = (field: string, message: string, hint: string): never => {
    throw new MissionError(file, `tools.${key}.${field}`, message, {
      code: 'MISSION_LEARNED_TOOL',
      hint,
      ...locate(['tools', key, field]),
    });
  };
  if (learned) {
    for (const f of ['precondition', 'effect'] as const)
      if (t[f] !== undefined)
        refuse(
          f,
          `a learned tool declares no ${f}`,
          `remove it, or remove learned: true; a starting model goes under bootstrap`,
        );
    return true;
  }
  if (t.bootstrap !== undefined)
    refuse('bootstrap', 'only a learned tool has a bootstrap model', 'add learned: true');
  if (t.effect === undefined)
    refuse(
      'effect',
      'missing; expected a PDDL effect such as (hired ?c)',
      'or say that the tool is learned from the runs: learned: true (or learn: auto for the mission)',
    );
  return false;
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
