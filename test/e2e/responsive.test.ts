/**
 * The web UI in chromium at 360, 800 and 1400 px: no page is wider than the window, no
 * element box overlaps another, nothing dark is painted behind the breadcrumb and title,
 * graph labels keep their size; a failed run shows its why-not with a red "Run failed"
 * dot; a run stopped with Ctrl-C in the CLI is not said to be stopped by the server (one
 * stopped by the server is); the status badge never disagrees with the graph.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM_LAUNCH, chromiumSkip, ensureWebBuilt } from '../helpers/browser.js';
import type { Browser, Page } from 'playwright-core';
import { startServer } from '../../src/server/index.js';
import type { RunningServer } from '../../src/server/index.js';
import { listExampleMissions, listRuns, loadMission, startRun } from '../../src/team/index.js';
import { openRunStore } from '../../src/store/index.js';
import type { RunStore } from '../../src/team/index.js';

const TOKEN = 'e2e-responsive';
const OUT = 'test-results';

/** The colour of one pixel of the page (a 1x1 PNG screenshot, decoded). */
async function pixel(page: Page, x: number, y: number): Promise<[number, number, number]> {
  const png = await page.screenshot({ clip: { x, y, width: 1, height: 1 } });
  const chunks: Buffer[] = [];
  for (let at = 8; at < png.length;) {
    const len = png.readUInt32BE(at);
    if (png.toString('ascii', at + 4, at + 8) === 'IDAT')
      chunks.push(png.subarray(at + 8, at + 8 + len));
    at += 12 + len;
  }
  // One row of one pixel: a filter byte, then the colour (no neighbour to filter against).
  const row = inflateSync(Buffer.concat(chunks));
  return [row[1]!, row[2]!, row[3]!];
}

/** Boxes of the landmarks of a page that overlap (elements nested in one another excepted). */
const OVERLAPS = `(() => {
  const selectors = ['.sidebar .brand', '.sidebar .nav-item', '.sidebar-foot .btn', '.page > *', '.page-head > *',
    '.run-head h1 > *', '.run-meta > *', '.card-head > *', '.run-columns > *', '.mission-card',
    '.approval-actions .btn', '.toolbar > *', '.playground > *', '.reason > *'];
  const els = [...new Set(selectors.flatMap((s) => [...document.querySelectorAll(s)]))]
    .filter((e) => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; });
  const name = (e) => e.tagName.toLowerCase() + (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ').join('.') : '');
  const out = [];
  for (let i = 0; i < els.length; i++) for (let j = i + 1; j < els.length; j++) {
    const a = els[i], b = els[j];
    if (a.contains(b) || b.contains(a)) continue;
    const r = a.getBoundingClientRect(), q = b.getBoundingClientRect();
    const w = Math.min(r.right, q.right) - Math.max(r.left, q.left);
    const h = Math.min(r.bottom, q.bottom) - Math.max(r.top, q.top);
    if (w > 1 && h > 1) out.push(name(a) + ' / ' + name(b));
  }
  return out;
})()`;

const WIDE = `(() => document.documentElement.scrollWidth - innerWidth)()`;

