/**
 * Conversations of the web UI's Chat page: a titled list of messages with one chat target
 * (an agent or `team:NAME`). An answer is written while it streams (its status says how it
 * ended), so a reload or a restart finds everything that was already said.
 */
import { randomUUID } from 'node:crypto';
import { retryBusy, storeError } from './errors.js';
import { migrate } from './sqlite.js';
import type { SqliteDatabase } from './sqlite.js';
export type {
  Conversation,
  ConversationInfo,
  ConversationMessage,
  MessageStatus,
} from './conversation-types.js';
import type {
  Conversation,
  ConversationInfo,
  ConversationMessage,
  MessageStatus,
} from './conversation-types.js';

const MIGRATIONS = [
  `CREATE TABLE conversations (
     id TEXT PRIMARY KEY, title TEXT NOT NULL, target TEXT NOT NULL,
     created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
   CREATE INDEX conversations_by_update ON conversations (updated_at, id);
   CREATE TABLE conversation_messages (
     id TEXT PRIMARY KEY,
     conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
     seq INTEGER NOT NULL, role TEXT NOT NULL, content TEXT NOT NULL, status TEXT NOT NULL,
     target TEXT, run_id TEXT, finish TEXT, error TEXT,
     created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
     UNIQUE (conversation_id, seq));`,
];

export type MessagePatch = Partial<
  Pick<ConversationMessage, 'content' | 'status' | 'runId' | 'finish' | 'error'>
>;

export interface ConversationStore {
  /** Every conversation, most recently updated first (at most `limit`, default 500). */
  list(limit?: number): ConversationInfo[];
  create(input: { title: string; target: string }): ConversationInfo;
  get(id: string): Conversation | undefined;
  /** Renames or retargets; undefined when there is no such conversation. */
  update(id: string, patch: { title?: string; target?: string }): ConversationInfo | undefined;
  /** Deletes the conversation and its messages; false when there was none. */
  delete(id: string): boolean;
  append(
    conversationId: string,
    message: Pick<ConversationMessage, 'role' | 'content' | 'status'> &
      Partial<Pick<ConversationMessage, 'target'>>,
  ): ConversationMessage;
  updateMessage(id: string, patch: MessagePatch): void;
  deleteMessage(id: string): void;
  /** Marks answers left `streaming` by a process that stopped as `interrupted`; returns how many. */
  interruptStreaming(): number;
}

interface MessageRow {
  id: string;
  conversation_id: string;
  seq: number;
  role: string;
  content: string;
  status: string;
  target: string | null;
  run_id: string | null;
  finish: string | null;
  error: string | null;
  created_at: string;
  updated_at: string;
}

interface ConversationRow {
  id: string;
  title: string;
  target: string;
  created_at: string;
  updated_at: string;
}

const info = (r: ConversationRow): ConversationInfo => ({
  id: r.id,
  title: r.title,
  target: r.target,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const message = (r: MessageRow): ConversationMessage => ({
  id: r.id,
  role: r.role === 'user' ? 'user' : 'assistant',
  content: r.content,
  status: r.status as MessageStatus,
  target: r.target,
  runId: r.run_id,
  finish: r.finish,
  error: r.error ? (JSON.parse(r.error) as { code: string; message: string }) : null,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Conversations in an open SQLite database (see `openSqlite`); ':memory:' works too. */
export function sqliteConversations(db: SqliteDatabase): ConversationStore {
  migrate(db, 'conversations', MIGRATIONS);
  const q = {
    list: db.prepare<[number], ConversationRow>(
      'SELECT * FROM conversations ORDER BY updated_at DESC, id DESC LIMIT ?',
    ),
    get: db.prepare<[string], ConversationRow>('SELECT * FROM conversations WHERE id = ?'),
    insert: db.prepare(
      'INSERT INTO conversations (id, title, target, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
    ),
    touch: db.prepare('UPDATE conversations SET updated_at = ? WHERE id = ?'),
    messages: db.prepare<[string], MessageRow>(
      'SELECT * FROM conversation_messages WHERE conversation_id = ? ORDER BY seq',
    ),
    message: db.prepare<[string], MessageRow>('SELECT * FROM conversation_messages WHERE id = ?'),
    nextSeq: db.prepare<[string], { n: number }>(
      'SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM conversation_messages WHERE conversation_id = ?',
    ),
    append: db.prepare(
      `INSERT INTO conversation_messages (id, conversation_id, seq, role, content, status, target,
       created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    deleteConversation: db.prepare('DELETE FROM conversations WHERE id = ?'),
    deleteMessage: db.prepare('DELETE FROM conversation_messages WHERE id = ?'),
    interrupt: db.prepare(
      "UPDATE conversation_messages SET status = 'interrupted', updated_at = ? WHERE status = 'streaming'",
    ),
  };
  const now = (): string => new Date().toISOString();
  // Every write is one statement or one transaction, retried while another process holds the lock.
  const write = <T>(what: () => T): T => {
    try {
      return retryBusy(what);
    } catch (err) {
      throw storeError(err, db.name);
    }
  };
  const appendTx = db.transaction(
    (conversationId: string, m: Parameters<ConversationStore['append']>[1]) => {
      const at = now();
      const id = `msg_${randomUUID()}`;
      const seq = q.nextSeq.get(conversationId)!.n;
      q.append.run(id, conversationId, seq, m.role, m.content, m.status, m.target ?? null, at, at);
      q.touch.run(at, conversationId);
      return message(q.message.get(id)!);
    },
  );
  return {
    list: (limit = 500) => q.list.all(limit).map(info),
    create({ title, target }) {
      const at = now();
      const id = `conv_${randomUUID()}`;
      write(() => q.insert.run(id, title, target, at, at));
      return { id, title, target, createdAt: at, updatedAt: at };
    },
    get(id) {
      const row = q.get.get(id);
      return row ? { ...info(row), messages: q.messages.all(id).map(message) } : undefined;
    },
    update(id, patch) {
      const sets: string[] = [];
      const values: string[] = [];
      for (const key of ['title', 'target'] as const) {
        const value = patch[key];
        if (value === undefined) continue;
        sets.push(`${key} = ?`);
        values.push(value);
      }
      const at = now();
      const sql = `UPDATE conversations SET ${[...sets, 'updated_at = ?'].join(', ')} WHERE id = ?`;
      const changed = write(() => db.prepare(sql).run(...values, at, id)).changes;
      return changed ? info(q.get.get(id)!) : undefined;
    },
    delete: (id) => write(() => q.deleteConversation.run(id)).changes > 0,
    append: (conversationId, m) => write(() => appendTx.immediate(conversationId, m)),
    updateMessage(id, patch) {
      const columns: Record<keyof MessagePatch, string> = {
        content: 'content',
        status: 'status',
        runId: 'run_id',
        finish: 'finish',
        error: 'error',
      };
      const keys = (Object.keys(patch) as Array<keyof MessagePatch>).filter(
        (k) => patch[k] !== undefined,
      );
      if (keys.length === 0) return;
      const values = keys.map((k) => (k === 'error' ? JSON.stringify(patch.error) : patch[k]));
      const sql = `UPDATE conversation_messages SET ${keys.map((k) => `${columns[k]} = ?`).join(', ')}, updated_at = ? WHERE id = ?`;
      write(() => db.prepare(sql).run(...(values as Array<string | null>), now(), id));
    },
    deleteMessage: (id) => void write(() => q.deleteMessage.run(id)),
    interruptStreaming: () => write(() => q.interrupt.run(now())).changes,
  };
}
