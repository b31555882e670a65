/**
 * The shapes of the Chat page's conversations, as the store keeps them and the API sends
 * them. No imports: the web UI type-checks against this file too (web/src/chat/api.ts).
 */

/**
 * `streaming`: being written; `done`: complete; `stopped`: the user pressed Stop;
 * `error`: the target failed (see `error`); `interrupted`: the server stopped meanwhile.
 */
export type MessageStatus = 'streaming' | 'done' | 'stopped' | 'error' | 'interrupted';

export interface ConversationMessage {
  id: string;
  role: 'user' | 'assistant';
  content: string;
  status: MessageStatus;
  /** The target that answered (assistant messages). */
  target: string | null;
  /** The run a team answer started. */
  runId: string | null;
  /** Why the model stopped: `stop`, `length`, `content_filter` (assistant messages). */
  finish: string | null;
  /** What went wrong, for a person and for programs. */
  error: { code: string; message: string } | null;
  createdAt: string;
  updatedAt: string;
}

export interface ConversationInfo {
  id: string;
  title: string;
  target: string;
  createdAt: string;
  updatedAt: string;
}

export interface Conversation extends ConversationInfo {
  messages: ConversationMessage[];
}
