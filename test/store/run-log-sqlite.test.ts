import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRunStore } from '../../src/store/index.js';
import type { RunLog } from '../../src/team/index.js';
import { runLogConformance } from './run-log-conformance.js';

const files = new WeakMap<RunLog, string>();

runLogConformance('SQLite', {
  async open() {
    const file = join(mkdtempSync(join(tmpdir(), 'atelier-runlog-')), 'atelier.db');
    const log = openRunStore(file);
    files.set(log, file);
    return log;
  },
  liveAcrossHandles: false,
  async other(log) {
    return openRunStore(files.get(log)!);
  },
  async reopen(log) {
    const file = files.get(log)!;
    await log.close();
    return openRunStore(file);
  },
});
