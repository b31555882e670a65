/**
 * MCP servers as tools: `mcpServer(config)` is a tool source for `agent({ tools })` —
 * each run starts (or reaches) the server the first time an agent needs it, lists its
 * tools once, and stops it when the run ends. `callMcpTool` is one call, start to stop,
 * for code that wants a result or a typed failure (a mission step carried out by an MCP
 * tool).
 */
import { z } from 'zod';
import type { OpenToolSource, Tool, ToolSource } from '../agents/index.js';
import { UserError } from '../errors.js';
import { checkMcpConfig, type CheckedMcpConfig, type McpServerConfig } from './config.js';
import {
  argumentValidator,
  McpToolError,
  type McpCallResult,
  type McpToolInfo,
} from './results.js';
import { openMcpServer, type McpSession } from './session.js';

/** An MCP server as a tool source; `config` is the checked configuration. */
export interface McpToolSource extends ToolSource {
  readonly config: CheckedMcpConfig;
}

/**
 * Gives an agent the tools of an MCP server: `agent({ tools: [mcpServer({ command, args })] })`
 * or `mcpServer({ url, headers })`. Arguments are checked against each tool's JSON Schema
 * before the call; a tool error (`isError`), a timeout or a server that exits becomes the
 * tool call's error, which the model reads.
 */
export function mcpServer(config: McpServerConfig): McpToolSource {
  const checked = checkMcpConfig(config);
  return {
    name: `mcp:${checked.name}`,
    config: checked,
    async open({ signal }): Promise<OpenToolSource> {
      const session = await openMcpServer(checked, { signal });
      try {
        const wanted = checked.tools ? new Set(checked.tools) : undefined;
        if (wanted) {
          const missing = [...wanted].filter((n) => !session.tools.some((t) => t.name === n));
          if (missing.length)
            throw new UserError(`MCP server "${checked.name}" has no tool ${missing.join(', ')}`, {
              code: 'MCP_UNKNOWN_TOOL',
              hint: `it has: ${session.tools.map((t) => t.name).join(', ')}`,
            });
        }
        const tools = session.tools
          .filter((t) => !wanted || wanted.has(t.name))
          .map((t) => toolOf(session, t));
        return { tools, close: () => session.close() };
      } catch (err) {
        await session.close();
        throw err;
      }
    },
  };
}

/** The name a model sees: the prefix and the MCP name, limited to chat-completions' rule. */
export function modelToolName(prefix: string, name: string): string {
  return `${prefix}${name}`.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 64);
}

/** An agent tool calling one MCP tool of an open session. */
function toolOf(session: McpSession, info: McpToolInfo): Tool<Record<string, unknown>, string> {
  const { $schema: _ignored, ...parameters } = info.inputSchema;
  const check = argumentValidator(info.inputSchema);
  // The JSON Schema is the truth; zod only carries its verdict to the run loop.
  const input = z.record(z.string(), z.unknown()).superRefine((args, ctx) => {
    const problem = check(args);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
  return {
    name: modelToolName(session.config.prefix ?? '', info.name),
    description:
      info.description ?? info.title ?? `Tool ${info.name} of MCP server ${session.config.name}`,
    input,
    parameters: { ...parameters, type: 'object' },
    async execute(args, ctx) {
      const result = await session.call(info.name, args, { signal: ctx.signal });
      if (!result.ok) throw new McpToolError(result.failure);
      return result.text;
    },
    metadata: {
      mcp: {
        server: session.config.name,
        tool: info.name,
        ...(info.annotations ? { annotations: info.annotations } : {}),
      },
    },
  };
}

/**
 * Calls one tool of a server and stops the server again: the text and structured content,
 * or a typed failure (`unavailable` when the server cannot be started or reached). Throws
 * only a `UserError` for a bad configuration, or the abort reason of `signal`.
 */
export async function callMcpTool(
  config: McpServerConfig,
  tool: string,
  args: Record<string, unknown>,
  options: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<McpCallResult> {
  const checked = checkMcpConfig(config);
  let session: McpSession;
  try {
    session = await openMcpServer(checked, options.signal ? { signal: options.signal } : {});
  } catch (err) {
    options.signal?.throwIfAborted();
    const message = err instanceof Error ? err.message : String(err);
    return { ok: false, failure: { kind: 'unavailable', server: checked.name, tool, message } };
  }
  try {
    return await session.call(tool, args, options);
  } finally {
    await session.close();
  }
}
