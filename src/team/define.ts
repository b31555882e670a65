/** Missions defined in TypeScript, with the same checks as mission files. */
import { MissionError } from './errors.js';
import { factKey, parseAtomText } from './facts.js';
import { domainForTools, goalOf } from './loader.js';
import { readKnowledge } from './rules.js';
import type { Mission, PlanningTool, World } from './types.js';

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
  agents: { name: string; role?: string; cost?: number; capabilities?: string[]; tools?: string[] }[];
  world?: (seed: number) => World;
  /** Simulated ms per step, by action. */
  durations?: Record<string, number>;
}

/** Builds a mission; mistakes throw MissionError naming the field (file: `<code>`). */
export function defineMission(spec: MissionSpec): Mission {
  const file = `<mission ${spec.name}>`;
  const names = new Set(spec.tools.map((t) => t.name));
  const agents = spec.agents.map((a, i) => {
    (a.tools ?? []).forEach((t, j) => { if (!names.has(t.toLowerCase())) throw new MissionError(file, `agents[${i}].tools[${j}]`, `unknown tool '${t}'`); });
    return { name: a.name.toLowerCase(), ...(a.role === undefined ? {} : { role: a.role }), cost: a.cost ?? 1, capabilities: [...(a.capabilities ?? []), ...(a.tools ?? [])].map((c) => c.toLowerCase()) };
  });
  const knowledge = spec.rules === undefined ? undefined : readKnowledge(spec.rules, file);
  const objects = Object.entries(spec.objects ?? {}).flatMap(([type, ns]) => ns.map((n) => ({ name: n.toLowerCase(), type: type.toLowerCase() })));
  const facts = [...(knowledge?.facts ?? [])];
  (spec.facts ?? []).forEach((f, i) => {
    const a = parseAtomText(f);
    if (a === undefined) throw new MissionError(file, `facts[${i}]`, `expected a ground atom such as (ready x), found '${f}'`);
    facts.push(factKey(a.predicate, a.args));
  });
  const domain = domainForTools({ name: spec.name.toLowerCase(), tools: spec.tools, agents, types: spec.types ?? {}, objects, facts, goal: spec.goal, derived: knowledge?.derived ?? [], file });
  const durations = spec.durations ?? {};
  return {
    name: spec.name.toLowerCase(),
    description: spec.description ?? '',
    domain, objects, facts, agents,
    rules: spec.rules ?? '',
    goal: goalOf(domain, objects, spec.goal, file, 'goal'),
    tools: new Map(spec.tools.map((t) => [t.name, t])),
    ...(spec.world === undefined ? {} : { world: spec.world }),
    stepDurationMs: (a) => durations[a] ?? 0,
  };
}
