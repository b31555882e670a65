/**
 * POST /api/plan: PDDL domain + problem -> a plan, or the located error in the text. The
 * search runs in a worker thread (compute/), with the server's time and memory limits.
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import { computeResponse } from './compute/index.js';
import type { Operation } from './openapi.js';
import { computePool } from './types.js';
import type { AppOptions } from './types.js';
import { readBody } from './validate.js';

export const PlanRequest = z.object({
  domain: z.string().min(1, 'the domain text is empty').describe('PDDL domain text'),
  problem: z.string().min(1, 'the problem text is empty').describe('PDDL problem text'),
  optimal: z.boolean().optional().describe('find a cost-optimal plan (A*)'),
  timeLimitMs: z.number().int().positive().max(60_000).optional().describe('search time limit'),
});

const Step = z.object({ action: z.string(), args: z.array(z.string()) });
const Stats = z.object({
  expansions: z.number(),
  evaluations: z.number(),
  generated: z.number(),
  groundActions: z.number(),
  groundFacts: z.number(),
  groundingMs: z.number(),
  searchMs: z.number(),
  provenOptimal: z.boolean().describe('true when the plan is known to be cost-optimal'),
});
export const PlanResponse = z.object({
  status: z.enum(['solved', 'unsolvable', 'limit']),
  plan: z.array(Step).optional(),
  /** The plan as printed by `atelier plan`. */
  text: z.string().optional(),
  cost: z.number().optional(),
  unitCost: z.boolean().optional(),
  reason: z.string().optional(),
  stats: Stats,
});

/** Planning time beyond the planner's own limit before the worker is stopped (504). */
export function planHardLimitMs(limitMs: number): number {
  return limitMs + Math.max(2000, limitMs / 2);
}

export function planRoutes(app: Hono, options: AppOptions): Operation[] {
  app.post('/api/plan', async (c) => {
    const body = await readBody(c, PlanRequest);
    const limit = Math.min(body.timeLimitMs ?? Infinity, options.planTimeLimitMs ?? 10_000);
    const task = { kind: 'plan' as const, body, timeLimitMs: limit };
    return computeResponse(c, computePool(options), task, planHardLimitMs(limit));
  });
  return [
    {
      method: 'post',
      path: '/api/plan',
      summary:
        'Plan: PDDL domain + problem -> plan (or "unsolvable"), or the PDDL error with its line and column',
      tag: 'planning',
      body: PlanRequest,
      response: PlanResponse,
      errors: [400, 413, 422, 503, 504],
    },
  ];
}
