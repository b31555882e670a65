/**
 * The action-model page in chromium: reached from the mission card with the keyboard; a
 * learned tool never observed shows its UNVERIFIED proposal; after a run, the learned
 * model beside the declared one, an observed change the declaration misses marked in
 * words, the contradiction listed; readable at 360 px (no sideways scroll) with enough
 * contrast on the marked literals.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_LAUNCH, chromiumSkip, ensureWebBuilt } from '../helpers/browser.js';
import type { Browser, Page } from 'playwright-core';
import { startServer } from '../../src/server/index.js';
import type { RunningServer } from '../../src/server/index.js';
import { openRunStore } from '../../src/store/index.js';
import { startRun } from '../../src/team/index.js';
import type { RunStore } from '../../src/team/index.js';
import { workshop } from '../learn/workshop.js';

const TOKEN = 'e2e-model';

/** Contrast ratio (WCAG) of an element's text colour on its background colour. */
const CONTRAST = `((el) => {
  const rgb = (s) => s.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = ([r, g, b]) => {
    const c = [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const s = getComputedStyle(el);
  const [a, b] = [lum(rgb(s.color)), lum(rgb(s.backgroundColor))];
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
})`;

describe('action model page in chromium', { skip: chromiumSkip }, () => {
  let server: RunningServer;
  let store: RunStore;
  let browser: Browser;
  let page: Page;
  let dir: string;
  const mission = workshop({ bootstrap: { precondition: '(in_stock ?p)', effect: '(made ?p)' } });

  before(async () => {
    ensureWebBuilt();
    dir = mkdtempSync(join(tmpdir(), 'atelier-e2e-model-'));
    store = openRunStore(join(dir, 'atelier.db'));
    server = await startServer({
      token: TOKEN,
      port: 0,
      runs: { store, timeScale: 0, missions: [mission] },
    });
    browser = await chromium.launch({
      ...CHROMIUM_LAUNCH,
    });
    page = await browser.newPage({ viewport: { width: 360, height: 800 } });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('a tool never observed: its proposal marked UNVERIFIED, reached with the keyboard', async () => {
    await page.goto(`${server.url}/runs?token=${TOKEN}`);
    const link = page.getByRole('link', { name: 'Action model of workshop' });
    await link.waitFor();
    await link.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Action model of workshop', level: 1 }).waitFor();
    const make = page.getByRole('region', { name: '(make ?p - part)' });
    const note = make.getByRole('note');
    await note.waitFor();
    assert.match(await note.innerText(), /^UNVERIFIED bootstrap proposal/);
    assert.match(await make.innerText(), /Learned: never observed/i);
    assert.equal(await page.evaluate('document.documentElement.scrollWidth - innerWidth'), 0);
  });

  it('after a run: learned beside declared, the difference marked, the contradiction listed', async () => {
    const run = await startRun(mission, { store, timeScale: 0, goal: '(shipped p1)' });
    assert.equal((await run.done).status, 'succeeded');
    await page.reload();
    const ship = page.getByRole('region', { name: '(ship ?p - part)' });
    await ship.getByRole('heading', { name: 'Learned from 1 observation' }).waitFor();
    await ship.getByRole('heading', { name: 'Declared', exact: true }).waitFor();
    // SAM's preconditions are a superset of the declared ones; the effect adds one literal.
    const added = ship.locator('.model-added', { hasText: 'invoiced' });
    assert.equal(await added.count(), 1);
    assert.equal(await ship.locator('.model-missing').count(), 0);
    assert.equal(await added.innerText(), 'observed, not declared\n(invoiced ?p)');
    const ratio = (await page.evaluate(
      `(${CONTRAST})([...document.querySelectorAll('[data-tool="ship"] .model-added')].find((e) => e.textContent.includes('invoiced')))`,
    )) as number;
    assert.ok(ratio >= 4.5, `contrast ${ratio.toFixed(2)}:1`);
    assert.match(
      await ship.getByRole('listitem').filter({ hasText: 'observed change' }).innerText(),
      /ship: observed change \(invoiced \?p\) is not in the declared effect/,
    );
    const make = page.getByRole('region', { name: '(make ?p - part)' });
    assert.equal(await make.getByRole('note').count(), 0, 'observed: no proposal any more');
    assert.equal(await page.evaluate('document.documentElement.scrollWidth - innerWidth'), 0);
    await page.setViewportSize({ width: 1400, height: 900 });
    assert.equal(await page.evaluate('document.documentElement.scrollWidth - innerWidth'), 0);
    await page.screenshot({ path: join('test-results', 'mission-model.png'), fullPage: true });
  });
});
