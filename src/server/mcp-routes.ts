/** `/mcp`: the MCP server over Streamable HTTP (POST, GET, DELETE), behind the bearer token. */
import type { Hono } from 'hono';
import { mcpHttpHandler } from './mcp/index.js';
import type { Operation } from './openapi.js';
import type { AppOptions } from './types.js';

export function mcpRoutes(app: Hono, options: AppOptions): Operation[] {
  const runs = options.runs;
  const handler = mcpHttpHandler({
    ...(options.planTimeLimitMs !== undefined ? { planTimeLimitMs: options.planTimeLimitMs } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(runs
      ? {
          runs: {
            store: runs.store,
            ...(runs.missions ? { missions: runs.missions } : {}),
            ...(runs.examplesRoot !== undefined ? { examplesRoot: runs.examplesRoot } : {}),
            ...(runs.timeScale !== undefined ? { timeScale: runs.timeScale } : {}),
            ...(options.signal ? { signal: options.signal } : {}),
            ...(options.runsInFlight ? { runsInFlight: options.runsInFlight } : {}),
          },
        }
      : {}),
  });
  app.all('/mcp', (c) => handler.handle(c.req.raw));
  return [
    {
      method: 'post',
      path: '/mcp',
      summary:
        'MCP (Model Context Protocol) over Streamable HTTP: plan, validate, reason, missions and runs as MCP tools (also GET and DELETE, per the MCP transport)',
      tag: 'mcp',
      errors: [400, 403, 404],
    },
  ];
}
