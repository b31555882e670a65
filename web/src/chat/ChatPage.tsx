/**
 * The Chat page: conversations on the side, the messages as a log, a composer (Enter
 * sends, Shift+Enter is a new line, Esc stops the answer). A message goes to the target
 * of its conversation, an agent or a team; the answer is written on the server, so a
 * reload, a lost connection or a restart loses nothing already said.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { ApiError } from '../api.ts';
import { navigate } from '../router.ts';
import { MAX_MESSAGE_CHARS, chatApi } from './api.ts';
import type { ChatMessage, Conversation, ConversationInfo, TargetInfo } from './api.ts';
import { Composer } from './Composer.tsx';
import { ConversationList } from './ConversationList.tsx';
import { MessageView } from './MessageView.tsx';
import './chat.css';

const TARGET_KEY = 'atelier.chat.target';

/** What went wrong with the last thing the user asked for, and how to try again. */
interface Failure {
  message: string;
  retry?: () => void;
}

function describe(err: unknown): string {
  if (err instanceof ApiError)
    return err.message + (err.details.hint ? ` (${String(err.details.hint)})` : '');
  if (err instanceof TypeError) return 'Could not reach the server: the connection is lost.';
  return err instanceof Error ? err.message : String(err);
}

export function ChatPage({ id }: { id?: string | undefined }) {
  const [targets, setTargets] = useState<TargetInfo[] | null>(null);
  const [list, setList] = useState<ConversationInfo[]>([]);
  const [conversation, setConversation] = useState<Conversation | null>(null);
  const [draftTarget, setDraftTarget] = useState(localStorage.getItem(TARGET_KEY) ?? '');
  const [text, setText] = useState('');
  const [failure, setFailure] = useState<Failure | null>(null);
  const [announce, setAnnounce] = useState('');
  const [sending, setSending] = useState(false);
  const [showList, setShowList] = useState(false);
  const logRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);

  const refreshList = useCallback(() => {
    chatApi.list().then(setList, (err: unknown) => setFailure({ message: describe(err) }));
  }, []);
  useEffect(() => {
    refreshList();
    chatApi.targets().then(setTargets, (err: unknown) => setFailure({ message: describe(err) }));
  }, [refreshList]);

  const load = useCallback((which: string) => {
    chatApi.get(which).then(
      (c) => {
        setConversation(c);
        setFailure(null);
      },
      (err: unknown) => setFailure({ message: describe(err), retry: () => load(which) }),
    );
  }, []);
  useEffect(() => {
    setShowList(false);
    if (id) load(id);
    else setConversation(null);
    inputRef.current?.focus();
  }, [id, load]);

  // Keep following the newest message unless the reader scrolled up.
  const log = logRef.current;
  const follow = !log || log.scrollHeight - log.scrollTop - log.clientHeight < 80;
  useLayoutEffect(() => {
    if (follow && logRef.current) logRef.current.scrollTop = logRef.current.scrollHeight;
  });

  const current = conversation && conversation.id === id ? conversation : null;
  const messages = current?.messages ?? [];
  const streaming = messages.find((m) => m.status === 'streaming');
  const targetId = current?.target ?? (draftTarget || targets?.[0]?.id || '');
  const targetGone = targets !== null && targetId !== '' && !targets.some((t) => t.id === targetId);

  const replace = useCallback(
    (m: ChatMessage) => {
      setConversation((c) =>
        c ? { ...c, messages: c.messages.map((x) => (x.id === m.id ? m : x)) } : c,
      );
      setAnnounce(
        m.status === 'error' ? `The answer failed: ${m.error?.message ?? ''}` : 'Answer complete.',
      );
      refreshList();
    },
    [refreshList],
  );

  const send = async (content: string): Promise<void> => {
    if (sending || content.trim() === '') return;
    if (content.length > MAX_MESSAGE_CHARS) {
      setFailure({
        message: `Your message is ${content.length.toLocaleString('en')} characters; the limit is ${MAX_MESSAGE_CHARS.toLocaleString('en')}. Shorten it or send it in parts — it stays in the box below.`,
      });
      return;
    }
    setSending(true);
    setFailure(null);
    setText('');
    try {
      let convId = current?.id;
      if (!convId) convId = (await chatApi.create(targetId)).id;
      const sent = await chatApi.send(convId, content);
      setConversation((c) =>
        c && c.id === convId
          ? { ...c, messages: [...c.messages, sent.user, sent.assistant] }
          : {
              id: convId,
              title: '',
              target: targetId,
              createdAt: '',
              updatedAt: '',
              messages: [sent.user, sent.assistant],
            },
      );
      setAnnounce('Sent. The answer is being written.');
      if (convId !== id) navigate(`/chat/${encodeURIComponent(convId)}`);
      // The list changes order and title now only for a new conversation; else at the end.
      if (!current || current.messages.length === 0) refreshList();
    } catch (err) {
      // Nothing is lost: the text goes back into the composer.
      setText((t) => (t === '' ? content : t));
      setFailure({ message: describe(err), retry: () => void send(content) });
    } finally {
      setSending(false);
    }
  };

  const regenerate = async (message: ChatMessage): Promise<void> => {
    if (!current) return;
    setFailure(null);
    try {
      const { assistant } = await chatApi.regenerate(current.id, message.id);
      setConversation((c) =>
        c ? { ...c, messages: [...c.messages.filter((m) => m.id !== message.id), assistant] } : c,
      );
    } catch (err) {
      setFailure({ message: describe(err), retry: () => void regenerate(message) });
    }
  };

  const stop = (): void => {
    if (!current || !streaming) return;
    chatApi
      .stop(current.id, streaming.id)
      .catch((err: unknown) => setFailure({ message: describe(err), retry: stop }));
  };

  const changeTarget = (value: string): void => {
    localStorage.setItem(TARGET_KEY, value);
    setDraftTarget(value);
    if (current)
      chatApi.update(current.id, { target: value }).then(
        (info) => {
          setConversation((c) => (c ? { ...c, target: info.target } : c));
          refreshList();
        },
        (err: unknown) => setFailure({ message: describe(err) }),
      );
  };

  const kind = targets?.find((t) => t.id === targetId)?.kind;
  return (
    <div className={showList ? 'chat show-list' : 'chat'}>
      <ConversationList
        conversations={list}
        current={id}
        onNew={() => {
          navigate('/');
          inputRef.current?.focus();
        }}
        onRename={(cid, title) =>
          chatApi.update(cid, { title }).then(
            () => {
              refreshList();
              if (cid === id) load(cid);
            },
            (err: unknown) => setFailure({ message: describe(err) }),
          )
        }
        onDelete={(cid) =>
          chatApi.remove(cid).then(
            () => {
              refreshList();
              if (cid === id) navigate('/');
            },
            (err: unknown) => setFailure({ message: describe(err) }),
          )
        }
      />
      <section className="chat-main" aria-label="Conversation">
        <header className="chat-head">
          <button
            className="btn btn-small chat-list-toggle"
            aria-expanded={showList}
            onClick={() => setShowList(!showList)}
          >
            Conversations
          </button>
          <h1 className="chat-title">{current?.title || 'New conversation'}</h1>
          <label className="chat-target">
            <span>Target</span>
            <select
              value={targetId}
              onChange={(e) => changeTarget(e.target.value)}
              disabled={!!streaming}
            >
              {targetGone && <option value={targetId}>{targetId} (gone)</option>}
              {(targets ?? []).map((t) => (
                <option key={t.id} value={t.id}>
                  {t.id}
                </option>
              ))}
            </select>
          </label>
        </header>
        <div
          className="chat-log"
          ref={logRef}
          role="log"
          aria-label="Messages"
          aria-live="polite"
          aria-relevant="additions"
          tabIndex={0}
        >
          {messages.length === 0 && (
            <div className="chat-empty">
              <h2>Talk to {targetId || 'an assistant'}</h2>
              <p>
                {kind === 'team'
                  ? 'A team plans and works on its mission; its plan shows here as it runs, with the steps that wait for your approval. Without a model it understands PDDL goals such as (and (hired alice)), not plain words.'
                  : targets?.length === 0
                    ? 'This server serves no agents or teams.'
                    : 'Ask anything. Enter sends, Shift+Enter starts a new line, Esc stops an answer.'}
              </p>
            </div>
          )}
          {messages.map((m, i) => (
            <MessageView
              key={m.id}
              conversationId={current!.id}
              message={m}
              last={i === messages.length - 1}
              onEnd={replace}
              onRegenerate={() => void regenerate(m)}
            />
          ))}
          {failure && (
            <div className="chat-failure" role="alert">
              <span>{failure.message}</span>
              {failure.retry && (
                <button className="btn btn-small" onClick={failure.retry}>
                  Retry
                </button>
              )}
            </div>
          )}
        </div>
        {targetGone && (
          <p className="chat-note chat-note-error" role="alert">
            {targetId}, the target of this conversation, is no longer served here. Choose another
            target above to go on.
          </p>
        )}
        <Composer
          text={text}
          setText={setText}
          inputRef={inputRef}
          target={targetId}
          streaming={!!streaming}
          sending={sending}
          onSend={() => void send(text)}
          onStop={stop}
        />
        <div className="sr-only" role="status" aria-live="polite">
          {announce}
        </div>
      </section>
    </div>
  );
}
