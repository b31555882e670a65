/** The hook every model call made for a run goes through (see usage.ts). */
import type { RunContext } from './context.js';
import type { RunEvent } from '../../agents/index.js';
import type { UsageCall } from './usage.js';

/**
 * Records one model call of a run: a `usage.recorded` event, counted against the budget;
 * past the budget, a `budget.exceeded` event and the run stops (its signal aborts with a
 * BudgetExceededError). Model-driven steps call it after each model call, with the step's
 * agent and id.
 */
export async function recordUsage(ctx: RunContext, call: UsageCall): Promise<void> {
  const data = ctx.usage.price(call);
  await ctx.recorder.emit({ type: 'usage.recorded', data });
  const over = ctx.usage.add(data);
  if (over === undefined || ctx.usage.signal.aborted) return;
  await ctx.recorder.emit({ type: 'budget.exceeded', data: over });
  ctx.usage.stop(over.reason);
}

/**
 * Counts an agent run's model calls one by one as they happen (pass `onEvent` to `run`), so
 * a budget stops a long agent run between two calls and a run that fails still counts what
 * it spent; `flushed()` resolves once every call seen so far is recorded.
 */
export function usagePerCall(ctx: RunContext, who: Omit<UsageCall, 'usage'>) {
  let chain: Promise<void> = Promise.resolve();
  return {
    onEvent(event: RunEvent): void {
      if (event.type !== 'message' || event.usage === undefined) return;
      const usage = event.usage;
      chain = chain.then(() => recordUsage(ctx, { ...who, usage }));
    },
    flushed: (): Promise<void> => chain,
  };
}
