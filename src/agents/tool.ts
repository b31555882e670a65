/**
 * `tool()`: a typed function the model may call. The zod schema is turned into JSON
 * Schema once, here; arguments are validated against it before `execute` runs.
 */
import { z } from 'zod';
import { UserError } from '../errors.js';
import type { JsonSchema } from '../models/types.js';
import type { Tool, ToolContext } from './types.js';

export interface ToolOptions<TSchema extends z.ZodType, TResult> {
  /** What the model calls it: letters, digits, `_` and `-`, at most 64. */
  name: string;
  description: string;
  input: TSchema;
  execute(input: z.output<TSchema>, ctx: ToolContext): TResult | Promise<TResult>;
  /** `true`, or a function of the input, to require approval before running. */
  needsApproval?:
    boolean | ((input: z.output<TSchema>, ctx: ToolContext) => boolean | Promise<boolean>);
  /** Longest a call may run, in ms (overrides `RunOptions.toolTimeoutMs`). */
  timeoutMs?: number;
  /** Free-form data for other capabilities (e.g. a planning signature). */
  metadata?: Record<string, unknown>;
}

const TOOL_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/** Checks a tool/agent-derived name the way chat-completions servers do. */
export function checkToolName(name: string, what = 'tool'): void {
  if (!TOOL_NAME.test(name)) {
    throw new UserError(`invalid ${what} name ${JSON.stringify(name)}`, {
      code: 'AGENT_BAD_NAME',
      hint: 'use 1-64 letters, digits, "_" or "-" (the chat-completions function-name rule)',
    });
  }
}

/** The JSON Schema the model sees for a zod schema (the `$schema` key dropped). */
export function toJsonSchema(schema: z.ZodType, io: 'input' | 'output' = 'input'): JsonSchema {
  let json: JsonSchema;
  try {
    json = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  } catch (err) {
    throw new UserError(`cannot turn a zod schema into JSON Schema: ${(err as Error).message}`, {
      code: 'AGENT_BAD_SCHEMA',
      cause: err,
    });
  }
  delete json.$schema;
  return json;
}

/** Defines a tool. The returned object is plain data, safe to read and extend. */
export function tool<TSchema extends z.ZodType, TResult>(
  options: ToolOptions<TSchema, TResult>,
): Tool<z.output<TSchema>, TResult> {
  checkToolName(options.name);
  const parameters = toJsonSchema(options.input);
  if (parameters.type !== 'object') {
    throw new UserError(`tool ${options.name}: input must be a z.object(...) schema`, {
      code: 'AGENT_BAD_SCHEMA',
      hint: 'chat-completions tools take an object of named arguments',
    });
  }
  const approval = options.needsApproval;
  const t: Tool<z.output<TSchema>, TResult> = {
    name: options.name,
    description: options.description,
    input: options.input as z.ZodType<z.output<TSchema>>,
    parameters,
    execute: options.execute,
    ...(approval === undefined || approval === false
      ? {}
      : { needsApproval: approval === true ? () => true : approval }),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.metadata ? { metadata: options.metadata } : {}),
  };
  return t;
}
