/**
 * A run's budget at its start and at a resume: checked (a positive number of tokens or
 * dollars), written as a `budget.set` event, and, at a resume, weighed against what the
 * run has used so far (read from its `usage.recorded` events).
 */
import { UserError } from '../../errors.js';
import type { RunEvent, RunEventBody } from '../log/events.js';
import { RunBudgetSchema } from '../log/usage-events.js';
import type { RunBudget } from '../log/usage-events.js';
import { usageFromEvents } from './usage.js';
import type { UsageTotals } from './usage.js';

/** Usage before a session and the budget in force (part of a run's start). */
export interface RunUsageStart {
  before?: UsageTotals;
  budget?: RunBudget | undefined;
}

/** The budget, checked: a field that is not a positive number is a UserError naming it. */
export function checkBudget(budget: RunBudget | undefined): RunBudget | undefined {
  if (budget === undefined) return undefined;
  const parsed = RunBudgetSchema.safeParse(budget);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UserError(
      `budget.${issue.path.join('.') || '?'} must be a positive number${issue.path[0] === 'tokens' ? ' (an integer)' : ''}`,
      { code: 'RUN_BAD_BUDGET', hint: 'e.g. { tokens: 20000 } or { costUsd: 0.5 }' },
    );
  }
  return parsed.data.tokens === undefined && parsed.data.costUsd === undefined
    ? undefined
    : parsed.data;
}

export function budgetAtStart(options: { budget?: RunBudget }): RunUsageStart {
  return { budget: checkBudget(options.budget) };
}

/**
 * At a resume: the budget given (or the run's own), refused when the run has already
 * used more than it (exit 2: it would stop again at once).
 */
export function budgetAtResume(
  runId: string,
  events: readonly RunEvent[],
  options: { budget?: RunBudget },
): RunUsageStart {
  const { totals, budget: before } = usageFromEvents(events);
  const budget = checkBudget(options.budget) ?? before;
  const tokens = totals.inputTokens + totals.outputTokens;
  if (budget?.tokens !== undefined && tokens > budget.tokens)
    throw new UserError(
      `run ${runId} has used ${tokens} tokens, more than its budget of ${budget.tokens}`,
      {
        code: 'RUN_BUDGET_SPENT',
        hint: `resume with a higher budget: --budget-tokens N, N > ${tokens}`,
      },
    );
  if (budget?.costUsd !== undefined && totals.costUsd > budget.costUsd)
    throw new UserError(
      `run ${runId} has spent $${totals.costUsd.toFixed(4)}, more than its budget of $${budget.costUsd}`,
      { code: 'RUN_BUDGET_SPENT', hint: 'resume with a higher budget: --budget-cost USD' },
    );
  return { before: totals, budget };
}

/** The `budget.set` event of a start or resume that has a budget. */
export function budgetEvents(usage: RunUsageStart): RunEventBody[] {
  return usage.budget ? [{ type: 'budget.set', data: usage.budget }] : [];
}
