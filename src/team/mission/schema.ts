/** The zod schema of mission.yaml. */
import { z } from 'zod';

const NAME = /^[a-zA-Z][\w-]*$/;
const name = z.string().regex(NAME, 'expected a name: a letter, then letters, digits, - or _');

/** A tool carried out by a tool of one of the mission's MCP servers. */
export const mcpToolSchema = z.strictObject({
  server: name,
  tool: z.string().min(1, 'expected the name of a tool of the server'),
  /** JSON arguments; strings are templates: {{param}}, {{mission.name}}, {{inputs}}. */
  arguments: z.record(z.string(), z.unknown()).optional(),
  /** A title template: the result's text becomes the step's work product. */
  product: z.string().min(1).optional(),
  timeoutMs: z.number().int().positive().optional(),
});

export const toolSchema = z.strictObject({
  description: z.string().optional(),
  params: z.record(z.string(), name).optional(),
  precondition: z.string().optional(),
  /** Absent for a tool whose model is learned (`learned: true`, or the mission's `learn: auto`). */
  effect: z.string().min(1, 'expected a PDDL effect such as (hired ?c)').optional(),
  /** No declared precondition and effect: learned from the mission's earlier runs (docs/learn.md). */
  learned: z.boolean().optional(),
  /** A learned tool's starting model until it is first observed: used UNVERIFIED, then replaced. */
  bootstrap: z
    .strictObject({
      precondition: z.string().optional(),
      effect: z.string().min(1, 'expected a PDDL effect such as (hired ?c)'),
    })
    .optional(),
  capability: name.optional(),
  needsApproval: z.boolean().optional(),
  /** Running a step twice does no harm: a step cut short by a stop is re-run on resume without asking. */
  idempotent: z.boolean().optional(),
  /** Simulated duration of a step, in ms (scaled by the run's time scale). */
  duration: z.number().nonnegative().optional(),
  /** Done by the agent's model: an instruction naming {{params}} and {{mission.description}}. */
  byModel: z.strictObject({ instruction: z.string().min(1, 'expected an instruction') }).optional(),
  /** Done by an MCP tool: `{ server, tool, arguments }`. */
  mcp: mcpToolSchema.optional(),
});

export const agentSchema = z.strictObject({
  name,
  role: z.string().optional(),
  cost: z.number().nonnegative().optional(),
  capabilities: z.array(name).optional(),
  /** Tools (or PDDL actions) the agent can use. */
  tools: z.array(name).optional(),
});

export const missionSchema = z.strictObject({
  name,
  description: z.string().optional(),
  /** type -> parent type */
  types: z.record(z.string(), name).optional(),
  /** type -> object names */
  objects: z.record(z.string(), z.array(name)).optional(),
  /** A file of facts and rules in the reasoner's syntax. */
  knowledge: z.string().optional(),
  /** Extra initial facts as PDDL atoms. */
  facts: z.array(z.string()).optional(),
  goal: z.string().optional(),
  tools: z.record(z.string(), toolSchema).optional(),
  /** `auto`: every tool without an effect is learned from the earlier runs, before each planning. */
  learn: z.enum(['auto']).optional(),
  /** MCP servers by name: `{ command, args, env, cwd }` or `{ url, headers }` (checked in mission/mcp.ts). */
  mcp: z.record(name, z.record(z.string(), z.unknown())).optional(),
  agents: z.array(agentSchema).min(1, 'expected at least one agent'),
  /** PDDL action model instead of tools: domain and problem files. */
  domain: z.string().optional(),
  problem: z.string().optional(),
  /** durations for PDDL actions: action -> ms */
  durations: z.record(z.string(), z.number().nonnegative()).optional(),
  /** A TypeScript module exporting createWorld(seed): the simulated world. */
  world: z.string().optional(),
});

export type MissionFile = z.infer<typeof missionSchema>;
