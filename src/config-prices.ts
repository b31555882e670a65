/**
 * Per-model prices, to count what a run's model calls cost (and budget it): US dollars
 * per million input and output tokens.
 *
 *   ATELIER_PRICES="gpt-4o-mini=0.15/0.6,llama3.1:8b=0/0"      (model=input/output, comma-separated)
 *   atelier.config.json: { "prices": { "gpt-4o-mini": { "input": 0.15, "output": 0.6 } } }
 *
 * The environment's entries override the file's, model by model.
 */
import { UserError } from './errors.js';

export interface PriceEntry {
  input: number;
  output: number;
}
export type Prices = Record<string, PriceEntry>;

const bad = (message: string, hint: string): UserError =>
  new UserError(message, { code: 'CONFIG_BAD_PRICES', hint });

const price = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x >= 0;

/** The `prices` object of the config file, checked (`where` names the file and field). */
export function pricesFromJson(value: unknown, where: string): Prices {
  const hint = '"prices": { "MODEL": { "input": USD_PER_MTOK, "output": USD_PER_MTOK } }';
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw bad(`${where} must be an object of model names`, hint);
  const out: Prices = {};
  for (const [model, p] of Object.entries(value as Record<string, unknown>)) {
    const e = p as Partial<Record<string, unknown>> | null;
    if (!e || typeof e !== 'object' || !price(e.input) || !price(e.output))
      throw bad(`${where}.${model} must be { "input": n, "output": n } with numbers >= 0`, hint);
    out[model] = { input: e.input, output: e.output };
  }
  return out;
}

/** ATELIER_PRICES, checked: `model=input/output` entries separated by commas. */
export function pricesFromEnv(text: string): Prices {
  const hint = 'ATELIER_PRICES="gpt-4o-mini=0.15/0.6" (USD per million input/output tokens)';
  const out: Prices = {};
  for (const entry of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const eq = entry.lastIndexOf('=');
    const [input, output, more] = entry
      .slice(eq + 1)
      .split('/')
      .map(Number);
    if (eq <= 0 || more !== undefined || !price(input) || !price(output))
      throw bad(`ATELIER_PRICES: ${JSON.stringify(entry)} is not model=input/output`, hint);
    out[entry.slice(0, eq)] = { input, output };
  }
  return out;
}
