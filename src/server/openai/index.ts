/**
 * OpenAI-compatible endpoints, so the official clients and agent SDKs talk to Atelier's
 * agents and teams unchanged: GET /v1/models, POST /v1/chat/completions (chat.ts) and
 * POST /v1/responses (responses.ts). Errors have OpenAI's shape and statuses.
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import { openSqlite } from '../../store/sqlite.js';
import { databaseOf } from '../../store/runs.js';
import { sqliteResponses } from '../../store/responses.js';
import type { ResponseStore } from '../../store/responses.js';
import type { ChatTarget } from '../chat-targets.js';
import type { Operation } from '../openapi.js';
import type { AppOptions } from '../types.js';
import { chatRoute } from './chat.js';
import { openAiContext } from './common.js';
import { responsesRoute } from './responses.js';

export { DEFAULT_KEEP_ALIVE_MS, DEFAULT_IDEMPOTENCY_TTL_MS } from './common.js';
export { KEEP_ALIVE_COMMENT } from './sse.js';

const ModelInfo = z.object({
  id: z.string(),
  object: z.literal('model'),
  created: z.number(),
  owned_by: z.string(),
  description: z.string(),
});
const ModelList = z.object({ object: z.literal('list'), data: z.array(ModelInfo) });

/** Where responses are kept: the runs' database when there is one, else memory. */
function responseStore(options: AppOptions): ResponseStore {
  if (options.responses) return options.responses;
  const db = options.runs === undefined ? undefined : databaseOf(options.runs.store);
  return sqliteResponses(db ?? openSqlite(':memory:'));
}

export function openAiRoutes(app: Hono, options: AppOptions): Operation[] {
  const ctx = openAiContext(options);
  const created = Math.floor(Date.now() / 1000);
  const info = (t: ChatTarget) => ({
    id: t.id,
    object: 'model' as const,
    created,
    owned_by: t.kind === 'team' ? 'atelier-team' : 'atelier-agent',
    description: t.description,
  });
  app.get('/v1/models', (c) =>
    c.json({ object: 'list', data: [...ctx.targets.values()].map(info) }),
  );
  app.get('/v1/models/:id', (c) => c.json(info(ctx.find(c.req.param('id')))));
  return [
    {
      method: 'get',
      path: '/v1/models',
      summary: 'The agents and teams this server serves, as OpenAI models',
      tag: 'openai',
      response: ModelList,
    },
    {
      method: 'get',
      path: '/v1/models/:id',
      summary: 'One agent or team',
      tag: 'openai',
      response: ModelInfo,
      errors: [404],
    },
    ...chatRoute(app, ctx),
    ...responsesRoute(app, ctx, responseStore(options)),
  ];
}
