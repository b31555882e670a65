/**
 * The HTTP app: auth, body limit, JSON errors, then one route module per area
 * (planning, reasoning, missions and runs, OpenAI-compatible /v1), then the web UI.
 * `createApp` builds it without listening, so tests and benchmarks can drive it.
 */
import { Hono } from 'hono';
import { createComputePool } from './compute/index.js';
import { errorBody, errorResponse } from './errors.js';
import { guardApi, hardenResponses } from './guards.js';
import { buildOpenApi } from './openapi.js';
import type { Operation } from './openapi.js';
import { DEFAULT_WEB_ROOT, decodePath, isApiPath, mountWebUi, webBuilt } from './static.js';
import { ROUTE_MODULES } from './routes.js';
import { finishUnreadBodies } from './unread-body.js';
import type { AppOptions } from './types.js';

/** Default request body limit: 1 MiB (a large PDDL problem is a few hundred KB). */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

export function createApp(options: AppOptions): Hono {
  if (!options.token) throw new Error('createApp: a token is required');
  const app = new Hono();
  const limit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT;

  app.onError((err, c) => errorResponse(c, err));
  app.use('*', finishUnreadBodies());

  hardenResponses(app, options);
  app.notFound((c) =>
    c.json(
      errorBody(
        'not_found',
        `no route for ${c.req.method} ${new URL(c.req.url).pathname}`,
        {},
        404,
      ),
      404,
    ),
  );

  // A path with malformed %-escapes (`/%E0`) is the client's mistake: 400, JSON under
  // /api and /v1, plain text for the UI, before anything tries to decode it.
  app.use('*', async (c, next) => {
    const raw = new URL(c.req.url).pathname;
    if (decodePath(raw) !== undefined) return next();
    const message = `malformed URL path "${raw}": a %-escape is not valid UTF-8`;
    if (isApiPath(raw))
      return c.json(
        errorBody('bad_url', message, { hint: 'percent-encode the path as UTF-8' }),
        400,
      );
    return c.text(`400 Bad Request: ${message}\n`, 400);
  });

  guardApi(app, options.token, limit, options.corsOrigins ?? []);

  const operations: Operation[] = [
    {
      method: 'get',
      path: '/api/openapi.json',
      summary: 'This API description (OpenAPI 3.0)',
      tag: 'meta',
    },
  ];
  const computePool = options.computePool ?? createComputePool(options.compute);
  const routeOptions: AppOptions = { ...options, computePool };
  for (const mod of ROUTE_MODULES) {
    const ops = mod(app, routeOptions);
    operations.push(...ops);
  }
  const openapi = buildOpenApi(operations);
  app.get('/api/openapi.json', (c) => c.json(openapi));

  const webRoot = options.webRoot === undefined ? DEFAULT_WEB_ROOT : options.webRoot;
  if (webRoot && webBuilt(webRoot)) mountWebUi(app, webRoot);
  return app;
}
