/**
 * Configuration: environment variables over an optional `atelier.config.json` in the
 * working directory. Only what is set is returned; callers pick their defaults.
 *
 *   OPENAI_BASE_URL, OPENAI_API_KEY, ATELIER_MODEL, ATELIER_MODEL_API, ATELIER_DB
 *   atelier.config.json: { "model": { "baseURL", "apiKey", "name", "api" }, "db": "path", "prices": {...} }
 *   ATELIER_PRICES (config-prices.ts)
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from './errors.js';
import { pricesFromEnv, pricesFromJson } from './config-prices.js';
import type { Prices } from './config-prices.js';

export const CONFIG_FILE = 'atelier.config.json';

/** Which protocol the model server speaks: chat completions (default) or the Responses API. */
export type ModelApi = 'chat' | 'responses';

export interface AtelierConfig {
  model: { baseURL?: string; apiKey?: string; name?: string; api?: ModelApi };
  db?: string;
  /** Per-model prices (config-prices.ts): ATELIER_PRICES over the file's "prices". */
  prices?: Prices;
  /** The config file read, if any. */
  file?: string;
}

export interface LoadConfigOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** An explicit config file (must exist). */
  file?: string;
}

export function loadConfig(options: LoadConfigOptions = {}): AtelierConfig {
  const env = options.env ?? process.env;
  const file = options.file ?? join(options.cwd ?? process.cwd(), CONFIG_FILE);
  const config: AtelierConfig = { model: {} };
  if (options.file !== undefined || existsSync(file)) Object.assign(config, readConfigFile(file));
  const set = (value: string | undefined): string | undefined =>
    value === undefined || value === '' ? undefined : value;
  const model = config.model;
  const baseURL = set(env.OPENAI_BASE_URL) ?? model.baseURL;
  const apiKey = set(env.OPENAI_API_KEY) ?? model.apiKey;
  const name = set(env.ATELIER_MODEL) ?? model.name;
  const api = modelApi(set(env.ATELIER_MODEL_API), 'ATELIER_MODEL_API') ?? model.api;
  config.model = {
    ...(baseURL ? { baseURL } : {}),
    ...(apiKey ? { apiKey } : {}),
    ...(name ? { name } : {}),
    ...(api ? { api } : {}),
  };
  const envPrices = set(env.ATELIER_PRICES);
  if (envPrices) config.prices = { ...config.prices, ...pricesFromEnv(envPrices) };
  const db = set(env.ATELIER_DB) ?? config.db;
  if (db) config.db = db;
  else delete config.db;
  return config;
}

function modelApi(value: unknown, where: string): ModelApi | undefined {
  if (value === undefined) return undefined;
  if (value === 'chat' || value === 'responses') return value;
  throw new UserError(`${where} must be "chat" or "responses", got ${JSON.stringify(value)}`, {
    code: 'CONFIG_BAD_MODEL_API',
    hint: 'chat = POST /chat/completions (most servers); responses = POST /responses',
  });
}

function readConfigFile(file: string): AtelierConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UserError(`cannot read ${file}: ${(err as Error).message}`, {
      code: 'CONFIG_UNREADABLE',
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new UserError(`${file} is not valid JSON: ${(err as Error).message}`, {
      code: 'CONFIG_INVALID',
    });
  }
  if (!json || typeof json !== 'object' || Array.isArray(json))
    throw new UserError(`${file}: expected a JSON object`, { code: 'CONFIG_INVALID' });
  const root = json as Record<string, unknown>;
  const out: AtelierConfig = { model: {}, file };
  if (root.model !== undefined) {
    if (!root.model || typeof root.model !== 'object' || Array.isArray(root.model))
      throw new UserError(`${file}: field "model" must be an object { baseURL, apiKey, name }`, {
        code: 'CONFIG_INVALID',
      });
    const m = root.model as Record<string, unknown>;
    for (const key of ['baseURL', 'apiKey', 'name'] as const) {
      const v = m[key];
      if (v === undefined) continue;
      if (typeof v !== 'string')
        throw new UserError(`${file}: field "model.${key}" must be a string`, {
          code: 'CONFIG_INVALID',
        });
      out.model[key] = v;
    }
    const api = modelApi(m.api, `${file}: field "model.api"`);
    if (api) out.model.api = api;
  }
  if (root.prices !== undefined)
    out.prices = pricesFromJson(root.prices, `${file}: field "prices"`);
  if (root.db !== undefined) {
    if (typeof root.db !== 'string')
      throw new UserError(`${file}: field "db" must be a string`, { code: 'CONFIG_INVALID' });
    out.db = root.db;
  }
  return out;
}
