/**
 * The HTTP app: auth, body limit, JSON errors, then one route module per area
 * (planning, reasoning, missions and runs, OpenAI-compatible /v1), then the web UI.
 * `createApp` builds it without listening, so tests and benchmarks can drive it.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requireToken } from './auth.js';
import { HttpError, errorBody, errorResponse } from './errors.js';
import { buildOpenApi } from './openapi.js';
import type { Operation } from './openapi.js';
import { DEFAULT_WEB_ROOT, decodePath, isApiPath, mountWebUi, webBuilt } from './static.js';
import { ROUTE_MODULES } from './routes.js';
import type { AppOptions } from './types.js';

/** Default request body limit: 1 MiB (a large PDDL problem is a few hundred KB). */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

export function createApp(options: AppOptions): Hono {
  if (!options.token) throw new Error('createApp: a token is required');
  const app = new Hono();
  const limit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT;

  app.onError((err, c) => errorResponse(c, err));
  app.notFound((c) =>
    c.json(
      errorBody('not_found', `no route for ${c.req.method} ${new URL(c.req.url).pathname}`),
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

  for (const prefix of ['/api/*', '/v1/*', '/mcp']) {
    app.use(prefix, requireToken(options.token));
    app.use(
      prefix,
      bodyLimit({
        maxSize: limit,
        onError: () => {
          throw new HttpError(413, 'body_too_large', `request body is larger than ${limit} bytes`, {
            limit,
          });
        },
      }),
    );
  }

  const operations: Operation[] = [
    {
      method: 'get',
      path: '/api/openapi.json',
      summary: 'This API description (OpenAPI 3.0)',
      tag: 'meta',
    },
  ];
  for (const mod of ROUTE_MODULES) {
    const ops = mod(app, options);
    operations.push(...ops);
  }
  const openapi = buildOpenApi(operations);
  app.get('/api/openapi.json', (c) => c.json(openapi));

  const webRoot = options.webRoot === undefined ? DEFAULT_WEB_ROOT : options.webRoot;
  if (webRoot && webBuilt(webRoot)) mountWebUi(app, webRoot);
  return app;
}
