/**
 * The MCP client: tools from MCP servers (stdio or Streamable HTTP, over the official
 * SDK) for agents (`mcpServer`) and for code that calls one tool (`callMcpTool`,
 * `openMcpServer`). See docs/mcp.md. The MCP server (Atelier's core as MCP tools) lives
 * in src/server/mcp.
 */
export { mcpServer, callMcpTool, modelToolName } from './tools.js';
export type { McpToolSource } from './tools.js';
export { openMcpServer } from './session.js';
export type { McpSession } from './session.js';
export {
  checkMcpConfig,
  describeServer,
  DEFAULT_MCP_TIMEOUT_MS,
  DEFAULT_MCP_CONNECT_TIMEOUT_MS,
} from './config.js';
export type {
  CheckedMcpConfig,
  McpHttpConfig,
  McpLimits,
  McpServerConfig,
  McpStdioConfig,
} from './config.js';
export { McpToolError } from './results.js';
export type { McpCallResult, McpContent, McpFailure, McpToolInfo } from './results.js';
