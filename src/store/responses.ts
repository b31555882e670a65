/**
 * Responses of the server's `/v1/responses` endpoint, kept so that a later request can
 * continue the conversation with `previous_response_id`: each row holds the messages that
 * response added (its input and its answer) and points at the response it continued.
 */
import type { Message } from '../models/types.js';
import { UserError } from '../errors.js';
import { migrate } from './sqlite.js';
import type { SqliteDatabase } from './sqlite.js';

const MIGRATIONS = [
  `CREATE TABLE responses (
     id TEXT PRIMARY KEY,
     model TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     previous_id TEXT,
     messages TEXT NOT NULL,
     body TEXT NOT NULL,
     format INTEGER NOT NULL
   )`,
];

/** The version of the stored shapes; rows of a newer format are refused, not misread. */
export const RESPONSE_FORMAT = 1;

/** A conversation longer than this many responses is refused (and a cycle cannot hang). */
const MAX_CHAIN = 10_000;

export interface StoredResponse {
  id: string;
  /** The served model id (agent or team). */
  model: string;
  /** Unix seconds. */
  createdAt: number;
  previousId: string | null;
  /** What this response added to the conversation: its input messages, then its answer. */
  messages: Message[];
  /** The response object as the client received it. */
  body: Record<string, unknown>;
}

export interface ResponseStore {
  save(response: StoredResponse): void;
  get(id: string): StoredResponse | undefined;
  /**
   * The conversation that ends with this response: the messages of every response in its
   * `previous_id` chain, oldest first; undefined when the response is unknown.
   */
  conversation(id: string): Message[] | undefined;
}

interface Row {
  id: string;
  model: string;
  created_at: number;
  previous_id: string | null;
  messages: string;
  body: string;
  format: number;
}

/** Responses in an open SQLite database (see `openSqlite`); ':memory:' works too. */
export function sqliteResponses(db: SqliteDatabase): ResponseStore {
  migrate(db, 'responses', MIGRATIONS);
  const insert = db.prepare(
    'INSERT OR REPLACE INTO responses (id, model, created_at, previous_id, messages, body, format) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const select = db.prepare<[string], Row>('SELECT * FROM responses WHERE id = ?');
  const read = (row: Row): StoredResponse => {
    if (row.format > RESPONSE_FORMAT)
      throw new UserError(
        `response ${row.id} was stored in format ${row.format}, newer than this Atelier reads (${RESPONSE_FORMAT})`,
        { code: 'STORE_RESPONSE_FORMAT', hint: 'upgrade Atelier' },
      );
    return {
      id: row.id,
      model: row.model,
      createdAt: row.created_at,
      previousId: row.previous_id,
      messages: JSON.parse(row.messages) as Message[],
      body: JSON.parse(row.body) as Record<string, unknown>,
    };
  };
  const get = (id: string): StoredResponse | undefined => {
    const row = select.get(id);
    return row ? read(row) : undefined;
  };
  return {
    save(r) {
      insert.run(
        r.id,
        r.model,
        r.createdAt,
        r.previousId,
        JSON.stringify(r.messages),
        JSON.stringify(r.body),
        RESPONSE_FORMAT,
      );
    },
    get,
    conversation(id) {
      const chain: Message[][] = [];
      let next: string | null = id;
      while (next !== null) {
        const r = get(next);
        if (!r) return chain.length === 0 ? undefined : chain.reverse().flat();
        chain.push(r.messages);
        if (chain.length > MAX_CHAIN)
          throw new UserError(
            `conversation of response ${id} is longer than ${MAX_CHAIN} responses`,
            {
              code: 'STORE_RESPONSE_CHAIN',
            },
          );
        next = r.previousId;
      }
      return chain.reverse().flat();
    },
  };
}
