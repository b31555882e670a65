/**
 * Model usage of a run and its budget. Whatever calls a model for a run (the goal's
 * translation, a model-driven step, a teammate's answer) reports each call with
 * `recordUsage`: it is written as a `usage.recorded` event and counted; when the run's
 * budget (tokens, or cost from per-model prices) is exceeded, a `budget.exceeded` event
 * is written and the run is stopped like an interruption (status `interrupted`, the
 * reason in its log), resumable with a higher budget.
 */
import type { Usage } from '../../models/index.js';
import type { EventData, RunEvent } from '../log/events.js';
import type { RunBudget } from '../log/usage-events.js';

/** US dollars per million tokens, for input (prompt) and output (completion) tokens. */
export interface ModelPrice {
  input: number;
  output: number;
}
/** Model name -> its price. */
export type ModelPrices = Readonly<Record<string, ModelPrice>>;

/** One model call, as its caller reports it. */
export interface UsageCall {
  /** Who called the model: the step's agent, or e.g. 'goal' for the goal's translation. */
  agent: string;
  stepId?: string | undefined;
  model: string;
  usage: Pick<Usage, 'inputTokens' | 'outputTokens'>;
}

export interface UsageTotals {
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  calls: number;
}

export const noUsage = (): UsageTotals => ({
  inputTokens: 0,
  outputTokens: 0,
  costUsd: 0,
  calls: 0,
});

/** Why the run stopped: the abort reason of a run whose budget ran out. */
export class BudgetExceededError extends Error {
  override readonly name = 'BudgetExceededError';
}

/** Counts a run's usage against its budget; `signal` aborts when the budget runs out. */
export interface UsageMeter {
  readonly signal: AbortSignal;
  readonly budget: RunBudget | undefined;
  readonly totals: UsageTotals;
  /** The event data of a call (its cost when the model has a price). */
  price(call: UsageCall): EventData<'usage.recorded'>;
  /** Counts a call; the budget's verdict when this call exceeded it. */
  add(data: EventData<'usage.recorded'>): EventData<'budget.exceeded'> | undefined;
  /** Stops the run (once). */
  stop(reason: string): void;
}

export function usageMeter(options: {
  budget?: RunBudget | undefined;
  prices?: ModelPrices | undefined;
  before?: UsageTotals | undefined;
}): UsageMeter {
  const controller = new AbortController();
  const totals = { ...(options.before ?? noUsage()) };
  const { budget, prices = {} } = options;
  return {
    signal: controller.signal,
    budget,
    totals,
    price(call) {
      const p = prices[call.model];
      const { inputTokens, outputTokens } = call.usage;
      return {
        agent: call.agent,
        ...(call.stepId === undefined ? {} : { stepId: call.stepId }),
        model: call.model,
        inputTokens,
        outputTokens,
        ...(p ? { costUsd: (inputTokens * p.input + outputTokens * p.output) / 1e6 } : {}),
      };
    },
    add(data) {
      totals.inputTokens += data.inputTokens;
      totals.outputTokens += data.outputTokens;
      totals.costUsd += data.costUsd ?? 0;
      totals.calls++;
      return budgetVerdict(budget, totals, data);
    },
    stop(reason) {
      if (!controller.signal.aborted) controller.abort(new BudgetExceededError(reason));
    },
  };
}

function budgetVerdict(
  budget: RunBudget | undefined,
  totals: UsageTotals,
  call: EventData<'usage.recorded'>,
): EventData<'budget.exceeded'> | undefined {
  if (budget === undefined) return undefined;
  const tokens = totals.inputTokens + totals.outputTokens;
  if (budget.tokens !== undefined && tokens > budget.tokens)
    return {
      limit: 'tokens',
      used: tokens,
      budget: budget.tokens,
      reason: `token budget exceeded: ${tokens} tokens used, budget ${budget.tokens}`,
    };
  if (budget.costUsd === undefined) return undefined;
  if (call.costUsd === undefined && call.inputTokens + call.outputTokens > 0)
    return {
      limit: 'costUsd',
      used: totals.costUsd,
      budget: budget.costUsd,
      reason: `cost budget set but model '${call.model}' has no price (set it in ATELIER_PRICES or "prices" in atelier.config.json)`,
    };
  if (totals.costUsd > budget.costUsd)
    return {
      limit: 'costUsd',
      used: totals.costUsd,
      budget: budget.costUsd,
      reason: `cost budget exceeded: $${totals.costUsd.toFixed(4)} spent, budget $${budget.costUsd}`,
    };
  return undefined;
}

/** Usage so far and the last budget set, read from a run's events (for a resume). */
export function usageFromEvents(events: readonly RunEvent[]): {
  totals: UsageTotals;
  budget: RunBudget | undefined;
} {
  const totals = noUsage();
  let budget: RunBudget | undefined;
  for (const e of events) {
    if (e.type === 'budget.set') budget = e.data;
    if (e.type !== 'usage.recorded') continue;
    const d = e.data;
    totals.inputTokens += d.inputTokens;
    totals.outputTokens += d.outputTokens;
    totals.costUsd += d.costUsd ?? 0;
    totals.calls++;
  }
  return { totals, budget };
}
