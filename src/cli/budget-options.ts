/**
 * `--budget-tokens N` and `--budget-cost USD` of `atelier run` and `atelier resume`: a
 * per-run budget for model usage (tokens, or dollars from per-model prices in the config),
 * and what the CLI says when a run stops on it.
 */
import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { UserError } from '../errors.js';
import { BudgetExceededError } from '../team/index.js';
import type { ModelPrices, RunBudget } from '../team/index.js';

export interface BudgetCliOptions {
  budgetTokens?: string;
  budgetCost?: string;
}

/** Adds the budget options to a command. */
export function withBudgetOptions(cmd: Command): Command {
  return cmd
    .option('--budget-tokens <n>', 'stop the run (resumable) past this many model tokens')
    .option(
      '--budget-cost <usd>',
      'stop the run (resumable) past this cost in US dollars (prices: ATELIER_PRICES)',
    );
}

function positive(flag: string, text: string, integer: boolean): number {
  const n = Number(text);
  if (!text.trim() || !Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n)))
    throw new UserError(
      `${flag} must be a positive ${integer ? 'integer' : 'number'}, got ${JSON.stringify(text)}`,
      { code: 'CLI_BAD_BUDGET', hint: integer ? `${flag} 20000` : `${flag} 0.50` },
    );
  return n;
}

/** The budget and prices the options and the config give (nothing when no budget is set). */
export function budgetFromOptions(opts: BudgetCliOptions): {
  budget?: RunBudget;
  prices?: ModelPrices;
} {
  const budget: RunBudget = {};
  if (opts.budgetTokens !== undefined)
    budget.tokens = positive('--budget-tokens', opts.budgetTokens, true);
  if (opts.budgetCost !== undefined)
    budget.costUsd = positive('--budget-cost', opts.budgetCost, false);
  const prices = loadConfig().prices;
  return {
    ...(Object.keys(budget).length > 0 ? { budget } : {}),
    ...(prices ? { prices } : {}),
  };
}

/** For a run stopped by its budget: the line to print, else undefined. */
export function budgetStopLine(err: unknown, resumeCommand: string): string | undefined {
  if (!(err instanceof BudgetExceededError)) return undefined;
  const flag = err.message.startsWith('cost') ? '--budget-cost USD' : '--budget-tokens N';
  return `stopped: ${err.message}; continue with a higher budget: ${resumeCommand} ${flag}`;
}
