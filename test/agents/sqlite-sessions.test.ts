import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { UserError } from '../../src/errors.js';
import { openSqlite, sqliteSessions } from '../../src/store/index.js';

test('SQLite sessions append in order, keep sessions apart, and refuse rows of a newer format', () => {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-sessions-'));
  try {
    const db = openSqlite(join(dir, 'a.db'));
    const store = sqliteSessions(db);
    const a = store.session('a');
    a.append([{ role: 'user', content: 'one' }]);
    a.append([
      {
        role: 'assistant',
        content: null,
        toolCalls: [{ id: 'c1', name: 't', arguments: '{}' }],
        agent: 'x',
      },
      { role: 'tool', toolCallId: 'c1', content: 'r' },
    ]);
    store.session('b').append([{ role: 'user', content: 'other' }]);
    assert.deepEqual(a.load(), [
      { role: 'user', content: 'one' },
      {
        role: 'assistant',
        content: null,
        toolCalls: [{ id: 'c1', name: 't', arguments: '{}' }],
        agent: 'x',
      },
      { role: 'tool', toolCallId: 'c1', content: 'r' },
    ]);
    assert.deepEqual(store.messages('b'), [{ role: 'user', content: 'other' }]);
    assert.deepEqual(
      store
        .list()
        .map((s) => s.id)
        .sort(),
      ['a', 'b'],
    );
    // A second store on the same file (migrations already applied) sees the same rows.
    assert.equal(sqliteSessions(db).messages('a').length, 3);
    db.prepare("UPDATE session_messages SET format = 99 WHERE session_id = 'b'").run();
    assert.throws(
      () => store.messages('b'),
      (err: unknown) => err instanceof UserError && /format 99, newer than/.test(err.message),
    );
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
