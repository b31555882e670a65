/**
 * What an OpenAI client can chat with. The /v1 routes only know `ChatTarget`; an
 * agent becomes one through the agent run loop, and anything else (a team) can
 * provide its own `chat`.
 */
import { run } from '../agents/index.js';
import type { Agent } from '../agents/index.js';
import type { Message, Model, Usage } from '../models/index.js';

export type ChatChunk =
  { type: 'text'; text: string } | { type: 'done'; text: string; usage?: Usage | undefined };

export interface ChatTarget {
  /** The model id clients use (`model` in the request, listed by GET /v1/models). */
  id: string;
  kind: 'agent' | 'team';
  description: string;
  /** One turn: the conversation in; text as it comes, then `done` with the whole answer. */
  chat(messages: readonly Message[], signal: AbortSignal): AsyncIterable<ChatChunk>;
}

/** Serves an agent: each request runs it (tools, handoffs and all) on the conversation. */
export function agentTarget(
  agent: Agent<unknown>,
  options: { model?: Model; id?: string; description?: string } = {},
): ChatTarget {
  return {
    id: options.id ?? agent.name,
    kind: 'agent',
    description: options.description ?? (agent.handoffDescription || `Atelier agent ${agent.name}`),
    async *chat(messages, signal) {
      const streamed = run(agent, messages, {
        stream: true,
        signal,
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
            throw event.error;
          default:
            break;
        }
      }
      const result = await streamed.result;
      yield { type: 'done', text: result.text, usage: result.usage };
    },
  };
}
