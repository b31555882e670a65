/**
 * The Chat page's state and what the user can do with it: the targets and the list of
 * conversations, the open conversation, and sending, regenerating, stopping and changing
 * the target. The page (ChatPage.tsx) only lays them out.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Dispatch, SetStateAction } from 'react';
import { ApiError } from '../api.ts';
import { navigate } from '../router.ts';
import { MAX_MESSAGE_CHARS, chatApi } from './api.ts';
import type { ChatMessage, Conversation, ConversationInfo, TargetInfo } from './api.ts';

const TARGET_KEY = 'atelier.chat.target';

/** What went wrong with the last thing the user asked for, and how to try again. */
export interface Failure {
  message: string;
  retry?: () => void;
}

export function describe(err: unknown): string {
  if (err instanceof ApiError)
    return err.message + (err.details.hint ? ` (${String(err.details.hint)})` : '');
  if (err instanceof TypeError) return 'Could not reach the server: the connection is lost.';
  return err instanceof Error ? err.message : String(err);
}

/** The page's data: targets, conversations, the open one, the last failure. */
export function useChatData(id: string | undefined) {
  const [targets, setTargets] = useState<TargetInfo[] | null>(null);
  const [list, setList] = useState<ConversationInfo[]>([]);
  const [conversation, setConversation] = useState<Conversation | null>(null);
  const [draftTarget, setDraftTarget] = useState(localStorage.getItem(TARGET_KEY) ?? '');
  const [failure, setFailure] = useState<Failure | null>(null);

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

  const current = conversation && conversation.id === id ? conversation : null;
  const targetId = current?.target ?? (draftTarget || targets?.[0]?.id || '');
  return {
    targets,
    list,
    current,
    targetId,
    failure,
    setFailure,
    setConversation,
    setDraftTarget,
    refreshList,
    load,
  };
}

type ChatData = ReturnType<typeof useChatData>;

/** What the user does on the page; `id` is the conversation in the address. */
export function useChatActions(
  id: string | undefined,
  data: ChatData,
  setText: Dispatch<SetStateAction<string>>,
  setAnnounce: (text: string) => void,
) {
  const [sending, setSending] = useState(false);
  const { current, setConversation, setFailure } = data;
  const streaming = current?.messages.find((m) => m.status === 'streaming');

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
      await deliver(id, data, content);
      setAnnounce('Sent. The answer is being written.');
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

  return {
    sending,
    streaming,
    send,
    regenerate,
    stop,
    changeTarget: changeTarget(data),
    replace: replaceMessage(data, setAnnounce),
    ...listActions(id, data),
  };
}

/** An answer that ended: put in place, said to screen readers, the list refreshed. */
const replaceMessage =
  ({ setConversation, refreshList }: ChatData, setAnnounce: (text: string) => void) =>
  (m: ChatMessage): void => {
    setConversation((c) =>
      c ? { ...c, messages: c.messages.map((x) => (x.id === m.id ? m : x)) } : c,
    );
    setAnnounce(
      m.status === 'error' ? `The answer failed: ${m.error?.message ?? ''}` : 'Answer complete.',
    );
    refreshList();
  };

/** Renaming and deleting conversations of the side list. */
function listActions(id: string | undefined, { refreshList, load, setFailure }: ChatData) {
  const report = (err: unknown) => setFailure({ message: describe(err) });
  return {
    rename: (cid: string, title: string) =>
      chatApi.update(cid, { title }).then(() => {
        refreshList();
        if (cid === id) load(cid);
      }, report),
    remove: (cid: string) =>
      chatApi.remove(cid).then(() => {
        refreshList();
        if (cid === id) navigate('/');
      }, report),
  };
}

/** Sends `content` in the open conversation, or in a new one with the chosen target. */
async function deliver(id: string | undefined, data: ChatData, content: string): Promise<void> {
  const { current, targetId, setConversation, refreshList } = data;
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
  if (convId !== id) navigate(`/chat/${encodeURIComponent(convId)}`);
  // The list changes order and title now only for a new conversation; else at the end.
  if (!current || current.messages.length === 0) refreshList();
}

/** Chooses the target: remembered for new conversations, and set on the open one. */
const changeTarget =
  ({ current, setDraftTarget, setConversation, setFailure, refreshList }: ChatData) =>
  (value: string): void => {
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
