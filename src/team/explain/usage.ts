/**
 * A run's model usage, summed from its `usage.recorded` events: per run, per agent, per
 * step and per model, with the budget in force and why it stopped the run, if it did.
 * `atelier show`, the Markdown report and the web UI show it.
 */
import type { EventData, RunEvent } from '../log/events.js';
import type { RunBudget } from '../log/usage-events.js';

export interface UsageSum {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  /** Dollars, counting only the calls of models with a price. */
  costUsd: number;
  /** True when some call's model had no price (the cost is then a lower bound). */
  unpriced: boolean;
}

export interface RunUsage {
  total: UsageSum;
  byAgent: Record<string, UsageSum>;
  byStep: Record<string, UsageSum>;
  byModel: Record<string, UsageSum>;
  budget: RunBudget | undefined;
  /** The last `budget.exceeded` of the run (a resume with a higher budget may follow). */
  exceeded: EventData<'budget.exceeded'> | undefined;
}

const zero = (): UsageSum => ({
  calls: 0,
  inputTokens: 0,
  outputTokens: 0,
  costUsd: 0,
  unpriced: false,
});

function add(into: UsageSum, d: EventData<'usage.recorded'>): void {
  into.calls++;
  into.inputTokens += d.inputTokens;
  into.outputTokens += d.outputTokens;
  into.costUsd += d.costUsd ?? 0;
  if (d.costUsd === undefined) into.unpriced = true;
}

const at = (table: Record<string, UsageSum>, key: string): UsageSum => (table[key] ??= zero());

/** Sums a run's usage events. */
export function runUsage(events: readonly RunEvent[]): RunUsage {
  const u: RunUsage = {
    total: zero(),
    byAgent: {},
    byStep: {},
    byModel: {},
    budget: undefined,
    exceeded: undefined,
  };
  for (const e of events) {
    if (e.type === 'budget.set') u.budget = e.data;
    else if (e.type === 'budget.exceeded') u.exceeded = e.data;
    else if (e.type === 'usage.recorded') {
      const d = e.data;
      add(u.total, d);
      add(at(u.byAgent, d.agent), d);
      add(at(u.byStep, d.stepId ?? '(run)'), d);
      add(at(u.byModel, d.model), d);
    }
  }
  return u;
}

/** "1,234 in / 567 out tokens, 3 calls, $0.0012". */
export function formatUsage(s: UsageSum): string {
  const n = (x: number): string => x.toLocaleString('en-US');
  const cost = s.costUsd > 0 || !s.unpriced ? `, $${s.costUsd.toFixed(4)}` : '';
  return `${n(s.inputTokens)} in / ${n(s.outputTokens)} out tokens, ${n(s.calls)} call${s.calls === 1 ? '' : 's'}${cost}${s.unpriced && s.costUsd > 0 ? ' (some models unpriced)' : ''}`;
}

/** Lines for `atelier show` and the report; none when the run made no model call. */
export function usageLines(u: RunUsage): string[] {
  if (u.total.calls === 0 && u.budget === undefined) return [];
  const budget = u.budget
    ? [
        `  budget: ${[
          u.budget.tokens === undefined ? '' : `${u.budget.tokens} tokens`,
          u.budget.costUsd === undefined ? '' : `$${u.budget.costUsd}`,
        ]
          .filter(Boolean)
          .join(', ')}${u.exceeded ? ` — exceeded: ${u.exceeded.reason}` : ''}`,
      ]
    : [];
  const table = (title: string, t: Record<string, UsageSum>): string[] =>
    Object.entries(t).map(([k, s]) => `  ${title} ${k.padEnd(14)} ${formatUsage(s)}`);
  return [
    `usage: ${formatUsage(u.total)}`,
    ...budget,
    ...table('agent', u.byAgent),
    ...table('step ', u.byStep),
    ...table('model', u.byModel),
  ];
}

/** One line per usage event for the timeline, or undefined for other kinds. */
export function describeUsageEvent(e: RunEvent): string | undefined {
  switch (e.type) {
    case 'usage.recorded': {
      const d = e.data;
      return `usage ${d.stepId ?? '(run)'} ${d.agent}: ${d.model} ${d.inputTokens} in / ${d.outputTokens} out${d.costUsd === undefined ? '' : `, $${d.costUsd.toFixed(4)}`}`;
    }
    case 'budget.set':
      return `budget: ${e.data.tokens === undefined ? '' : `${e.data.tokens} tokens `}${e.data.costUsd === undefined ? '' : `$${e.data.costUsd}`}`.trim();
    case 'budget.exceeded':
      return `BUDGET EXCEEDED: ${e.data.reason}`;
    default:
      return undefined;
  }
}
