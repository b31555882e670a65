/**
 * One open connection to an MCP server, over the official SDK (no protocol code here):
 * start or reach the server, list its tools once, call them within a time limit, and say
 * plainly what went wrong — the tool reported an error, the server did not answer in
 * time, the server exited — as a typed failure rather than an exception.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { UserError } from '../errors.js';
import { version } from '../version.js';
import { describeServer, type CheckedMcpConfig } from './config.js';
import {
  argumentValidator,
  resultOf,
  type McpCallResult,
  type McpFailure,
  type McpToolInfo,
} from './results.js';

export interface McpSession {
  readonly config: CheckedMcpConfig;
  /** The server process (stdio), while it runs. */
  readonly pid: number | undefined;
  /** The server's tools, listed once when the session opened (all pages). */
  readonly tools: readonly McpToolInfo[];
  /**
   * Calls a tool: arguments checked against its input schema, then sent; the answer's
   * text and structured content, or a typed failure. Throws only when `signal` aborts.
   */
  call(
    tool: string,
    args: Record<string, unknown>,
    options?: { timeoutMs?: number; signal?: AbortSignal },
  ): Promise<McpCallResult>;
  /** Stops the server (stdio) or ends the HTTP session. Never throws. */
  close(): Promise<void>;
}

const STDERR_TAIL = 2000;

/** What a session keeps about its server while it is open. */
interface Live {
  config: CheckedMcpConfig;
  client: Client;
  pid: number | undefined;
  byName: Map<string, McpToolInfo>;
  validators: Map<string, (args: unknown) => string | undefined>;
  /** The last lines the server wrote to stderr (stdio). */
  stderr: () => string;
  exited: () => boolean;
}

/** Starts (stdio) or reaches (HTTP) the server, initialises it and lists its tools. */
export async function openMcpServer(
  config: CheckedMcpConfig,
  options: { signal?: AbortSignal } = {},
): Promise<McpSession> {
  let stderr = '';
  let exited = false;
  const transport = makeTransport(config, (chunk) => {
    stderr = (stderr + chunk).slice(-STDERR_TAIL);
  });
  const client = new Client({ name: 'atelier', version });
  client.onclose = () => void (exited = true);
  const close = async (): Promise<void> => {
    if (transport instanceof StreamableHTTPClientTransport)
      await transport.terminateSession().catch(() => undefined);
    await client.close().catch(() => undefined);
  };
  let tools: McpToolInfo[];
  try {
    tools = await connectAndList(client, transport, config, options.signal);
  } catch (err) {
    await close();
    options.signal?.throwIfAborted();
    throw startError(config, err, stderr);
  }
  const live: Live = {
    config,
    client,
    pid: transport instanceof StdioClientTransport ? (transport.pid ?? undefined) : undefined,
    byName: new Map(tools.map((t) => [t.name, t])),
    validators: new Map(),
    stderr: () => stderr,
    exited: () => exited,
  };
  return {
    config,
    pid: live.pid,
    tools,
    close,
    call: (tool, args, callOptions = {}) => callTool(live, tool, args, callOptions),
  };
}

async function connectAndList(
  client: Client,
  transport: Transport,
  config: CheckedMcpConfig,
  signal: AbortSignal | undefined,
): Promise<McpToolInfo[]> {
  const limits = { timeout: config.connectTimeoutMs, ...(signal ? { signal } : {}) };
  await client.connect(transport, limits);
  const tools: McpToolInfo[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.listTools(cursor ? { cursor } : undefined, limits);
    tools.push(...(page.tools as McpToolInfo[]));
    cursor = page.nextCursor;
  } while (cursor);
  return tools;
}

function failure(
  live: Live,
  tool: string,
  kind: McpFailure['kind'],
  message: string,
): McpCallResult {
  return { ok: false, failure: { kind, server: live.config.name, tool, message } };
}

/** The server exited: during this call, or before it. */
function gone(live: Live, tool: string, during: boolean): McpCallResult {
  const tail = lastWords(live.stderr());
  const who = `MCP server "${live.config.name}"${live.pid ? ` (pid ${live.pid})` : ''}`;
  const what = during
    ? `${who} exited during the call to ${tool}`
    : `${who} is no longer running (it exited earlier in this run)`;
  return failure(live, tool, 'crashed', `${what}${tail ? `; its last words: ${tail}` : ''}`);
}