describe('web UI from 360 to 1400 px', { skip: chromiumSkip }, () => {
  let server: RunningServer;
  let store: RunStore;
  let browser: Browser;
  let dir: string;
  const ids: Record<'failed' | 'cli' | 'server' | 'done', string> = {
    failed: '',
    cli: '',
    server: '',
    done: '',
  };

  before(async () => {
    ensureWebBuilt();
    mkdirSync(OUT, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'atelier-e2e-responsive-'));
    const db = join(dir, 'atelier.db');
    // A run interrupted with Ctrl-C in the terminal, by the real CLI.
    const cli = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli/main.ts',
        'run',
        'examples/paris-office',
        '--approve-all',
        '--db',
        db,
        '--no-report',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    cli.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      if (/ started/.test(out) && !cli.killed) cli.kill('SIGINT');
    });
    assert.equal(await new Promise((r) => cli.on('exit', r)), 130, out);
    store = openRunStore(db);
    ids.cli = (await listRuns(store))[0]!.id;
    const mission = await loadMission(
      listExampleMissions().find((m) => m.name === 'paris-office')!.dir,
    );
    const failed = await startRun(mission, { store, seed: 2, approve: 'auto', timeScale: 0 });
    await failed.done;
    ids.failed = failed.id;
    const done = await startRun(mission, { store, seed: 1, approve: 'auto', timeScale: 0 });
    await done.done;
    ids.done = done.id;
    // A run stopped because its server stopped.
    const first = await startServer({
      token: TOKEN,
      port: 0,
      webRoot: null,
      runs: { store, timeScale: 1 },
    });
    const started = await fetch(`${first.url}/api/runs`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ mission: 'paris-office', seed: 3 }),
    });
    ids.server = ((await started.json()) as { id: string }).id;
    await first.close();
    server = await startServer({ token: TOKEN, port: 0, runs: { store, timeScale: 0.2 } });
    browser = await chromium.launch({
      ...CHROMIUM_LAUNCH,
    });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function open(width: number, path: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    await page.goto(`${server.url}/runs?token=${TOKEN}`);
    await page.getByRole('heading', { name: 'Runs', exact: true }).waitFor();
    if (path !== '/runs') await page.goto(`${server.url}${path}`);
    return page;
  }

  for (const width of [360, 800, 1400]) {
    it(`at ${width} px every page fits the window and no box overlaps another`, async () => {
      for (const [path, ready] of [
        ['/runs', '.table .badge'],
        [`/runs/${ids.failed}`, 'svg.plan-graph [data-step]'],
        [`/runs/${ids.cli}`, 'svg.plan-graph [data-step]'],
        ['/playground', 'textarea[name="domain"]'],
        ['/reason', '.reason'],
      ] as const) {
        const page = await open(width, path);
        try {
          await page.locator(ready).first().waitFor();
          await page.waitForTimeout(200);
          assert.ok(
            ((await page.evaluate(WIDE)) as number) <= 1,
            `${path} at ${width} px is wider than the window`,
          );
          assert.deepEqual(await page.evaluate(OVERLAPS), [], `${path} at ${width} px`);
          if (path.startsWith('/runs/')) {
            // Nothing dark behind the breadcrumb and the title (at 800 px a dark panel was).
            for (const sel of ['.crumbs', '.run-head h1']) {
              const box = (await page.locator(sel).boundingBox())!;
              // Just left of it: where the dark panel was painted.
              const [r, g, b] = await pixel(page, box.x - 4, box.y + box.height / 2);
              assert.ok(r + g + b > 600, `${sel} at ${width} px sits on rgb(${r}, ${g}, ${b})`);
            }
            // Graph labels at their natural size: the graph is never scaled down.
            const scale = (await page.evaluate(
              `(() => { const s = document.querySelector('svg.plan-graph'); return s.getBoundingClientRect().width / s.width.baseVal.value; })()`,
            )) as number;
            assert.ok(scale > 0.99, `the graph is scaled to ${scale} at ${width} px`);
          }
          await page.screenshot({
            path: join(OUT, `width-${width}${path.replace(/\W+/g, '-')}.png`),
            fullPage: true,
          });
        } finally {
          await page.close();
        }
      }
    });
  }

  it("shows a failed run's why-not, with a red Run failed dot", async () => {
    const page = await open(1400, `/runs/${ids.failed}`);
    try {
      await page.getByTestId('run-failure').waitFor();
      assert.match(
        await page.getByTestId('run-failure').innerText(),
        /Run failed: no plan reaches the goal/,
      );
      assert.match(
        await page.getByTestId('why-not').innerText(),
        /can never be achieved|not a base fact|cannot be derived/,
      );
      const dot = (await page.evaluate(
        `getComputedStyle(document.querySelector('.tl-run-finished .tl-dot')).backgroundColor`,
      )) as string;
      const [r, g] = dot.match(/\d+/g)!.map(Number);
      assert.ok(r! > 150 && g! < 100, `the Run failed dot is ${dot}`);
      assert.equal(await page.getByTestId('run-status').innerText(), 'FAILED');
      await page.screenshot({ path: join(OUT, 'run-failed.png'), fullPage: true });
    } finally {
      await page.close();
    }
  });

  it('says why a run was interrupted: Ctrl-C in the CLI is not the server stopping', async () => {
    const page = await open(1400, `/runs/${ids.cli}`);
    try {
      // The reason comes with the run's events, a moment after the page shows the run.
      const banner = page.getByTestId('interrupted-reason');
      await banner.filter({ hasText: 'Ctrl-C in the terminal' }).waitFor();
      assert.doesNotMatch(await banner.innerText(), /server/);
      await page.goto(`${server.url}/runs/${ids.server}`);
      await banner.filter({ hasText: 'the server stopped while it ran' }).waitFor();
    } finally {
      await page.close();
    }
  });

  it('keeps the status badge and the graph in agreement while a run waits and ends', async () => {
    const page = await open(1400, '/runs');
    try {
      await page
        .locator(`[data-mission="paris-office"]`)
        .getByRole('button', { name: 'Start run' })
        .click();
      await page.waitForURL(/\/runs\/[^/]+$/);
      await page.locator('svg.plan-graph [data-step]').first().waitFor();
      // Record every moment the badge and the graph of the current plan disagree.
      await page.evaluate(`(() => {
          window.__disagreements = [];
          const check = () => {
            const badge = document.querySelector('[data-testid="run-status"]');
            const current = document.querySelector('.version.active');
            if (!badge || !current || !current.textContent.includes('(current)') && document.querySelectorAll('.version').length > 1) return;
            const nodes = [...document.querySelectorAll('svg.plan-graph [data-step]')].map((n) => n.getAttribute('data-status'));
            const s = badge.textContent.toLowerCase();
            const waiting = nodes.includes('waiting');
            if (s === 'waiting approval' && !waiting) window.__disagreements.push(s + ' but no step waits');
            if (s === 'running' && waiting) window.__disagreements.push(s + ' while a step waits');
            if (s === 'succeeded' && nodes.some((n) => n !== 'done')) window.__disagreements.push(s + ' with ' + nodes.join(','));
          };
          new MutationObserver(check).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
        })()`);
      const approval = page.locator('.approval[data-step]').first();
      await approval.waitFor({ timeout: 60_000 });
      await approval.getByRole('button', { name: 'Approve' }).click();
      await page.locator('.run-page[data-run-status="succeeded"]').waitFor({ timeout: 60_000 });
      await page.waitForTimeout(500);
      assert.deepEqual(await page.evaluate('window.__disagreements'), []);
    } finally {
      await page.close();
    }
  });
});
