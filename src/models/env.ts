/** The model the environment (or `atelier.config.json`) configures, if any. */
import { loadConfig, type LoadConfigOptions, type ModelApi } from '../config.js';
import {
  createOpenAICompatibleModel,
  DEFAULT_BASE_URL,
  type OpenAICompatibleModel,
  type OpenAICompatibleOptions,
} from './openai-compatible.js';
import { createResponsesModel, type ResponsesModel } from './responses.js';
import { ModelConfigError } from './errors.js';

/** How to configure a model, for messages shown to users. */
export const HOW_TO_CONFIGURE_MODEL = [
  'no model is configured. Set, for example:',
  '  export ATELIER_MODEL=gpt-4o-mini OPENAI_API_KEY=sk-...            # OpenAI',
  '  export ATELIER_MODEL=llama3.2 OPENAI_BASE_URL=http://127.0.0.1:11434/v1   # Ollama (or vLLM, LM Studio, llama.cpp)',
  '  export ATELIER_MODEL_API=responses   # optional: speak the Responses API instead of chat completions',
  'or write atelier.config.json: { "model": { "baseURL": "...", "apiKey": "...", "name": "...", "api": "chat" } }',
].join('\n');

/** A model over HTTP, on either protocol. */
export type ConfiguredModel = OpenAICompatibleModel | ResponsesModel;

/** A model on the protocol `api` names: `chat` (default, /chat/completions) or `responses` (/responses). */
export function createModel(
  options: OpenAICompatibleOptions & { api?: ModelApi },
): ConfiguredModel {
  const { api, ...rest } = options;
  if (api === 'responses') {
    const { streamUsage: _unused, ...responses } = rest;
    return createResponsesModel(responses);
  }
  return createOpenAICompatibleModel(rest);
}

/**
 * Returns the configured model, or `undefined` when no model name is set
 * (ATELIER_MODEL / config `model.name`). ATELIER_MODEL_API (`model.api`) picks the protocol.
 */
export function modelFromEnv(options: LoadConfigOptions = {}): ConfiguredModel | undefined {
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
  return createModel({
    model: model.name,
    baseURL,
    ...(model.apiKey ? { apiKey: model.apiKey } : {}),
    ...(model.api ? { api: model.api } : {}),
  });
}