async function callTool(
  live: Live,
  tool: string,
  args: Record<string, unknown>,
  options: { timeoutMs?: number; signal?: AbortSignal },
): Promise<McpCallResult> {
  const { config } = live;
  const info = live.byName.get(tool);
  if (!info) {
    const names = [...live.byName.keys()].join(', ') || 'none';
    const message = `MCP server "${config.name}" has no tool ${JSON.stringify(tool)} (it has: ${names})`;
    return failure(live, tool, 'unknown-tool', message);
  }
  let check = live.validators.get(tool);
  if (!check) live.validators.set(tool, (check = argumentValidator(info.inputSchema)));
  const problem = check(args);
  if (problem)
    return failure(live, tool, 'invalid-arguments', `invalid arguments for ${tool}: ${problem}`);
  if (live.exited()) return gone(live, tool, false);
  const timeoutMs = options.timeoutMs ?? config.timeoutMs;
  try {
    const result = await live.client.callTool({ name: tool, arguments: args }, undefined, {
      timeout: timeoutMs,
      ...(options.signal ? { signal: options.signal } : {}),
    });
    return resultOf(config.name, tool, result);
  } catch (err) {
    options.signal?.throwIfAborted();
    if (live.exited() || (err instanceof McpError && err.code === ErrorCode.ConnectionClosed))
      return gone(live, tool, true);
    if (err instanceof McpError && err.code === ErrorCode.RequestTimeout)
      return failure(
        live,
        tool,
        'timeout',
        `MCP server "${config.name}" did not answer ${tool} within ${timeoutMs / 1000} s (timeoutMs); the call was cancelled`,
      );
    const message =
      err instanceof McpError
        ? err.message.replace(/^MCP error -?\d+: /, '')
        : String((err as Error).message ?? err);
    return failure(
      live,
      tool,
      'tool-error',
      `MCP server "${config.name}" rejected the call to ${tool}: ${message}`,
    );
  }
}

function makeTransport(config: CheckedMcpConfig, onStderr: (chunk: string) => void): Transport {
  if (config.kind === 'http') {
    return new StreamableHTTPClientTransport(new URL(config.url), {
      requestInit: { headers: config.headers ?? {} },
    });
  }
  const transport = new StdioClientTransport({
    command: config.command,
    args: config.args ?? [],
    ...(config.env ? { env: config.env } : {}),
    ...(config.cwd ? { cwd: config.cwd } : {}),
    // Kept for error messages instead of mixed into ours.
    stderr: 'pipe',
  });
  transport.stderr?.on('data', (d: Buffer) => onStderr(d.toString()));
  return transport;
}

function startError(config: CheckedMcpConfig, err: unknown, stderr: string): UserError {
  const reason = err instanceof Error ? err.message : String(err);
  const tail = lastWords(stderr);
  const notFound = /ENOENT/.test(reason);
  const timedOut = err instanceof McpError && err.code === ErrorCode.RequestTimeout;
  return new UserError(
    `cannot start MCP server "${config.name}" (${describeServer(config)}): ${timedOut ? `no answer within ${config.connectTimeoutMs / 1000} s` : reason}${tail ? `; its last words: ${tail}` : ''}`,
    {
      code: 'MCP_START_FAILED',
      exitCode: 1,
      hint: notFound
        ? `is ${config.kind === 'stdio' ? config.command : 'it'} installed and on the PATH?`
        : config.kind === 'http'
          ? 'is the server running at that URL, and does it speak Streamable HTTP?'
          : 'run the command by hand to see why it stops',
      cause: err,
    },
  );
}

/**
 * What a server said before it died, in one line: its error lines when it printed any
 * (Node prints the error, then the code frame, a blank line and "Node.js v20…": the last
 * lines alone would hide the cause), else its last three lines.
 */
export function lastWords(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/^Node\.js v\d/.test(l) && !/^at /.test(l));
  const errors = lines.filter((l) => /\b(\w*Error|error|Exception|fatal|panic)\b/.test(l));
  return (errors.length > 0 ? errors.slice(-1) : lines.slice(-3)).join(' | ').slice(0, 500);
}
