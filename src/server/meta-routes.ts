/** GET /api/health: the server is up, and how busy its compute workers are. */
import type { Hono } from 'hono';
import { z } from 'zod';
import { version } from '../version.js';
import type { Operation } from './openapi.js';
import { computePool } from './types.js';
import type { AppOptions } from './types.js';

const Health = z.object({
  status: z.literal('ok'),
  version: z.string(),
  compute: z.object({
    size: z.number().describe('worker threads for planning and reasoning'),
    busy: z.number().describe('of which working on a request'),
    queued: z.number().describe('requests waiting for a free worker'),
    started: z.number().describe('worker threads started so far (one is replaced after a limit)'),
    cancelled: z.number().describe('requests stopped because their client went away'),
    timedOut: z.number().describe('requests stopped at the time limit (504)'),
    outOfMemory: z.number().describe('requests stopped at the memory limit (422)'),
  }),
});

export function metaRoutes(app: Hono, options: AppOptions): Operation[] {
  const pool = computePool(options);
  app.get('/api/health', (c) => c.json({ status: 'ok', version, compute: pool.stats() }));
  return [
    {
      method: 'get',
      path: '/api/health',
      summary: 'Liveness, version and the compute workers: size, busy, queued',
      tag: 'meta',
      response: Health,
    },
  ];
}
