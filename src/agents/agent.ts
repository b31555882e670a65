/**
 * `agent()`: instructions, model, tools, handoffs and an optional output schema, as a
 * plain object.
 */
import type { z } from 'zod';
import { UserError } from '../errors.js';
import type { Model, ModelSettings } from '../models/types.js';
import { checkToolName } from './tool.js';
import type { Agent, InputGuardrail, OutputGuardrail, Tool, ToolSource } from './types.js';

export interface AgentOptions<
  TOutput,
  THandoffs extends readonly Agent<unknown>[] = readonly Agent<unknown>[],
> {
  name: string;
  instructions?: Agent<TOutput>['instructions'];
  /** Shown to agents that may hand off to this one. */
  handoffDescription?: string;
  /** The model; when absent, the run's `model` option is used. */
  model?: Model;
  modelSettings?: ModelSettings;
  /** Tools, and tool sources such as `mcpServer(...)` whose tools are listed when a run starts. */
  tools?: readonly (Tool | ToolSource)[];
  /** Agents this one may hand the conversation to; their outputs join this agent's output type. */
  handoffs?: THandoffs;
  /** A zod schema the final answer must match (asked for with `response_format: json_schema`). */
  output?: z.ZodType<TOutput>;
  inputGuardrails?: readonly InputGuardrail[];
  outputGuardrails?: readonly OutputGuardrail[];
}

/** The final-output type of an agent (or a union of agents). */
export type OutputOf<A> = A extends Agent<infer T> ? T : never;

/**
 * An agent whose final answer matches `output`. A run may end on an agent it hands off
 * to, so the output type is the union of the schema's type and the handoffs' output
 * types. Pass a wider type (`agent<Report | string>({ output: Report })`) when handoffs
 * added later (`handoffs.push`) answer differently.
 */
export function agent<TOutput, THandoffs extends readonly Agent<unknown>[] = []>(
  options: AgentOptions<TOutput, THandoffs> & { output: z.ZodType<TOutput> },
): Agent<TOutput | OutputOf<THandoffs[number]>>;
/** An agent that answers in text: its output is a string (or a handoff's output). */
export function agent<THandoffs extends readonly Agent<unknown>[] = []>(
  options: AgentOptions<string, THandoffs> & { output?: undefined },
): Agent<string | OutputOf<THandoffs[number]>>;
export function agent(options: AgentOptions<unknown>): Agent<unknown> {
  checkToolName(handoffToolName(options.name), 'agent');
  const tools: Tool[] = [];
  const toolSources: ToolSource[] = [];
  for (const t of options.tools ?? []) {
    if ('open' in t) toolSources.push(t);
    else tools.push(t);
  }
  const seen = new Set<string>();
  for (const t of tools) {
    if (seen.has(t.name))
      throw new UserError(`agent ${options.name}: two tools are named ${t.name}`, {
        code: 'AGENT_DUPLICATE_TOOL',
      });
    seen.add(t.name);
  }
  return {
    name: options.name,
    instructions: options.instructions ?? '',
    handoffDescription: options.handoffDescription ?? '',
    model: options.model,
    modelSettings: options.modelSettings,
    tools,
    toolSources,
    handoffs: [...(options.handoffs ?? [])],
    output: options.output,
    inputGuardrails: options.inputGuardrails ?? [],
    outputGuardrails: options.outputGuardrails ?? [],
  };
}

/** `transfer_to_<name>`, the name lower-cased with other characters turned into `_`. */
export function handoffToolName(agentName: string): string {
  return `transfer_to_${agentName.toLowerCase().replace(/[^a-z0-9_-]+/g, '_')}`;
}
