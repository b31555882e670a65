/**
 * What an MCP tool call gives back, as plain data: the text a model reads, the
 * structured content when the tool declares one, or a typed failure. And the check of
 * arguments against a tool's JSON Schema (the SDK's Ajv validator).
 */
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import type { JsonSchemaType } from '@modelcontextprotocol/sdk/validation/types.js';

/** A tool as a server lists it. */
export interface McpToolInfo {
  name: string;
  title?: string;
  description?: string;
  inputSchema: { type: 'object'; [key: string]: unknown };
  outputSchema?: { [key: string]: unknown };
  annotations?: { [key: string]: unknown };
}

/** One content block of a result (text, image, audio, resource, resource link). */
export type McpContent = { type: string; [key: string]: unknown };

/** Why a call gave no result. */
export interface McpFailure {
  /**
   * `tool-error`: the tool ran and reported an error (`isError`) or the server rejected
   * the call; `timeout`: no answer within the limit; `crashed`: the server exited;
   * `unknown-tool`, `invalid-arguments`: the call was not sent; `unavailable`: the
   * server could not be started or reached.
   */
  kind: 'tool-error' | 'timeout' | 'crashed' | 'unknown-tool' | 'invalid-arguments' | 'unavailable';
  server: string;
  tool: string;
  /** One line, naming the server and the tool. */
  message: string;
}

export type McpCallResult =
  | {
      ok: true;
      /** The text blocks joined (other blocks described in brackets); JSON of the structured content when there is no text. */
      text: string;
      structured?: unknown;
      content: McpContent[];
    }
  | { ok: false; failure: McpFailure };

/** An error carrying a failure: what an MCP-backed agent tool throws (the model reads its message). */
export class McpToolError extends Error {
  readonly failure: McpFailure;
  constructor(failure: McpFailure) {
    super(failure.message);
    this.name = 'McpToolError';
    this.failure = failure;
  }
}

/** A block as text: text itself; other kinds named, so the model knows they were there. */
function blockText(block: McpContent): string {
  switch (block.type) {
    case 'text':
      return String(block.text ?? '');
    case 'resource': {
      const r = (block.resource ?? {}) as { uri?: string; text?: string; mimeType?: string };
      return typeof r.text === 'string'
        ? r.text
        : `[resource ${r.uri ?? ''} (${r.mimeType ?? 'binary'})]`;
    }
    case 'resource_link':
      return `[resource link ${String(block.uri ?? '')}]`;
    default:
      return `[${block.type}${block.mimeType ? ` ${String(block.mimeType)}` : ''}]`;
  }
}

/** A raw `tools/call` result -> text and structured content, or the tool's error. */
export function resultOf(server: string, tool: string, raw: unknown): McpCallResult {
  const r = raw as {
    content?: McpContent[];
    structuredContent?: unknown;
    isError?: boolean;
    toolResult?: unknown;
  };
  const content = Array.isArray(r.content) ? r.content : [];
  const text = content.map(blockText).filter(Boolean).join('\n');
  if (r.isError) {
    return {
      ok: false,
      failure: {
        kind: 'tool-error',
        server,
        tool,
        message: `MCP tool ${tool} (server "${server}") reported an error: ${text || 'no message'}`,
      },
    };
  }
  const structured = r.structuredContent ?? r.toolResult;
  const out: McpCallResult = {
    ok: true,
    text: text || (structured === undefined ? '' : JSON.stringify(structured)),
    content,
  };
  if (structured !== undefined) out.structured = structured;
  return out;
}

const ajv = new AjvJsonSchemaValidator();

/**
 * A check of arguments against a tool's input schema: `undefined` when they fit, else
 * what is wrong. A schema the validator cannot compile checks only that the arguments
 * are an object (the server still validates).
 */
export function argumentValidator(
  schema: McpToolInfo['inputSchema'],
): (args: unknown) => string | undefined {
  const { $schema: _ignored, ...rest } = schema;
  let validate:
    ((value: unknown) => { valid: boolean; errorMessage?: string | undefined }) | undefined;
  try {
    validate = ajv.getValidator(rest as JsonSchemaType);
  } catch {
    validate = undefined;
  }
  return (args) => {
    if (!args || typeof args !== 'object' || Array.isArray(args))
      return 'expected an object of named arguments';
    if (!validate) return undefined;
    const result = validate(args);
    if (result.valid) return undefined;
    // Ajv says `data/a must be number, data must have required property 'b'`.
    const said = result.errorMessage ?? 'do not match the schema';
    return said.replace(/\bdata\//g, '').replace(/\bdata\b/g, 'arguments');
  };
}
