/**
 * Atelier as an MCP server: the symbolic core and the teams as MCP tools, over stdio
 * (`atelier mcp`) and Streamable HTTP (`/mcp` on `atelier serve`). It lives in
 * src/server because it needs src/team; the MCP client is src/mcp. See docs/mcp.md.
 */
export { createAtelierMcpServer } from './server.js';
export type { AtelierMcpOptions } from './server.js';
export { mcpHttpHandler, MCP_SESSION_IDLE_MS, MCP_MAX_SESSIONS } from './http.js';
export { serveMcpStdio } from './stdio.js';
export { mcpRuns } from './runs.js';
export type { McpRuns, McpRunsOptions, MissionInfo, StepDecision } from './runs.js';
