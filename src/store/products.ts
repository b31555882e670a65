/**
 * Work products of runs: the `work.product` events of the run log, also kept in their own
 * table (by run, step and agent), inserted in the transaction that appends the event, so
 * a run's documents are read without reading its whole log.
 */
import type { LoggedEvent, NewEvent } from '../team/log/port.js';
import { migrate } from './sqlite.js';
import type { SqliteDatabase } from './sqlite.js';

/** The event kind whose rows this table keeps (src/team/log/events.ts). */
export const WORK_PRODUCT_EVENT = 'work.product';

const MIGRATIONS = [
  `CREATE TABLE run_products (
     run_id TEXT NOT NULL REFERENCES runs(id), seq INTEGER NOT NULL, at TEXT NOT NULL,
     v INTEGER NOT NULL, step_id TEXT NOT NULL, agent TEXT NOT NULL, title TEXT NOT NULL,
     data TEXT NOT NULL, PRIMARY KEY (run_id, seq))`,
];

interface ProductRow {
  run_id: string;
  seq: number;
  at: string;
  v: number;
  data: string;
}

export interface ProductTable {
  /** Called inside the append transaction for every event appended. */
  onAppend(runId: string, seq: number, at: string, event: NewEvent): void;
  products(runId: string): Promise<LoggedEvent[]>;
}

export function productTable(db: SqliteDatabase): ProductTable {
  migrate(db, 'run_products', MIGRATIONS);
  const insert = db.prepare(
    'INSERT INTO run_products (run_id, seq, at, v, step_id, agent, title, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const list = db.prepare('SELECT * FROM run_products WHERE run_id = ? ORDER BY seq');
  const field = (data: unknown, key: string): string => {
    const v = (data as Record<string, unknown> | null)?.[key];
    return typeof v === 'string' ? v : '';
  };
  return {
    onAppend(runId, seq, at, e) {
      if (e.type !== WORK_PRODUCT_EVENT) return;
      const d = e.data;
      insert.run(
        runId,
        seq,
        at,
        e.v,
        field(d, 'stepId'),
        field(d, 'agent'),
        field(d, 'title'),
        JSON.stringify(d),
      );
    },
    async products(runId) {
      return (list.all(runId) as ProductRow[]).map((r) => ({
        runId: r.run_id,
        seq: r.seq,
        at: r.at,
        v: r.v,
        type: WORK_PRODUCT_EVENT,
        data: JSON.parse(r.data) as unknown,
      }));
    },
  };
}
