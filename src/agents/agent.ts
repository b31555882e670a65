/**
 * `agent()`: instructions, model, tools, handoffs and an optional output schema, as a
 * plain object.
 */
import type { z } from 'zod';
import { UserError } from '../errors.js';
import type { Model, ModelSettings } from '../models/types.js';
import { checkToolName } from './tool.js';
import type { Agent, InputGuardrail, OutputGuardrail, Tool } from './types.js';

export interface AgentOptions<TOutput> {
  name: string;
  instructions?: Agent<TOutput>['instructions'];
  /** Shown to agents that may hand off to this one. */
  handoffDescription?: string;
  /** The model; when absent, the run's `model` option is used. */
  model?: Model;
  modelSettings?: ModelSettings;
  tools?: readonly Tool[];
  handoffs?: Agent<unknown>[];
  /** A zod schema the final answer must match (asked for with `response_format: json_schema`). */
  output?: z.ZodType<TOutput>;
  inputGuardrails?: readonly InputGuardrail[];
  outputGuardrails?: readonly OutputGuardrail[];
}

export function agent<TOutput = string>(options: AgentOptions<TOutput>): Agent<TOutput> {
  checkToolName(handoffToolName(options.name), 'agent');
  const tools = options.tools ?? [];
  const seen = new Set<string>();
  for (const t of tools) {
    if (seen.has(t.name)) throw new UserError(`agent ${options.name}: two tools are named ${t.name}`);
    seen.add(t.name);
  }
  return {
    name: options.name,
    instructions: options.instructions ?? '',
    handoffDescription: options.handoffDescription ?? '',
    model: options.model,
    modelSettings: options.modelSettings,
    tools,
    handoffs: options.handoffs ?? [],
    output: options.output,
    inputGuardrails: options.inputGuardrails ?? [],
    outputGuardrails: options.outputGuardrails ?? [],
  };
}

/** `transfer_to_<name>`, the name lower-cased with other characters turned into `_`. */
export function handoffToolName(agentName: string): string {
  return `transfer_to_${agentName.toLowerCase().replace(/[^a-z0-9_-]+/g, '_')}`;
}
