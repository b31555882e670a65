/**
 * Answers of the Chat page, produced on the server apart from any request: the browser
 * that asked may reload or lose its connection, the answer goes on and is written to the
 * store as it streams; a page reattaches to it by message id. Stop aborts the target's
 * work, which cancels the upstream model request.
 */
import type { Message } from '../models/index.js';
import type { ConversationStore, MessageStatus } from '../store/conversations.js';
import type { ChatTarget } from './chat-targets.js';
import { turnFailure } from './openai/upstream.js';

/** Streamed text is written to the store at most this often (and at the end). */
const SAVE_EVERY_MS = 200;

export interface LiveAnswer {
  readonly messageId: string;
  readonly conversationId: string;
  /** Text pieces so far. */
  readonly pieces: readonly string[];
  readonly runId: string | null;
  readonly finished: boolean;
  /** Resolves when there is news after `seen` pieces (more text, the run id, the end). */
  changed(seen: number, runKnown: boolean): Promise<void>;
  /** Stops the work; what was written stays, marked `stopped`. */
  stop(): void;
}

export interface ChatAnswers {
  start(input: {
    conversationId: string;
    messageId: string;
    target: ChatTarget;
    history: readonly Message[];
  }): LiveAnswer;
  get(messageId: string): LiveAnswer | undefined;
  /** The answer being written in this conversation, if any. */
  activeIn(conversationId: string): LiveAnswer | undefined;
}

export function chatAnswers(store: ConversationStore, serverSignal?: AbortSignal): ChatAnswers {
  const live = new Map<string, LiveAnswer>();
  return {
    start(input) {
      const answer = runAnswer(store, input, serverSignal, () => live.delete(input.messageId));
      live.set(input.messageId, answer);
      return answer;
    },
    get: (id) => live.get(id),
    activeIn: (conversationId) =>
      [...live.values()].find((a) => a.conversationId === conversationId && !a.finished),
  };
}

function runAnswer(
  store: ConversationStore,
  input: Parameters<ChatAnswers['start']>[0],
  serverSignal: AbortSignal | undefined,
  forget: () => void,
): LiveAnswer {
  const stopper = new AbortController();
  const signal = serverSignal ? AbortSignal.any([stopper.signal, serverSignal]) : stopper.signal;
  const pieces: string[] = [];
  let waiters: Array<() => void> = [];
  let saved = 0;
  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  const wake = (): void => {
    const w = waiters;
    waiters = [];
    w.forEach((f) => f());
  };
  const save = (): void => {
    saveTimer = undefined;
    if (saved === pieces.length) return;
    saved = pieces.length;
    store.updateMessage(input.messageId, { content: pieces.join('') });
  };
  const answer = {
    messageId: input.messageId,
    conversationId: input.conversationId,
    pieces,
    runId: null as string | null,
    finished: false,
    changed(seen: number, runKnown: boolean): Promise<void> {
      if (pieces.length > seen || answer.finished || (answer.runId !== null && !runKnown))
        return Promise.resolve();
      return new Promise<void>((resolve) => waiters.push(resolve));
    },
    stop: () => stopper.abort(new Error('stopped by the user')),
  };
  const onRun = (runId: string): void => {
    answer.runId = runId;
    store.updateMessage(input.messageId, { runId });
    wake();
  };
  void (async () => {
    let finish: string | null = null;
    let status: MessageStatus = 'done';
    let error: { code: string; message: string } | null = null;
    try {
      for await (const chunk of input.target.chat(input.history, signal, { onRun })) {
        if (chunk.type === 'text') {
          pieces.push(chunk.text);
          saveTimer ??= setTimeout(save, SAVE_EVERY_MS);
          wake();
        } else {
          finish = chunk.finishReason ?? 'stop';
          // A target that cannot stream sends its answer whole, at the end.
          if (pieces.length === 0 && chunk.text) pieces.push(chunk.text);
        }
      }
    } catch (err) {
      if (!signal.aborted) {
        status = 'error';
        const failure = turnFailure(err, {
          target: input.target.id,
          kind: input.target.kind,
          param: 'content',
        });
        error = { code: failure.code, message: failure.message };
      }
    }
    if (stopper.signal.aborted) status = 'stopped';
    else if (signal.aborted) status = 'interrupted';
    clearTimeout(saveTimer);
    try {
      store.updateMessage(input.messageId, {
        content: pieces.join(''),
        status,
        finish,
        error,
      });
    } catch (err) {
      console.error(`[atelier serve] answer ${input.messageId} not saved:`, err);
    }
    answer.finished = true;
    forget();
    wake();
  })();
  return answer;
}
