/**
 * The state of a paused agent run: plain JSON with a kind and a version, so it can be
 * stored (a file, the session store, a queue) and read back by a later process. It holds
 * the conversation, the turn that waits (the assistant message, the results of the calls
 * that ran, the calls that wait for a decision) and the counters.
 */
import { z } from 'zod';
import { UserError } from '../errors.js';
import type { AssistantMessage, Message, ToolMessage, Usage } from '../models/types.js';

/** The version of the state shape this code writes; older or newer ones are refused. */
/** A tool call waiting for a decision in an interrupted run. */
export interface PendingApproval {
  callId: string;
  agent: string;
  tool: string;
  /** The validated input, as the tool would receive it. */
  input: unknown;
  /** The raw JSON arguments the model wrote. */
  arguments: string;
}

export const AGENT_RUN_STATE_VERSION = 1;

export interface AgentRunState {
  kind: 'atelier.agent-run';
  version: typeof AGENT_RUN_STATE_VERSION;
  /** The agent whose turn waits. */
  agent: string;
  /** The conversation before the waiting turn (history and this run's messages, no system message). */
  messages: Message[];
  /** Index in `messages` where this run's own messages start. */
  newFrom: number;
  /** The waiting turn: the assistant message, the results so far, the calls that wait. */
  turn: { assistant: AssistantMessage; done: ToolMessage[]; pending: PendingApproval[] };
  turns: number;
  usage: Usage;
  /** Earlier parts of an answer cut at the token limit (`onLength: 'continue'`). */
  carry: string;
  /** The session the run used, if any: resume with the same one. */
  sessionId?: string;
  pausedAt: string;
}

const ToolCallShape = z.object({ id: z.string(), name: z.string(), arguments: z.string() });
const MessageShape = z.union([
  z.object({ role: z.enum(['system', 'user']), content: z.string() }).loose(),
  z
    .object({
      role: z.literal('assistant'),
      content: z.string().nullable(),
      toolCalls: z.array(ToolCallShape).optional(),
    })
    .loose(),
  z.object({ role: z.literal('tool'), toolCallId: z.string(), content: z.string() }).loose(),
]);
const StateShape = z.object({
  kind: z.literal('atelier.agent-run'),
  version: z.number().int(),
  agent: z.string(),
  messages: z.array(MessageShape),
  newFrom: z.number().int().min(0),
  turn: z.object({
    assistant: MessageShape,
    done: z.array(MessageShape),
    pending: z.array(
      z.object({
        callId: z.string(),
        agent: z.string(),
        tool: z.string(),
        input: z.unknown(),
        arguments: z.string(),
      }),
    ),
  }),
  turns: z.number().int().min(0),
  usage: z.object({ inputTokens: z.number(), outputTokens: z.number(), totalTokens: z.number() }),
  carry: z.string(),
  sessionId: z.string().optional(),
  pausedAt: z.string(),
});

/**
 * Checks a state read back from storage (or parses its JSON text): the kind, the version,
 * the shape. A mismatch is a `UserError` naming the field.
 */
export function readRunState(value: unknown): AgentRunState {
  let json = value;
  if (typeof value === 'string') {
    try {
      json = JSON.parse(value);
    } catch (err) {
      throw new UserError(`agent run state is not valid JSON: ${(err as Error).message}`, {
        code: 'AGENT_STATE_INVALID',
      });
    }
  }
  const version = (json as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version !== AGENT_RUN_STATE_VERSION) {
    throw new UserError(
      `agent run state has version ${version}; this Atelier reads version ${AGENT_RUN_STATE_VERSION}`,
      {
        code: 'AGENT_STATE_VERSION',
        hint: 'resume it with the Atelier version that paused it, or start the run again',
      },
    );
  }
  const parsed = StateShape.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UserError(
      `agent run state: field ${issue.path.join('.') || '(root)'}: ${issue.message}`,
      { code: 'AGENT_STATE_INVALID', hint: 'pass the `state` of an interrupted run unchanged' },
    );
  }
  const state = parsed.data as AgentRunState;
  const assistant = state.turn.assistant;
  if (assistant.role !== 'assistant' || !assistant.toolCalls?.length)
    throw new UserError(
      'agent run state: field turn.assistant: expected an assistant message with tool calls',
      {
        code: 'AGENT_STATE_INVALID',
      },
    );
  return state;
}
