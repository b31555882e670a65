/** Missions defined in TypeScript, with the same checks as mission files. */
import { MissionError } from '../errors.js';
import { factKey, parseAtomText } from '../facts.js';
import { domainForTools, goalOf, learnedApart } from './tools-domain.js';
import { checkTemplates } from '../work/template.js';
import { usableDomain } from './capable.js';
import { checkCapabilities, checkVocabulary } from './checks.js';
import { readKnowledge } from './rules.js';
import type { Mission, PlanningTool, World } from '../types.js';
import { planningTool } from '../types.js';
import type { Domain, Problem } from '../../pddl/ast.js';
import type { Tool } from '../../agents/index.js';
import type { Model } from '../../models/index.js';
import type { McpServerConfig } from '../../mcp/index.js';
import { checkMcpTools, mcpServersOf } from './mcp.js';

export interface MissionSpec {
  name: string;
  description?: string;
  /** type -> parent type */
  types?: Record<string, string>;
  /** type -> object names */
  objects?: Record<string, string[]>;
  /** Initial facts as PDDL atoms: `(candidate alice)`. */
  facts?: string[];
  /** Facts and rules in the reasoner's syntax. */
  rules?: string;
  /** PDDL goal condition. */
  goal: string;
  tools: PlanningTool[];
  agents: {
    name: string;
    role?: string;
    cost?: number;
    capabilities?: string[];
    tools?: string[];
    /** The agent's model for model-driven steps (default: the run's). */
    model?: Model;
    /** Its own tools (src/agents `tool()`), offered to its model in model-driven steps. */
    ownTools?: readonly Tool[];
  }[];
  world?: (seed: number) => World;
  /** Simulated ms per step, by action. */
  durations?: Record<string, number>;
  /**
   * MCP servers by name, for tools carried out by MCP tools (`planningTool({ mcp })`);
   * relative paths and `${MISSION_DIR}` are relative to the current folder.
   */
  mcp?: Record<string, McpServerConfig>;
}

/** Builds a mission; mistakes throw MissionError naming the field (file: `<code>`). */
export function defineMission(spec: MissionSpec): Mission {
  const file = `<mission ${spec.name}>`;
  const names = new Set(spec.tools.map((t) => t.name));
  const agents = spec.agents.map((a, i) => {
    (a.tools ?? []).forEach((t, j) => {
      if (!names.has(t.toLowerCase()))
        throw new MissionError(file, `agents[${i}].tools[${j}]`, `unknown tool '${t}'`, {
          code: 'MISSION_UNKNOWN_TOOL',
        });
    });
    return {
      name: a.name.toLowerCase(),
      ...(a.role === undefined ? {} : { role: a.role }),
      cost: a.cost ?? 1,
      capabilities: [...(a.capabilities ?? []), ...(a.tools ?? [])].map((c) => c.toLowerCase()),
      ...(a.model === undefined ? {} : { model: a.model }),
      ...(a.ownTools === undefined ? {} : { ownTools: a.ownTools }),
    };
  });
  const knowledge = spec.rules === undefined ? undefined : readKnowledge(spec.rules, file);
  const objects = Object.entries(spec.objects ?? {}).flatMap(([type, ns]) =>
    ns.map((n) => ({ name: n.toLowerCase(), type: type.toLowerCase() })),
  );
  const facts = [...(knowledge?.facts ?? [])];
  const specFacts = (spec.facts ?? []).map((f, i) => {
    const a = parseAtomText(f);
    if (a === undefined)
      throw new MissionError(
        file,
        `facts[${i}]`,
        `expected a ground atom such as (ready x), found '${f}'`,
        { code: 'MISSION_BAD_FACT' },
      );
    facts.push(factKey(a.predicate, a.args));
    return { text: f, ...a };
  });
  const nowhere = (): undefined => undefined;
  checkCapabilities(file, nowhere, spec.agents, spec.tools);
  checkTemplates(file, spec.tools, (t) => `tools.${t.name}.byModel.instruction`, nowhere);
  const configs = spec.mcp as Record<string, Record<string, unknown>> | undefined;
  const mcpServers = mcpServersOf(configs, process.cwd(), file, nowhere);
  checkMcpTools(file, nowhere, spec.tools, mcpServers);
  checkVocabulary({
    file,
    locate: nowhere,
    goal: spec.goal,
    facts: specFacts,
    objects: new Set(objects.map((o) => o.name)),
    tools: spec.tools.map((t) => ({ key: t.name, precondition: t.precondition, effect: t.effect })),
    ...(knowledge === undefined ? {} : { knowledge }),
    learned: spec.tools.some((t) => t.learned !== undefined),
  });
  const { domain: all, idle } = domainForTools({
    name: spec.name.toLowerCase(),
    tools: spec.tools,
    agents,
    types: spec.types ?? {},
    objects,
    facts,
    goal: spec.goal,
    derived: knowledge?.derived ?? [],
    file,
  });
  const { domain, learnedActions } = learnedApart(all, spec.tools);
  const durations = spec.durations ?? {};
  return {
    name: spec.name.toLowerCase(),
    description: spec.description ?? '',
    domain,
    idle,
    objects,
    facts,
    agents,
    rules: spec.rules ?? '',
    goal: goalOf(domain, objects, spec.goal, file, 'goal'),
    tools: new Map(spec.tools.map((t) => [t.name, t])),
    ...(spec.world === undefined ? {} : { world: spec.world }),
    ...(mcpServers.size === 0 ? {} : { mcpServers }),
    stepDurationMs: (a) => durations[a] ?? 0,
    ...(learnedActions.length === 0 ? {} : { learnedActions }),
  };
}

