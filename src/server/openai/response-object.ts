/** The Responses API's `response` object for a turn, in progress, final, or failed. */
import type { ChatTarget } from '../chat-targets.js';
import type { Turn } from './turns.js';

/** The request fields echoed in the response object. */
export interface ResponseRequest {
  instructions?: string | null | undefined;
  previous_response_id?: string | null | undefined;
  text?: { format?: unknown } | null | undefined;
  metadata?: Record<string, string> | null | undefined;
}

type Status = 'in_progress' | 'completed' | 'incomplete' | 'failed';

/**
 * `stage` 'final' reads the turn's answer: `completed`, or `incomplete` when the model
 * stopped at its token limit or a content filter (as `incomplete_details.reason` says).
 */
export function responseObject(
  turn: Turn,
  target: ChatTarget,
  request: ResponseRequest,
  stage: 'in_progress' | 'final' | 'failed',
  error?: { code: string; message: string },
): Record<string, unknown> & { status: Status; output: unknown[] } {
  const done = stage === 'final' ? turn.done : undefined;
  const finish = done?.finishReason ?? 'stop';
  const status: Status =
    stage === 'in_progress'
      ? 'in_progress'
      : stage === 'failed'
        ? 'failed'
        : finish === 'stop'
          ? 'completed'
          : 'incomplete';
  const itemId = `msg_${turn.id.slice('resp_'.length)}`;
  const output = done
    ? [
        {
          id: itemId,
          type: 'message',
          status: status === 'completed' ? 'completed' : 'incomplete',
          role: 'assistant',
          content: [{ type: 'output_text', text: done.text, annotations: [], logprobs: [] }],
        },
      ]
    : [];
  const u = done?.usage;
  return {
    id: turn.id,
    object: 'response',
    created_at: turn.created,
    status,
    background: false,
    error: error ?? null,
    incomplete_details:
      status === 'incomplete'
        ? { reason: finish === 'length' ? 'max_output_tokens' : 'content_filter' }
        : null,
    instructions: request.instructions ?? null,
    max_output_tokens: null,
    model: target.id,
    output,
    parallel_tool_calls: true,
    previous_response_id: request.previous_response_id ?? null,
    reasoning: { effort: null, summary: null },
    store: true,
    temperature: null,
    text: { format: request.text?.format ?? { type: 'text' } },
    tool_choice: 'auto',
    tools: [],
    top_p: null,
    truncation: 'disabled',
    usage: done
      ? {
          input_tokens: u?.inputTokens ?? 0,
          input_tokens_details: { cached_tokens: 0 },
          output_tokens: u?.outputTokens ?? 0,
          output_tokens_details: { reasoning_tokens: 0 },
          total_tokens: u?.totalTokens ?? 0,
        }
      : null,
    user: null,
    metadata: request.metadata ?? {},
  };
}
