/**
 * POST /api/reason: a Datalog program and a query -> answers, each with its proof (or why
 * not). The work runs in a worker thread (compute/), with the server's time and memory limits.
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import { computeResponse } from './compute/index.js';
import type { ProofNode } from './compute/proofs.js';
import type { Operation } from './openapi.js';
import { computePool } from './types.js';
import type { AppOptions } from './types.js';
import { readBody } from './validate.js';

/** Longest a POST /api/reason may compute before its worker is stopped (504). */
export const DEFAULT_REASON_TIME_LIMIT_MS = 10_000;

export const ReasonRequest = z.object({
  program: z.string().describe('facts and rules, e.g. "edge(a, b). path(X, Y) :- edge(X, Y)."'),
  query: z
    .string()
    .min(1, 'the query is empty')
    .describe('an atom or a conjunction, e.g. "path(a, X)" or "p(X), not q(X)"'),
});

const ProofNodeSchema: z.ZodType<ProofNode> = z.lazy(() =>
  z.object({ fact: z.string(), via: z.string(), children: z.array(ProofNodeSchema) }),
);
export const ReasonResponse = z.object({
  answers: z.array(
    z.object({
      bindings: z.record(z.string(), z.union([z.string(), z.number()])),
      fact: z.string(),
      proof: ProofNodeSchema,
    }),
  ),
  total: z.number(),
  whyNot: z.array(z.string()).optional(),
});

export function reasonRoutes(app: Hono, options: AppOptions): Operation[] {
  app.post('/api/reason', async (c) => {
    const body = await readBody(c, ReasonRequest);
    const limit = options.reasonTimeLimitMs ?? DEFAULT_REASON_TIME_LIMIT_MS;
    return computeResponse(c, computePool(options), { kind: 'reason', body }, limit);
  });
  return [
    {
      method: 'post',
      path: '/api/reason',
      summary:
        'Reason: program + query -> answers with proofs (and why not, for a ground query that fails)',
      tag: 'reasoning',
      body: ReasonRequest,
      response: ReasonResponse,
      errors: [400, 413, 422, 503, 504],
    },
  ];
}
