/**
 * Atelier's MCP server: the symbolic core (plan, validate, reason) and, when a run store
 * is given, the missions and runs (list, start, status, events, approve, reject) as MCP
 * tools, built with the official SDK's `McpServer`; input schemas are zod.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { version } from '../../version.js';
import { registerCoreTools } from './core-tools.js';
import { registerRunTools } from './run-tools.js';
import { mcpRuns, type McpRuns, type McpRunsOptions } from './runs.js';

export interface AtelierMcpOptions {
  /** Missions and runs; without them only plan, validate and reason are offered. */
  runs?: McpRunsOptions;
  /** Longest a `plan` call may search, in ms (default 10 s). */
  planTimeLimitMs?: number;
}

const INSTRUCTIONS = [
  'Atelier: a classical planner, a plan validator and a Datalog reasoner, and teams of agents running missions.',
  'plan / validate take PDDL text; reason takes a Datalog program and a query and explains why (or why not).',
  'start_run starts a mission run; run_status and run_events follow it; steps that need a person wait for approve_step or reject_step, which name the step.',
].join('\n');

/**
 * A new MCP server (one per client session: the SDK binds a server to one transport).
 * `runs` is shared by the sessions of one process.
 */
export function createAtelierMcpServer(
  options: AtelierMcpOptions,
  runs: McpRuns | undefined = options.runs ? mcpRuns(options.runs) : undefined,
): McpServer {
  const server = new McpServer(
    { name: 'atelier', title: 'Atelier', version },
    { instructions: INSTRUCTIONS, capabilities: { logging: {} } },
  );
  registerCoreTools(server, options.planTimeLimitMs);
  if (runs) registerRunTools(server, runs);
  return server;
}
