/**
 * End to end in a real browser (Debian's chromium driven by playwright-core): open
 * the UI, start the flagship mission, approve its waiting step, watch the plan graph
 * reach "done"; then plan in the PDDL playground. Screenshots go to test-results/.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_LAUNCH, chromiumSkip, ensureWebBuilt } from '../helpers/browser.js';
import type { BrowserContext, Page } from 'playwright-core';
import { startServer } from '../../src/server/index.js';
import type { RunningServer } from '../../src/server/index.js';
import { openRunStore } from '../../src/store/index.js';
import type { RunStore } from '../../src/team/index.js';
import { FLAGSHIP_MISSION } from '../../src/cli/serve.js';

const TOKEN = 'e2e-token';
const OUT = 'test-results';

describe(
  'web UI in chromium',
  {
    skip: chromiumSkip,
  },
  () => {
    let server: RunningServer;
    let store: RunStore;
    let browser: BrowserContext;
    let page: Page;
    let profile: string;
    const pageErrors: string[] = [];

    before(async () => {
      ensureWebBuilt();
      mkdirSync(OUT, { recursive: true });
      const dir = mkdtempSync(join(tmpdir(), 'atelier-e2e-'));
      store = openRunStore(join(dir, 'atelier.db'));
      server = await startServer({ token: TOKEN, port: 0, runs: { store, timeScale: 0.3 } });
      profile = mkdtempSync(join(tmpdir(), 'atelier-chromium-'));
      // A fresh profile directory: playwright passes it to chromium as --user-data-dir.
      browser = await chromium.launchPersistentContext(profile, {
        ...CHROMIUM_LAUNCH,
        viewport: { width: 1440, height: 1000 },
      });
      page = browser.pages()[0] ?? (await browser.newPage());
      page.on('pageerror', (err) => pageErrors.push(err.message));
    });

    after(async () => {
      await browser?.close();
      await server?.close();
      store?.close();
      if (profile) rmSync(profile, { recursive: true, force: true });
    });

    it('asks for the token, then signs in with the ?token= link', async () => {
      await page.goto(server.url);
      await page.getByText('Access token', { exact: true }).waitFor();
      await page.goto(`${server.url}/?token=${TOKEN}`);
      // The Chat page comes first after signing in; runs are one click away.
      await page.getByRole('log', { name: 'Messages' }).waitFor();
      await page.getByRole('link', { name: 'Runs' }).click();
      await page.getByRole('heading', { name: 'Runs', exact: true }).waitFor();
      assert.ok(!page.url().includes('token='), 'the token is removed from the address bar');
    });

    it('starts the flagship mission, approves the waiting step and sees every step done', async () => {
      const card = page.locator(`[data-mission="${FLAGSHIP_MISSION}"]`);
      await card.getByRole('button', { name: 'Start run' }).click();
      await page.waitForURL(/\/runs\/[^/]+$/);
      await page.locator('svg.plan-graph [data-step]').first().waitFor();

      const approval = page.locator('.approval').first();
      await approval.waitFor({ timeout: 30_000 });
      await page.screenshot({ path: join(OUT, 'run-waiting-approval.png'), fullPage: true });
      await approval.getByRole('button', { name: 'Approve' }).click();

      await page.locator('.run-page[data-run-status="succeeded"]').waitFor({ timeout: 60_000 });
      // The graph of the current plan version shows every step done, live, without a reload.
      // (A string: it runs in the page, where the DOM exists.)
      await page.waitForFunction(`(() => {
      const nodes = [...document.querySelectorAll('svg.plan-graph [data-step]')];
      return nodes.length > 0 && nodes.every((n) => n.getAttribute('data-status') === 'done');
    })()`);
      const timeline = await page.getByTestId('timeline').innerText();
      assert.match(timeline, /approved by web/);
      assert.match(timeline, /Run succeeded/);
      await page.screenshot({ path: join(OUT, 'run-done.png'), fullPage: true });

      // "why?" on a derived fact opens its proof, down to given facts.
      await page.locator('.facts-card button.why').first().click();
      await page.locator('.why-box .proof-via.given').first().waitFor();
      await page.locator('.facts-card').screenshot({ path: join(OUT, 'run-why.png') });

      await page.getByRole('link', { name: 'Runs', exact: true }).click();
      await page.locator('.table .badge-succeeded').first().waitFor();
      await page.screenshot({ path: join(OUT, 'runs-list.png'), fullPage: true });
    });

    it('at 1400 px keeps run ids, statuses and headers on one line, shows whole step labels and cuts no editor line', async () => {
      await page.setViewportSize({ width: 1400, height: 900 });
      try {
        // The number of line boxes a piece of text takes (1 = it did not wrap).
        const lineCounts = (selector: string): Promise<Array<{ text: string; lines: number }>> =>
          page.evaluate(`[...document.querySelectorAll(${JSON.stringify(selector)})].map((el) => {
          const range = document.createRange();
          range.selectNodeContents(el);
          const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
          return { text: el.textContent, lines: tops.size };
        })`);
        await page.goto(`${server.url}/runs`);
        await page.locator('.table .badge').first().waitFor();
        for (const selector of [
          '.table th',
          '.table td a.mono',
          '.table td .badge',
          '.table td:nth-child(2)',
        ]) {
          const cells = await lineCounts(selector);
          assert.ok(cells.length > 0, selector);
          for (const c of cells)
            assert.equal(c.lines, 1, `${selector} "${c.text}" wraps onto ${c.lines} lines`);
        }

        await page.locator('.table td a.mono').first().click();
        await page.locator('svg.plan-graph [data-step]').first().waitFor();
        const labels =
          (await page.evaluate(`[...document.querySelectorAll('svg.plan-graph [data-step]')].map((n) => ({
        full: n.querySelector('title').textContent.split('\\n')[0],
        shown: [...n.querySelectorAll('.node-label tspan')].map((t) => t.textContent).join(' '),
      }))`)) as Array<{ full: string; shown: string }>;
        assert.ok(
          labels.some((l) => l.full.length > 30),
          'the flagship has long step labels',
        );
        for (const l of labels)
          assert.equal(l.shown, l.full, 'a step label is shown whole (on up to two lines)');

        await page.getByRole('link', { name: 'PDDL playground' }).click();
        const domain = page.locator('textarea[name="domain"]');
        await domain.waitFor();
        await domain.fill(
          `${await domain.inputValue()}\n;; ${'a long comment line that is wider than the editor '.repeat(4)}\n`,
        );
        for (const name of ['domain', 'problem']) {
          const box = (await page.evaluate(`(() => {
          const ta = document.querySelector('textarea[name="${name}"]');
          const gutter = ta.parentElement.querySelector('.editor-gutter');
          const rect = ta.getBoundingClientRect();
          return { scrollWidth: ta.scrollWidth, clientWidth: ta.clientWidth, scrollHeight: ta.scrollHeight, gutter: gutter.scrollHeight, bottom: rect.bottom, viewport: innerHeight };
        })()`)) as {
            scrollWidth: number;
            clientWidth: number;
            scrollHeight: number;
            gutter: number;
            bottom: number;
            viewport: number;
          };
          assert.ok(
            box.scrollWidth <= box.clientWidth,
            `${name}: text wider than the editor is hidden (${box.scrollWidth} > ${box.clientWidth})`,
          );
          assert.ok(
            Math.abs(box.gutter - box.scrollHeight) <= 2,
            `${name}: line numbers follow the wrapped lines (${box.gutter} vs ${box.scrollHeight})`,
          );
          assert.ok(
            box.bottom <= box.viewport,
            `${name}: the editor ends inside the window, its scrollbar visible`,
          );
        }
        await page.screenshot({ path: join(OUT, 'playground-1400.png') });
      } finally {
        await page.setViewportSize({ width: 1440, height: 1000 });
      }
    });

    it('plans in the PDDL playground and points at a mistake', async () => {
      await page.getByRole('link', { name: 'PDDL playground' }).click();
      await page.getByRole('button', { name: 'Plan', exact: true }).click();
      await page.getByTestId('plan-result').getByText('solved').waitFor();
      await page.screenshot({ path: join(OUT, 'playground-plan.png'), fullPage: true });

      const problem = page.locator('textarea[name="problem"]');
      const text = await problem.inputValue();
      await problem.fill(text.replace(/\(:init/i, '(:init (no-such-predicate a)'));
      await page.getByRole('button', { name: 'Plan', exact: true }).click();
      const error = page.getByTestId('plan-error');
      await error.waitFor();
      assert.match(await error.innerText(), /^problem:\d+:\d+/);
      await page.screenshot({ path: join(OUT, 'playground-error.png'), fullPage: true });
      assert.deepEqual(pageErrors, []);
    });

    it('lists runs a page at a time and loads older ones on demand', async () => {
      // Older, finished runs written straight into the store: enough for three pages.
      for (let i = 0; i < 120; i++)
        store.createRun({
          id: `run-old-${String(i).padStart(3, '0')}`,
          mission: FLAGSHIP_MISSION,
          missionDir: null,
          status: 'succeeded',
          seed: 1,
          goal: '(and (announced paris))',
          options: {},
          startedAt: new Date(Date.UTC(2025, 0, 1, 0, i)).toISOString(),
        });
      await page.goto(`${server.url}/runs`);
      const rows = page.locator('.table tbody tr');
      await page.waitForFunction(`document.querySelectorAll('.table tbody tr').length === 50`);
      for (const expected of [100, 121]) {
        await page.getByRole('button', { name: 'Load more' }).click();
        await page.waitForFunction(
          `document.querySelectorAll('.table tbody tr').length === ${expected}`,
        );
      }
      assert.equal(await page.getByRole('button', { name: 'Load more' }).count(), 0);
      assert.equal(await rows.last().locator('a').innerText(), 'run-old-000');
      assert.deepEqual(pageErrors, []);
    });
  },
);
