/**
 * The run log's events about model usage and budgets (kept apart from events.ts, which
 * spreads them into EVENT_KINDS). Imports only zod: the web UI reads these types.
 */
import { z } from 'zod';

const text = z.string();
const count = z.number().int().nonnegative();

/** A run's budget: tokens (input + output) and/or cost in US dollars, at least one. */
export const RunBudgetSchema = z.strictObject({
  tokens: z.number().int().positive().optional(),
  costUsd: z.number().positive().optional(),
});
export type RunBudget = z.infer<typeof RunBudgetSchema>;

export const USAGE_EVENT_KINDS = {
  /**
   * One model call made for the run: by which agent, for which step (none: the goal's
   * translation), with which model, its tokens and (when the model has a price) its cost.
   */
  'usage.recorded': {
    version: 1,
    data: z.strictObject({
      agent: text,
      stepId: text.optional(),
      model: text,
      inputTokens: count,
      outputTokens: count,
      costUsd: z.number().nonnegative().optional(),
    }),
  },
  /** The run's budget from here on (at the start, and at a resume that changes it). */
  'budget.set': { version: 1, data: RunBudgetSchema },
  /** The budget ran out: the run stops (interrupted, resumable with a higher budget). */
  'budget.exceeded': {
    version: 1,
    data: z.strictObject({
      limit: z.enum(['tokens', 'costUsd']),
      used: z.number().nonnegative(),
      budget: z.number().positive(),
      reason: text,
    }),
  },
} as const;
