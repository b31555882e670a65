import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getRun, listRuns, readEvents } from '../../src/team/index.js';
import { openRunStore } from '../../src/store/index.js';
import { ATELIER, ROOT, cliEnv } from '../helpers/cli.js';
import { HAS_SCRIPT, inPty } from '../helpers/pty.js';

// The [y/N] approval prompt of `atelier run` in a real (pseudo-)terminal.
describe(
  'the approval prompt in a terminal',
  { skip: HAS_SCRIPT ? false : 'util-linux script is absent: no pty' },
  () => {
    const start = (db: string) =>
      inPty(
        [ATELIER, 'run', 'examples/paris-office', '--db', db, '--no-report', '--time-scale', '0'],
        ROOT,
        cliEnv(),
      );

    /** The one run in `db`, its status and whether any approval was recorded. */
    const outcome = async (db: string) => {
      const store = openRunStore(db, { create: false });
      try {
        const [run] = await listRuns(store);
        const events = await readEvents(store, run!.id);
        const decisions = events.filter((e) => e.type === 'approval.given');
        const status = (await getRun(store, run!.id))!.status;
        return { id: run!.id, status, decisions: decisions.length };
      } finally {
        await store.close();
      }
    };

    it('Ctrl-C at the prompt interrupts the run (exit 130, resumable); the next line typed is no decision', async () => {
      const db = join(mkdtempSync(join(tmpdir(), 'atelier-pty-')), 'a.db');
      const pty = start(db);
      await pty.waitFor(/\[y\/N\]/);
      pty.type('\x03');
      pty.type('hello\r');
      assert.equal(await pty.exit(), 130, pty.output());
      const run = await outcome(db);
      assert.match(
        pty.output(),
        new RegExp(`interrupted; continue with: atelier resume ${run.id}`),
      );
      assert.equal(run.status, 'interrupted');
      assert.equal(run.decisions, 0, 'Ctrl-C is not a decision, nor is what is typed after it');
      assert.doesNotMatch(pty.output(), /REJECTED/);
    });

    it('a second Ctrl-C still prints the resume hint and leaves the run interrupted', async () => {
      const db = join(mkdtempSync(join(tmpdir(), 'atelier-pty-')), 'a.db');
      const pty = start(db);
      await pty.waitFor(/\[y\/N\]/);
      pty.type('\x03\x03');
      assert.equal(await pty.exit(), 130, pty.output());
      const run = await outcome(db);
      assert.match(pty.output(), new RegExp(`continue with: atelier resume ${run.id}`));
      assert.equal(run.status, 'interrupted');
    });

    it('holds the events while it waits and says what waits on the decision; the prompt stays last', async () => {
      const db = join(mkdtempSync(join(tmpdir(), 'atelier-pty-')), 'a.db');
      const pty = start(db);
      await pty.waitFor(/\[y\/N\] $/);
      // Other agents go on meanwhile; nothing is printed after the question until it is answered.
      await new Promise((r) => setTimeout(r, 1500));
      const text = pty.output();
      assert.match(text, /\[y\/N\] $/, 'the prompt is the last thing on the terminal');
      assert.match(text, /approve s\d+ \(sign_lease [^)]*\) by \w+\? .*waits? on it/);
      pty.type('y\r');
      assert.equal(await pty.exit(), 0, pty.output());
      assert.match(pty.output(), /run succeeded/);
    });
  },
);
