import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { openSqlite, migrate } from '../../src/store/sqlite.js';

test('migrations apply once per module and survive reopening the file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'atelier-store-'));
  try {
    const path = join(dir, 'nested', 'a.db');
    let db = openSqlite(path);
    migrate(db, 'notes', ['CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)']);
    db.prepare('INSERT INTO notes (text) VALUES (?)').run('kept');
    db.close();
    db = openSqlite(path);
    // Re-running the first step would fail (table exists); a second step is applied.
    migrate(db, 'notes', [
      'CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)',
      'ALTER TABLE notes ADD COLUMN tag TEXT',
    ]);
    const row = db.prepare('SELECT text, tag FROM notes').get() as {
      text: string;
      tag: string | null;
    };
    assert.deepEqual(row, { text: 'kept', tag: null });
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
