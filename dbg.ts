import { startPgCluster } from './test/helpers/pg-cluster.js';
import { openPostgresRunLog } from './src/store/index.js';
import { loadMission, queueRun } from './src/team/index.js';
import { atelierAsync } from './test/helpers/cli.js';
const c = await startPgCluster(); if (typeof c === 'string') throw new Error(c);
const url = await c.freshUrl();
const log = await openPostgresRunLog(url);
const m = await loadMission('test/team/fixtures/relay');
const t0 = Date.now();
const ws = [0,1].map(i => atelierAsync(['worker','--db',url,'--lease-ms','1500','--concurrency','3','--steps','3'], { onLine: l => console.log(((Date.now()-t0)/1000).toFixed(1), i, l) }));
const ids = [];
for (let i = 0; i < 4; i++) ids.push(await queueRun(m, { store: log, seed: i, approve: 'auto', timeScale: 2 }));
for (;;) { await new Promise(r => setTimeout(r, 500)); const st = await Promise.all(ids.map(async id => (await log.getRun(id))!.status)); if (st.every(s => s === 'succeeded' || s === 'failed')) break; if (Date.now() - t0 > 60000) { console.log('STUCK', st); break; } }
console.log('all done', (Date.now()-t0)/1000);
for (const w of ws) w.child.kill('SIGTERM');
await Promise.all(ws.map(w => w.done));
await log.close(); c.stop();
