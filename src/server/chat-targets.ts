/**
 * What an OpenAI client can chat with. The /v1 routes only know `ChatTarget`; an
 * agent becomes one through the agent run loop, and anything else (a team) can
 * provide its own `chat`.
 */
import type { z } from 'zod';
import { run } from '../agents/index.js';
import type { Agent } from '../agents/index.js';
import { ModelRefusalError } from '../models/index.js';
import type { FinishReason, JsonSchema, Message, Model, Usage } from '../models/index.js';

/** Why the answer ended, as OpenAI reports it. */
export type ChatFinishReason = 'stop' | 'length' | 'content_filter';

export type ChatChunk =
  | { type: 'text'; text: string }
  | {
      type: 'done';
      text: string;
      usage?: Usage | undefined;
      /** Default 'stop'. */
      finishReason?: ChatFinishReason | undefined;
    };

/** A JSON Schema the answer must match (`response_format` / `text.format` json_schema). */
export interface ChatOutput {
  name: string;
  /** The schema as the client sent it. */
  jsonSchema: JsonSchema;
  /** The same schema as zod, to validate the answer. */
  schema: z.ZodType;
}

export interface ChatOptions {
  output?: ChatOutput;
}

export interface ChatTarget {
  /** The model id clients use (`model` in the request, listed by GET /v1/models). */
  id: string;
  kind: 'agent' | 'team';
  description: string;
  /** True when `chat` honours `options.output` (structured output); else such requests are a 400. */
  structuredOutput?: boolean;
  /** One turn: the conversation in; text as it comes, then `done` with the whole answer. */
  chat(
    messages: readonly Message[],
    signal: AbortSignal,
    options?: ChatOptions,
  ): AsyncIterable<ChatChunk>;
}

function toChatFinish(reason: FinishReason): ChatFinishReason {
  return reason === 'length' || reason === 'content_filter' ? reason : 'stop';
}

/**
 * Serves an agent: each request runs it (tools, handoffs and all) on the conversation. A
 * requested output schema replaces the agent's own for that request. The finish reason
 * is the last model answer's (of the served agent's model; an agent handed off to reports
 * through its own model, which is not observed).
 */
export function agentTarget(
  agent: Agent<unknown>,
  options: { model?: Model; id?: string; description?: string } = {},
): ChatTarget {
  return {
    id: options.id ?? agent.name,
    kind: 'agent',
    description: options.description ?? (agent.handoffDescription || `Atelier agent ${agent.name}`),
    structuredOutput: true,
    async *chat(messages, signal, chatOptions = {}) {
      const served: Agent<unknown> = {
        ...agent,
        ...(chatOptions.output ? { output: chatOptions.output.schema } : {}),
      };
      // A cut answer is still an answer for an OpenAI client: it reads finish_reason.
      const streamed = run(served, messages, {
        stream: true,
        signal,
        onLength: 'return',
        ...(options.model ? { model: options.model } : {}),
      });
      // Text of the current model turn: a model that cannot stream sends none, and then
      // the final answer is sent whole.
      let turnText = '';
      for await (const event of streamed) {
        switch (event.type) {
          case 'text-delta':
            turnText += event.text;
            yield { type: 'text', text: event.text };
            break;
          case 'message':
            if (event.message.toolCalls?.length) {
              if (turnText) yield { type: 'text', text: '\n\n' };
              turnText = '';
            }
            break;
          case 'final':
            if (!turnText && event.text) yield { type: 'text', text: event.text };
            break;
          case 'error':
            if (event.error instanceof ModelRefusalError) {
              yield {
                type: 'done',
                text: event.error.partialText ?? '',
                finishReason: 'content_filter',
              };
              return;
            }
            throw event.error;
          default:
            break;
        }
      }
      const result = await streamed.result;
      yield {
        type: 'done',
        text: result.text,
        usage: result.usage,
        finishReason: toChatFinish(result.finishReason),
      };
    },
  };
}
