/** Models: the Model interface, the OpenAI-compatible provider, a scripted model for tests. */
export type {
  AssistantMessage,
  FinishReason,
  JsonSchema,
  Message,
  Model,
  ModelRequest,
  ModelResponse,
  ModelSettings,
  ModelStreamEvent,
  OutputSpec,
  SystemMessage,
  ToolCall,
  ToolMessage,
  ToolSpec,
  Usage,
  UserMessage,
} from './types.js';
export { addUsage, emptyUsage } from './types.js';
export {
  ModelBehaviorError,
  ModelConfigError,
  ModelError,
  ModelRefusalError,
  ModelTruncatedError,
} from './errors.js';
/** The scripted model and its response helpers: named as scripted, never as a real model. */
export { scriptedModel, scriptedText, scriptedToolCall, scriptedToolCalls } from './scripted.js';
export type { ScriptedModel, ScriptedModelOptions, ScriptedStep } from './scripted.js';
export { createOpenAICompatibleModel, DEFAULT_BASE_URL } from './openai-compatible.js';
export type { OpenAICompatibleModel, OpenAICompatibleOptions } from './openai-compatible.js';
export { createResponsesModel } from './responses.js';
export type { ResponsesModel, ResponsesOptions } from './responses.js';
export { createModel, modelFromEnv, HOW_TO_CONFIGURE_MODEL } from './env.js';
export type { ConfiguredModel } from './env.js';
