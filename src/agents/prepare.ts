/**
 * What the model sees of an agent: its system message, its tools plus one
 * `transfer_to_<agent>` tool per handoff, and the output schema. Computed once per agent
 * per run.
 */
import type { JsonSchema, OutputSpec, SystemMessage, ToolSpec } from '../models/types.js';
import { handoffToolName } from './agent.js';
import { UserError } from '../errors.js';
import { toJsonSchema } from './tool.js';
import type { Agent, Tool } from './types.js';

export interface PreparedAgent {
  agent: Agent<unknown>;
  system: SystemMessage;
  specs: ToolSpec[] | undefined;
  tools: Map<string, Tool>;
  handoffs: Map<string, Agent<unknown>>;
  output: OutputSpec | undefined;
}

const NO_ARGS: JsonSchema = { type: 'object', properties: {}, additionalProperties: false };

/** `fromSources`: the tools of the agent's tool sources, opened for this run. */
export function prepareAgent(
  agent: Agent<unknown>,
  context: unknown,
  fromSources: readonly Tool[] = [],
): PreparedAgent {
  const instructions =
    typeof agent.instructions === 'function'
      ? agent.instructions({ agent, context })
      : agent.instructions;
  const tools = new Map<string, Tool>();
  const specs: ToolSpec[] = [];
  for (const t of [...agent.tools, ...fromSources]) {
    if (tools.has(t.name))
      throw new UserError(`agent ${agent.name}: two tools are named ${t.name}`, {
        code: 'AGENT_TOOL_NAME_CLASH',
        hint: 'give the MCP server a prefix: mcpServer({ ..., prefix: "name_" })',
      });
    tools.set(t.name, t);
    specs.push({ name: t.name, description: t.description, parameters: t.parameters });
  }
  const handoffs = new Map<string, Agent<unknown>>();
  for (const target of agent.handoffs) {
    const name = handoffToolName(target.name);
    handoffs.set(name, target);
    const about = target.handoffDescription ? ` ${target.handoffDescription}` : '';
    specs.push({
      name,
      description: `Hand the conversation over to the ${target.name} agent.${about}`,
      parameters: NO_ARGS,
    });
  }
  let output: OutputSpec | undefined;
  if (agent.output) {
    const schema = toJsonSchema(agent.output, 'output');
    output = {
      name: `${handoffToolName(agent.name).slice('transfer_to_'.length)}_output`,
      schema,
      strict: isStrictCompatible(schema),
    };
  }
  return {
    agent,
    system: { role: 'system', content: instructions },
    specs: specs.length ? specs : undefined,
    tools,
    handoffs,
    output,
  };
}

/**
 * OpenAI's strict mode needs every object closed and every property required; ask for it
 * only when the schema already is.
 */
export function isStrictCompatible(schema: unknown): boolean {
  if (Array.isArray(schema)) return schema.every(isStrictCompatible);
  if (!schema || typeof schema !== 'object') return true;
  const s = schema as JsonSchema;
  if (s.type === 'object' || s.properties) {
    const props = Object.keys((s.properties as object | undefined) ?? {});
    const required = new Set((s.required as string[] | undefined) ?? []);
    if (s.additionalProperties !== false || props.some((p) => !required.has(p))) return false;
  }
  return Object.values(s).every(isStrictCompatible);
}
