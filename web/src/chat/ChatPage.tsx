/**
 * The Chat page: conversations on the side, the messages as a log, a composer (Enter
 * sends, Shift+Enter is a new line, Esc stops the answer). A message goes to the target
 * of its conversation, an agent or a team; the answer is written on the server, so a
 * reload, a lost connection or a restart loses nothing already said. State and actions
 * live in use-chat.ts.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { RefObject } from 'react';
import { navigate } from '../router.ts';
import type { ChatMessage, TargetInfo } from './api.ts';
import { Composer } from './Composer.tsx';
import { ConversationList } from './ConversationList.tsx';
import { MessageView } from './MessageView.tsx';
import { useChatActions, useChatData } from './use-chat.ts';
import type { Failure } from './use-chat.ts';
import './chat.css';

export function ChatPage({ id }: { id?: string | undefined }) {
  const data = useChatData(id);
  const { targets, list, current, targetId, failure, load } = data;
  const [text, setText] = useState('');
  const [announce, setAnnounce] = useState('');
  const [showList, setShowList] = useState(false);
  const logRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const actions = useChatActions(id, data, setText, setAnnounce);
  const { streaming, sending } = actions;

  useEffect(() => {
    setShowList(false);
    if (id) load(id);
    else data.setConversation(null);
    inputRef.current?.focus();
    // data.setConversation is a state setter: stable.
  }, [id, load]);

  useFollow(logRef);

  const targetGone = targets !== null && targetId !== '' && !targets.some((t) => t.id === targetId);
  return (
    <div className={showList ? 'chat show-list' : 'chat'}>
      <ConversationList
        conversations={list}
        current={id}
        onNew={() => {
          navigate('/');
          inputRef.current?.focus();
        }}
        onRename={actions.rename}
        onDelete={actions.remove}
      />
      <section className="chat-main" aria-label="Conversation">
        <ChatHeader
          title={current?.title || 'New conversation'}
          targets={targets}
          targetId={targetId}
          targetGone={targetGone}
          streaming={!!streaming}
          showList={showList}
          setShowList={setShowList}
          changeTarget={actions.changeTarget}
        />
        <ChatLog
          logRef={logRef}
          conversationId={current?.id ?? ''}
          messages={current?.messages ?? []}
          targets={targets}
          targetId={targetId}
          failure={failure}
          onEnd={actions.replace}
          onRegenerate={(m) => void actions.regenerate(m)}
        />
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
          onSend={() => void actions.send(text)}
          onStop={actions.stop}
        />
        <div className="sr-only" role="status" aria-live="polite">
          {announce}
        </div>
      </section>
    </div>
  );
}

/** Keeps the log scrolled to the newest message unless the reader scrolled up. */
function useFollow(logRef: RefObject<HTMLDivElement | null>): void {
  const log = logRef.current;
  const follow = !log || log.scrollHeight - log.scrollTop - log.clientHeight < 80;
  useLayoutEffect(() => {
    if (follow && logRef.current) logRef.current.scrollTop = logRef.current.scrollHeight;
  });
}

function ChatHeader(props: {
  title: string;
  targets: TargetInfo[] | null;
  targetId: string;
  targetGone: boolean;
  streaming: boolean;
  showList: boolean;
  setShowList: (show: boolean) => void;
  changeTarget: (target: string) => void;
}) {
  const { targets, targetId, targetGone, streaming, showList, setShowList, changeTarget } = props;
  return (
    <header className="chat-head">
      <button
        className="btn btn-small chat-list-toggle"
        aria-expanded={showList}
        onClick={() => setShowList(!showList)}
      >
        Conversations
      </button>
      <h1 className="chat-title">{props.title}</h1>
      <label className="chat-target">
        <span>Target</span>
        <select
          value={targetId}
          onChange={(e) => changeTarget(e.target.value)}
          disabled={streaming}
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
  );
}

function ChatLog(props: {
  logRef: RefObject<HTMLDivElement | null>;
  conversationId: string;
  messages: ChatMessage[];
  targets: TargetInfo[] | null;
  targetId: string;
  failure: Failure | null;
  onEnd: (m: ChatMessage) => void;
  onRegenerate: (m: ChatMessage) => void;
}) {
  const { logRef, messages, targets, targetId, failure } = props;
  const kind = targets?.find((t) => t.id === targetId)?.kind;
  return (
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
          conversationId={props.conversationId}
          message={m}
          last={i === messages.length - 1}
          onEnd={props.onEnd}
          onRegenerate={() => props.onRegenerate(m)}
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
  );
}
