/**
 * A mission's action model: `GET /api/missions/:name/model` answers each tool's declared
 * model beside the one learned (SAM) from the mission's stored runs, their differences,
 * the contradictions, and the UNVERIFIED proposals of tools never observed.
 */
import type { Hono } from 'hono';
import { missionModel, MissionModelSchema } from '../team/index.js';
import type { Mission, RunLog } from '../team/index.js';
import type { Operation } from './openapi.js';

export function modelRoutes(
  app: Hono,
  store: RunLog,
  mission: (name: string) => Promise<Mission>,
): Operation[] {
  app.get('/api/missions/:name/model', async (c) =>
    c.json(await missionModel(store, await mission(c.req.param('name')))),
  );
  return [
    {
      method: 'get',
      path: '/api/missions/:name/model',
      summary:
        "A mission's tools: declared model beside the one learned from its stored runs, differences, contradictions, unverified proposals",
      tag: 'runs',
      response: MissionModelSchema,
      errors: [404],
    },
  ];
}
