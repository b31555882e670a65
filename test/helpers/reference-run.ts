/** The events of a mission's run start to end in one process, on a throwaway SQLite store. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRunStore } from '../../src/store/index.js';
import { readEvents, startRun } from '../../src/team/index.js';
import type { Mission, RunEvent } from '../../src/team/index.js';

export async function referenceRunEvents(mission: Mission, seed: number): Promise<RunEvent[]> {
  const store = openRunStore(join(mkdtempSync(join(tmpdir(), 'atelier-reference-')), 'runs.db'));
  try {
    const run = await startRun(mission, { store, seed, approve: 'auto', timeScale: 0 });
    await run.done;
    return await readEvents(store, run.id);
  } finally {
    await store.close();
  }
}
