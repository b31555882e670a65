/**
 * How to reach an MCP server: a command to start (stdio) or a URL (Streamable HTTP), and
 * the limits Atelier applies to it. Checked once, with errors naming the field.
 */
import { z } from 'zod';
import { UserError } from '../errors.js';

/** A server started as a child process, spoken to over its stdin/stdout. */
export interface McpStdioConfig {
  command: string;
  args?: string[];
  /** Added to a minimal inherited environment (PATH, HOME, ...), as the MCP SDK does. */
  env?: Record<string, string>;
  cwd?: string;
}

/** A server listening on Streamable HTTP. */
export interface McpHttpConfig {
  url: string;
  /** Sent with every request, e.g. `{ authorization: 'Bearer ...' }`. */
  headers?: Record<string, string>;
}

export interface McpLimits {
  /** Names the server in errors and tool metadata (default: the command's or host's name). */
  name?: string;
  /** Prepended to every tool name the model sees, to keep two servers' tools apart. */
  prefix?: string;
  /** Only these tools (by their MCP names) are offered. */
  tools?: string[];
  /** Longest a tool call may take, in ms (default 60 s). */
  timeoutMs?: number;
  /** Longest starting and initialising the server may take, in ms (default 30 s). */
  connectTimeoutMs?: number;
}

export type McpServerConfig = (McpStdioConfig | McpHttpConfig) & McpLimits;

/** A checked configuration: the transport is known, the defaults are filled in. */
export type CheckedMcpConfig =
  | (McpStdioConfig &
      McpLimits & { kind: 'stdio'; name: string; timeoutMs: number; connectTimeoutMs: number })
  | (McpHttpConfig &
      McpLimits & { kind: 'http'; name: string; timeoutMs: number; connectTimeoutMs: number });

export const DEFAULT_MCP_TIMEOUT_MS = 60_000;
export const DEFAULT_MCP_CONNECT_TIMEOUT_MS = 30_000;

const Limits = {
  name: z.string().min(1).optional(),
  prefix: z
    .string()
    .regex(/^[A-Za-z0-9_-]*$/, 'use letters, digits, "_" or "-"')
    .optional(),
  tools: z.array(z.string().min(1)).optional(),
  timeoutMs: z.number().int().positive().optional(),
  connectTimeoutMs: z.number().int().positive().optional(),
};
const Stdio = z.strictObject({
  command: z.string().min(1, 'the command is empty'),
  args: z.array(z.string()).optional(),
  env: z.record(z.string(), z.string()).optional(),
  cwd: z.string().optional(),
  ...Limits,
});
const Http = z.strictObject({
  url: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }),
  headers: z.record(z.string(), z.string()).optional(),
  ...Limits,
});

/** Checks a server configuration; a mistake is a `UserError` (code `MCP_BAD_CONFIG`) naming the field. */
export function checkMcpConfig(config: McpServerConfig, where = 'mcpServer'): CheckedMcpConfig {
  const raw = config as unknown as Record<string, unknown>;
  const hasCommand = raw !== null && typeof raw === 'object' && 'command' in raw;
  const hasUrl = raw !== null && typeof raw === 'object' && 'url' in raw;
  if (hasCommand === hasUrl)
    throw new UserError(`${where}: give either "command" (stdio) or "url" (Streamable HTTP)`, {
      code: 'MCP_BAD_CONFIG',
      hint: '{ command: "node", args: ["server.js"] } or { url: "http://127.0.0.1:3000/mcp" }',
    });
  const parsed = (hasCommand ? Stdio : Http).safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UserError(`${where}: field "${issue.path.join('.')}": ${issue.message}`, {
      code: 'MCP_BAD_CONFIG',
    });
  }
  const c = parsed.data as McpServerConfig;
  const common = {
    timeoutMs: c.timeoutMs ?? DEFAULT_MCP_TIMEOUT_MS,
    connectTimeoutMs: c.connectTimeoutMs ?? DEFAULT_MCP_CONNECT_TIMEOUT_MS,
  };
  if ('command' in c) return { ...c, ...common, kind: 'stdio', name: c.name ?? defaultName(c) };
  return { ...c, ...common, kind: 'http', name: c.name ?? new URL(c.url).host };
}

/** The script or binary's base name: `node server.js` -> `server`, `mcp-fs` -> `mcp-fs`. */
function defaultName(c: McpStdioConfig): string {
  const script = /^(node|npx|tsx|python3?|uvx|deno|bun)$/.test(c.command.split('/').pop()!)
    ? (c.args ?? []).find((a) => !a.startsWith('-'))
    : undefined;
  const base = (script ?? c.command).split(/[\\/]/).pop()!;
  return base.replace(/\.(m?js|ts|py)$/, '') || c.command;
}

/** How the configuration reads in messages: `node server.js` or the URL. */
export function describeServer(c: CheckedMcpConfig): string {
  return c.kind === 'stdio' ? [c.command, ...(c.args ?? [])].join(' ') : c.url;
}
