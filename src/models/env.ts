/** The model the environment (or `atelier.config.json`) configures, if any. */
import { loadConfig, type LoadConfigOptions } from '../config.js';
import {
  createOpenAICompatibleModel,
  DEFAULT_BASE_URL,
  type OpenAICompatibleModel,
} from './openai-compatible.js';
import { ModelConfigError } from './errors.js';

/** How to configure a model, for messages shown to users. */
export const HOW_TO_CONFIGURE_MODEL = [
  'no model is configured. Set, for example:',
  '  export ATELIER_MODEL=gpt-4o-mini OPENAI_API_KEY=sk-...            # OpenAI',
  '  export ATELIER_MODEL=llama3.2 OPENAI_BASE_URL=http://127.0.0.1:11434/v1   # Ollama (or vLLM, LM Studio, llama.cpp)',
  'or write atelier.config.json: { "model": { "baseURL": "...", "apiKey": "...", "name": "..." } }',
].join('\n');

/**
 * Returns the configured model, or `undefined` when no model name is set
 * (ATELIER_MODEL / config `model.name`).
 */
export function modelFromEnv(options: LoadConfigOptions = {}): OpenAICompatibleModel | undefined {
  const { model } = loadConfig(options);
  if (!model.name) return undefined;
  const baseURL = model.baseURL ?? DEFAULT_BASE_URL;
  if (!model.apiKey && baseURL === DEFAULT_BASE_URL) {
    throw new ModelConfigError(
      `ATELIER_MODEL is ${model.name} on ${DEFAULT_BASE_URL} but no API key is set`,
      {
        code: 'MODEL_NO_API_KEY',
        endpoint: baseURL,
        hint: 'set OPENAI_API_KEY, or OPENAI_BASE_URL for a local server',
      },
    );
  }
  return createOpenAICompatibleModel({
    model: model.name,
    baseURL,
    ...(model.apiKey ? { apiKey: model.apiKey } : {}),
  });
}
