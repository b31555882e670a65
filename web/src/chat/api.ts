/** Shapes and calls of the conversations API (GET /api/openapi.json, tag `chat`). */
import { api } from '../api.ts';

export type {
  Conversation,
  ConversationInfo,
  ConversationMessage as ChatMessage,
  MessageStatus,
} from '../../../src/store/conversation-types.ts';
import type {
  Conversation,
  ConversationInfo,
  ConversationMessage as ChatMessage,
} from '../../../src/store/conversation-types.ts';

export interface TargetInfo {
  id: string;
  kind: 'agent' | 'team';
  description: string;
}

/** The server's limit (MAX_MESSAGE_CHARS); checked here too, so nothing is sent in vain. */
export const MAX_MESSAGE_CHARS = 100_000;

const base = (id: string): string => `/api/conversations/${encodeURIComponent(id)}`;

export const chatApi = {
  targets: () => api<TargetInfo[]>('/api/chat-targets'),
  list: () => api<ConversationInfo[]>('/api/conversations'),
  get: (id: string) => api<Conversation>(base(id)),
  create: (target: string) => api<ConversationInfo>('/api/conversations', { body: { target } }),
  update: (id: string, patch: { title?: string; target?: string }) =>
    api<ConversationInfo>(base(id), { method: 'PATCH', body: patch }),
  remove: (id: string) => api<unknown>(base(id), { method: 'DELETE' }),
  send: (id: string, content: string) =>
    api<{ user: ChatMessage; assistant: ChatMessage }>(`${base(id)}/messages`, {
      body: { content },
    }),
  regenerate: (id: string, message: string) =>
    api<{ user: null; assistant: ChatMessage }>(
      `${base(id)}/messages/${encodeURIComponent(message)}/regenerate`,
      { method: 'POST' },
    ),
  stop: (id: string, message: string) =>
    api<unknown>(`${base(id)}/messages/${encodeURIComponent(message)}/stop`, { method: 'POST' }),
  eventsPath: (id: string, message: string) =>
    `${base(id)}/messages/${encodeURIComponent(message)}/events`,
};

/** Copies text to the clipboard; false when the browser refused. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard permission (an insecure origin): the old way, through a selection.
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}
