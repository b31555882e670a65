/**
 * One message of the conversation. An answer still being written follows its event
 * stream (after a reload too: the server goes on writing it) and shows its text as it
 * comes; a lost connection is said and retried; an answer that ended badly says why and
 * offers to answer again. Nothing already written is hidden.
 */
import { useLayoutEffect, useState } from 'react';
import { followEvents } from '../api.ts';
import { chatApi, copyText } from './api.ts';
import type { ChatMessage } from './api.ts';
import { Markdown } from './Markdown.tsx';
import { TeamRun } from './TeamRun.tsx';

type Connection = 'connecting' | 'live' | 'reconnecting' | 'closed';

/** Follows a streaming answer; returns its text, run and connection so far. */
function useLiveAnswer(
  conversationId: string,
  message: ChatMessage,
  onEnd: (m: ChatMessage) => void,
  attempt: number,
) {
  const [text, setText] = useState(message.content);
  const [runId, setRunId] = useState(message.runId);
  const [connection, setConnection] = useState<Connection>('closed');
  const streaming = message.status === 'streaming';
  // A layout effect: the stream opens before the browser paints, a frame sooner.
  useLayoutEffect(() => {
    if (!streaming) return;
    const abort = new AbortController();
    let first = true;
    void followEvents(
      chatApi.eventsPath(conversationId, message.id),
      {
        onMessage(m) {
          const data = JSON.parse(m.data) as Record<string, unknown>;
          if (m.event === 'delta') {
            const piece = String(data.text ?? '');
            // The first piece of a new attachment holds everything written so far.
            setText((t) => (first ? piece : t + piece));
            first = false;
          } else if (m.event === 'run') setRunId(String(data.runId));
          else if (m.event === 'end' && data.id) onEnd(data as unknown as ChatMessage);
        },
        onStatus: setConnection,
      },
      abort.signal,
    ).catch(() => setConnection('closed'));
    return () => abort.abort();
    // onEnd changes with every render of the page; the stream must not restart for it.
  }, [conversationId, message.id, streaming, attempt]);
  return streaming
    ? { text, runId, connection }
    : { text: message.content, runId: message.runId, connection };
}

const ENDINGS: Partial<Record<ChatMessage['status'], string>> = {
  stopped: 'Stopped. What was written is kept.',
  interrupted: 'The server stopped while this answer was being written.',
};

export function MessageView(props: {
  conversationId: string;
  message: ChatMessage;
  last: boolean;
  onEnd(m: ChatMessage): void;
  onRegenerate(): void;
}) {
  const { message, last } = props;
  const [attempt, setAttempt] = useState(0);
  const [copied, setCopied] = useState(false);
  const live = useLiveAnswer(props.conversationId, message, props.onEnd, attempt);
  const streaming = message.status === 'streaming';
  if (message.role === 'user')
    return (
      <article className="msg msg-user" aria-label="You said">
        <div className="msg-body msg-plain">{message.content}</div>
      </article>
    );
  const ending =
    message.status === 'error'
      ? `${message.error?.message ?? 'The answer failed.'} What was written is kept.`
      : message.finish === 'content_filter'
        ? 'The model declined to go on.'
        : message.finish === 'length'
          ? 'The answer was cut at the length limit.'
          : ENDINGS[message.status];
  const retryLabel =
    message.status === 'error' || message.status === 'interrupted' ? 'Retry' : 'Regenerate';
  return (
    <article
      className="msg msg-assistant"
      aria-label={`${message.target ?? 'Assistant'} answered`}
      aria-busy={streaming}
      data-status={message.status}
    >
      <div className="msg-who">{message.target ?? 'assistant'}</div>
      <div className="msg-body" data-testid="answer">
        {live.text ? (
          <Markdown text={live.text} />
        ) : streaming ? (
          <span className="typing">Thinking…</span>
        ) : null}
      </div>
      {live.runId && <TeamRun runId={live.runId} />}
      {streaming && live.connection === 'reconnecting' && (
        <p className="chat-note chat-note-error" role="alert">
          Connection lost — reconnecting…{' '}
          <button className="btn btn-small" onClick={() => setAttempt((a) => a + 1)}>
            Retry now
          </button>
        </p>
      )}
      {ending && (
        <p className={`chat-note${message.status === 'error' ? ' chat-note-error' : ''}`}>
          {ending}
        </p>
      )}
      {!streaming && (
        <div className="msg-actions">
          <button
            className="btn btn-ghost btn-small"
            onClick={() => void copyText(live.text).then((ok) => ok && setCopied(true))}
            onBlur={() => setCopied(false)}
          >
            {copied ? 'Copied' : 'Copy'}
          </button>
          {last && (
            <button className="btn btn-ghost btn-small" onClick={props.onRegenerate}>
              {retryLabel}
            </button>
          )}
        </div>
      )}
    </article>
  );
}