/**
 * A mission whose action model is a PDDL domain: each action is carried out by the tool
 * given for it (or just confirmed when none is given), and agents list the actions they
 * can carry out. The team plans only with the actions some agent can carry out.
 */
export function missionFromPddl(spec: {
  name?: string;
  description?: string;
  domain: Domain;
  problem: Problem;
  agents: { name: string; role?: string; cost?: number; tools: string[] }[];
  execute?: Record<string, PlanningTool['execute']>;
  needsApproval?: string[];
  world?: (seed: number) => World;
  durations?: Record<string, number>;
}): Mission {
  const file = `<mission ${spec.name ?? spec.problem.name}>`;
  const approval = new Set(spec.needsApproval ?? []);
  const tools = new Map(
    spec.domain.actions.map((a) => [
      a.name,
      planningTool({
        name: a.name,
        effect: '(and)',
        params: Object.fromEntries(a.params.map((p) => [p.name.slice(1), p.types[0] ?? 'object'])),
        needsApproval: approval.has(a.name),
        ...(spec.execute?.[a.name] === undefined ? {} : { execute: spec.execute[a.name] }),
      }),
    ]),
  );
  const agents = spec.agents.map((a, i) => {
    a.tools.forEach((t, j) => {
      if (!tools.has(t.toLowerCase()))
        throw new MissionError(file, `agents[${i}].tools[${j}]`, `unknown action '${t}'`, {
          code: 'MISSION_UNKNOWN_TOOL',
          hint: `the domain's actions: ${[...tools.keys()].join(', ')}`,
        });
    });
    return {
      name: a.name.toLowerCase(),
      ...(a.role === undefined ? {} : { role: a.role }),
      cost: a.cost ?? 1,
      capabilities: a.tools.map((t) => t.toLowerCase()),
    };
  });
  const durations = spec.durations ?? {};
  const usable = usableDomain(spec.domain, tools, agents);
  return {
    name: (spec.name ?? spec.problem.name).toLowerCase(),
    description: spec.description ?? '',
    domain: usable.domain,
    idle: usable.idle,
    objects: spec.problem.objects.map((o) => ({ name: o.name, type: o.types[0] ?? 'object' })),
    facts: spec.problem.init.map((a) => factKey(a.predicate, a.args)),
    rules: '',
    goal: spec.problem.goal,
    agents,
    tools,
    ...(spec.world === undefined ? {} : { world: spec.world }),
    stepDurationMs: (a) => durations[a] ?? 0,
  };
}
