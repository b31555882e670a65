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
export { ModelBehaviorError, ModelConfigError, ModelError } from './errors.js';
export { scriptedModel, text, toolCall, toolCalls } from './scripted.js';
/** The same helpers under names that say where they belong. */
export { text as scriptedText, toolCall as scriptedToolCall, toolCalls as scriptedToolCalls } from './scripted.js';
export type { ScriptedModel, ScriptedModelOptions, ScriptedStep } from './scripted.js';
export { createOpenAICompatibleModel, DEFAULT_BASE_URL } from './openai-compatible.js';
export type { OpenAICompatibleModel, OpenAICompatibleOptions } from './openai-compatible.js';
export { modelFromEnv, HOW_TO_CONFIGURE_MODEL } from './env.js';
