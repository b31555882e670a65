/** The fields of a run start, shared by `POST /api/runs` and the MCP tool `start_run`. */
import { z } from 'zod';

export const startRunFields = {
  mission: z.string().min(1).describe('mission name, from GET /api/missions'),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .optional()
    .describe('seed of the simulated world (default 1)'),
  goal: z
    .string()
    .min(1)
    .optional()
    .describe('PDDL goal overriding the mission goal, e.g. "(and (hired alice))"'),
};

export const StartRunRequest = z.object(startRunFields);
