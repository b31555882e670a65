/** POST /api/plan: PDDL domain + problem -> a plan, or the located error in the text. */
import type { Hono } from 'hono';
import { z } from 'zod';
import { PddlError, formatPlan, parseDomain, parseProblem } from '../pddl/index.js';
import { plan } from '../planner/index.js';
import { HttpError } from './errors.js';
import type { Operation } from './openapi.js';
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

/** The located PDDL error: which text (domain or problem), line and column. */
function pddlError(err: PddlError): HttpError {
  return new HttpError(400, 'pddl_error', err.message, {
    location: err.location,
    ...(err.hint ? { hint: err.hint } : {}),
  });
}

export function planRoutes(app: Hono, options: AppOptions): Operation[] {
  app.post('/api/plan', async (c) => {
    const body = await readBody(c, PlanRequest);
    let result;
    try {
      const domain = parseDomain(body.domain, 'domain');
      const problem = parseProblem(body.problem, domain, 'problem');
      const limit = Math.min(body.timeLimitMs ?? Infinity, options.planTimeLimitMs ?? 10_000);
      result = await plan(domain, problem, {
        timeLimitMs: limit,
        signal: c.req.raw.signal,
        ...(body.optimal ? { optimal: true } : {}),
      });
    } catch (err) {
      if (err instanceof PddlError) throw pddlError(err);
      throw err;
    }
    if (result.status === 'solved') {
      const steps = result.plan.map((s) => ({ action: s.action, args: s.args }));
      return c.json({
        status: result.status,
        plan: steps,
        text: formatPlan(result.plan, result.cost, result.unitCost),
        cost: result.cost,
        unitCost: result.unitCost,
        stats: result.stats,
      });
    }
    if (result.status === 'limit')
      return c.json({ status: result.status, reason: result.reason, stats: result.stats });
    return c.json({ status: result.status, stats: result.stats });
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
      errors: [400, 413],
    },
  ];
}
