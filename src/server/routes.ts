/** The route modules, in the order they are mounted. */
import { mcpRoutes } from './mcp-routes.js';
import { metaRoutes } from './meta-routes.js';
import { openAiRoutes } from './openai/index.js';
import { planRoutes } from './plan-routes.js';
import { reasonRoutes } from './reason-routes.js';
import { runsRoutes } from './runs-routes.js';
import type { RouteModule } from './types.js';

export const ROUTE_MODULES: RouteModule[] = [
  metaRoutes,
  planRoutes,
  reasonRoutes,
  runsRoutes,
  openAiRoutes,
  mcpRoutes,
];
