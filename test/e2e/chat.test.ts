/**
 * The Chat page end to end in Debian's chromium: a chat agent backed by a local
 * OpenAI-compatible test server (tokens appear progressively, Stop cancels the upstream
 * request, a reload keeps the history and resumes an answer being written, a lost
 * connection is said and the answer resumes, a failing
 * model is said with a retry); `team:paris-office` with its plan inline, an approval
 * clicked inline, the re-plan reason and the final answer; hostile Markdown rendered
 * inert; 360/800/1400 px without overlapping boxes; an axe-core scan, light and dark.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { connect, createServer as createNetServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_LAUNCH, chromiumSkip, ensureWebBuilt } from '../helpers/browser.js';
import type { Browser, Page } from 'playwright-core';
import { agent } from '../../src/agents/index.js';
import { createOpenAICompatibleModel } from '../../src/models/index.js';
import { agentTarget, startServer, teamTarget } from '../../src/server/index.js';
import type { RunningServer } from '../../src/server/index.js';
import { listExampleMissions, loadMission } from '../../src/team/index.js';
import { openRunStore } from '../../src/store/index.js';
import type { RunStore } from '../../src/team/index.js';
import { reply, startChatCompletionsServer } from '../helpers/openai-compatible-server.js';
import type { ChatCompletionsServer } from '../helpers/openai-compatible-server.js';

const TOKEN = 'e2e-chat';
const OUT = 'test-results';
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** A TCP proxy to 127.0.0.1:port whose open sockets can be cut and new ones refused. */
async function startCuttableProxy(port: number) {
  const sockets = new Set<Socket>();
  let refusing = false;
  const proxy = createNetServer((client) => {
    if (refusing) return void client.destroy();
    const upstreamSocket = connect(port, '127.0.0.1');
    for (const s of [client, upstreamSocket]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstreamSocket).pipe(client);
    client.on('close', () => upstreamSocket.destroy());
    upstreamSocket.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port: own } = proxy.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${own}`,
    refuse: (on: boolean) => void (refusing = on),
    cut: () => sockets.forEach((s) => s.destroy()),
    close: () => {
      sockets.forEach((s) => s.destroy());
      return new Promise<void>((resolve) => proxy.close(() => resolve()));
    },
  };
}

/** Text boxes of the Chat page that overlap (elements nested in one another excepted). */
const OVERLAPS = `(() => {
  const selectors = ['.sidebar .brand', '.sidebar .nav-item', '.sidebar-foot .btn', '.chat-head > *',
    '.chat-target > *', '.conv > *', '.conv-new', '.msg', '.msg-actions > *', '.msg-who', '.team-run > *',
    '.team-run-head > *', '.chat-approval > *', '.chat-approval-buttons > *', '.composer > *', '.chat-failure > *'];
  // The part of a box that can be seen: clipped by every scrolling ancestor.
  const seen = (e) => {
    let r = e.getBoundingClientRect();
    let box = { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    for (let p = e.parentElement; p; p = p.parentElement) {
      if (getComputedStyle(p).overflowY === 'visible' && getComputedStyle(p).overflowX === 'visible') continue;
      const c = p.getBoundingClientRect();
      box = { left: Math.max(box.left, c.left), top: Math.max(box.top, c.top),
        right: Math.min(box.right, c.right), bottom: Math.min(box.bottom, c.bottom) };
    }
    return box;
  };
  const els = [...new Set(selectors.flatMap((s) => [...document.querySelectorAll(s)]))]
    .filter((e) => { const r = seen(e); return r.right - r.left > 0 && r.bottom - r.top > 0; });
  const name = (e) => e.tagName.toLowerCase() + (typeof e.className === 'string' && e.className ? '.' + e.className.split(' ').join('.') : '');
  const out = [];
  for (let i = 0; i < els.length; i++) for (let j = i + 1; j < els.length; j++) {
    const a = els[i], b = els[j];
    if (a.contains(b) || b.contains(a)) continue;
    const r = seen(a), q = seen(b);
    const w = Math.min(r.right, q.right) - Math.max(r.left, q.left);
    const h = Math.min(r.bottom, q.bottom) - Math.max(r.top, q.top);
    if (w > 1 && h > 1) out.push(name(a) + ' / ' + name(b));
  }
  return out;
})()`;

describe('the Chat page in chromium', { skip: chromiumSkip }, () => {
  let upstream: ChatCompletionsServer;
  let server: RunningServer;
  let store: RunStore;
  let browser: Browser;
  let page: Page;
  let dir: string;
  const pageErrors: string[] = [];

  before(async () => {
    ensureWebBuilt();
    mkdirSync(OUT, { recursive: true });
    upstream = await startChatCompletionsServer();
    dir = mkdtempSync(join(tmpdir(), 'atelier-chat-e2e-'));
    store = openRunStore(join(dir, 'atelier.db'));
    const model = createOpenAICompatibleModel({
      baseURL: upstream.url,
      model: 'test-model',
      apiKey: 'sk-test',
      maxRetries: 0,
    });
    const paris = listExampleMissions().find((m) => m.name === 'paris-office')!;
    server = await startServer({
      token: TOKEN,
      port: 0,
      runs: { store, timeScale: 0.1 },
      chatTargets: [
        agentTarget(agent({ name: 'assistant', instructions: 'Help.', model })),
        teamTarget(await loadMission(paris.dir), { store, timeScale: 0.1 }),
      ],
    });
    browser = await chromium.launch({
      ...CHROMIUM_LAUNCH,
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('pageerror', (err) => pageErrors.push(err.message));
    page.on('dialog', (d) => {
      pageErrors.push(`a dialog opened: ${d.message()}`);
      void d.dismiss();
    });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    await upstream?.close();
    store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const answer = () => page.getByTestId('answer').last();
  const lastAnswer = () => page.locator('article.msg-assistant').last();
  /** Waits until the newest answer has this status. */
  const lastStatus = (status: string, timeout = 30_000) =>
    page.waitForFunction(
      `[...document.querySelectorAll('article.msg-assistant')].pop()?.dataset.status === ${JSON.stringify(status)}`,
      undefined,
      { timeout },
    );
  const send = async (text: string): Promise<void> => {
    const box = page.getByLabel('Message', { exact: true });
    await box.fill(text);
    await box.press('Enter');
  };

  it('opens on the Chat page, streams tokens progressively, and keeps them after a reload', async () => {
    await page.goto(`${server.url}/?token=${TOKEN}`);
    await page.getByRole('log', { name: 'Messages' }).waitFor();
    await page.getByLabel('Target').selectOption('assistant');
    const tokens = Array.from({ length: 30 }, (_, i) => `tok${i} `);
    upstream.script(reply.drip(tokens, 60));
    await send('Count for me');
    await page.waitForURL(/\/chat\/conv_/);
    // An early token is painted while later ones have not come yet.
    await page.waitForFunction(
      `(() => { const t = [...document.querySelectorAll('[data-testid=answer]')].pop()?.textContent ?? ''; return t.includes('tok3') && !t.includes('tok29'); })()`,
    );
    await lastStatus('done', 30_000);
    assert.equal((await answer().innerText()).trim(), tokens.join('').trim());
    await page.reload();
    await page.locator('article.msg-user').filter({ hasText: 'Count for me' }).waitFor();
    assert.equal((await answer().innerText()).trim(), tokens.join('').trim());
  });

  it('Stop cancels the upstream request and keeps what was written', async () => {
    const before = upstream.cancelled();
    upstream.script(
      reply.drip(
        Array.from({ length: 400 }, (_, i) => `w${i} `),
        40,
      ),
    );
    await send('Go on and on');
    await answer().filter({ hasText: 'w3' }).waitFor();
    await page.getByRole('button', { name: 'Stop' }).click();
    await lastStatus('stopped');
    const text = await answer().innerText();
    assert.match(text, /^w0 w1 w2 w3/);
    assert.ok(!text.includes('w399'));
    for (let i = 0; i < 100 && upstream.cancelled() === before; i++) await page.waitForTimeout(30);
    assert.equal(upstream.cancelled(), before + 1, 'the model server saw the request cancelled');
    await page.getByText('Stopped. What was written is kept.').waitFor();
  });

  it('resumes an answer interrupted by a reload, without losing or repeating text', async () => {
    const tokens = Array.from({ length: 50 }, (_, i) => `r${i} `);
    upstream.script(reply.drip(tokens, 40));
    await send('Resume me');
    await answer().filter({ hasText: 'r5' }).waitFor();
    await page.reload();
    await lastStatus('done', 30_000);
    assert.equal((await answer().innerText()).trim(), tokens.join('').trim());
  });

  it('a lost connection is said, then the answer resumes without losing or repeating text', async () => {
    // The page talks to the server through a proxy whose sockets the test cuts.
    const proxy = await startCuttableProxy(server.port);
    try {
      await page.goto(`${proxy.url}/?token=${TOKEN}`);
      await page.getByRole('log', { name: 'Messages' }).waitFor();
      await page.getByLabel('Target').selectOption('assistant');
      const tokens = Array.from({ length: 150 }, (_, i) => `c${i} `);
      upstream.script(reply.drip(tokens, 50));
      await send('Keep going while I drop');
      await answer().filter({ hasText: 'c4' }).waitFor();
      proxy.refuse(true);
      proxy.cut();
      const note = page.getByRole('alert').filter({ hasText: 'Connection lost' });
      await note.waitFor({ timeout: 15_000 });
      // The answer goes on being written on the server; what was shown stays shown.
      assert.match(await answer().innerText(), /^c0 c1 c2 c3 c4/);
      proxy.refuse(false);
      // Back live while the answer is still being written: the text goes on from where it
      // was, nothing repeated.
      await note.waitFor({ state: 'detached', timeout: 15_000 });
      const live = (await answer().innerText()).trim();
      assert.ok(tokens.join('').startsWith(live), `live text after reconnecting: ${live}`);
      await lastStatus('done', 30_000);
      assert.equal((await answer().innerText()).trim(), tokens.join('').trim());
    } finally {
      await page.goto(`${server.url}/?token=${TOKEN}`);
      await proxy.close();
    }
  });

  it('a model failing is said in the conversation with a Retry that works', async () => {
    upstream.script(reply.status(500, 'upstream exploded'));
    await send('Fail please');
    await lastStatus('error');
    assert.match(await lastAnswer().innerText(), /failed/);
    upstream.script(reply.drip(['Recovered', '.'], 10));
    await lastAnswer().getByRole('button', { name: 'Retry' }).click();
    await lastStatus('done');
    assert.equal((await answer().innerText()).trim(), 'Recovered.');
  });

  it('renders hostile Markdown inert, with code blocks that have a copy button', async () => {
    upstream.script(
      reply.text(
        [
          '# Title',
          '<img src=x onerror="window.__pwned = 1">',
          '[click me](javascript:window.__pwned=2)',
          '<a href="javascript:window.__pwned=3">raw link</a>',
          '<script>window.__pwned = 4</script>',
          '<div onclick="window.__pwned=5" style="position:fixed;inset:0">cover</div>',
          '```js',
          'const x = "<b>not bold</b>";',
          '```',
        ].join('\n\n'),
      ),
    );
    await send('Be hostile');
    await lastStatus('done');
    const md = lastAnswer().locator('.md');
    assert.equal(await md.locator('img, script, [onerror], [onclick], [style]').count(), 0);
    const hrefs = await md.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.ok(
      hrefs.every((h) => h === null || !/^javascript:/i.test(h)),
      `hrefs: ${hrefs.join()}`,
    );
    await md.getByText('cover').click();
    await md.getByText('raw link').click();
    assert.equal(await page.evaluate('window.__pwned'), undefined);
    assert.equal((await md.locator('pre code').innerText()).trim(), 'const x = "<b>not bold</b>";');
    await md.getByRole('button', { name: 'Copy code' }).waitFor();
    assert.deepEqual(pageErrors, []);
  });

  it('talks to team:paris-office: plan inline, approval clicked, re-plan reason, final answer', async () => {
    await page.getByRole('button', { name: '+ New conversation' }).click();
    await page.getByLabel('Target').selectOption('team:paris-office');
    await send('Open the Paris office');
    await answer().filter({ hasText: 'Without a model I do not understand plain words' }).waitFor();
    // "run" is understood without a model: the team runs the mission's own goal.
    await send('run');
    await answer().filter({ hasText: 'Started run' }).waitFor();
    const run = lastAnswer().locator('.team-run');
    await run.locator('svg.plan-graph [data-step]').first().waitFor();
    const approve = run.getByRole('button', { name: /^Approve step \S+$/ });
    await approve.waitFor({ timeout: 60_000 });
    await page.screenshot({ path: join(OUT, 'chat-team-approval.png'), fullPage: true });
    await approve.click();
    await run.locator('.replan').first().waitFor({ timeout: 60_000 });
    assert.match(await run.locator('.replan').first().innerText(), /Re-planned \(v2\): \S/);
    await lastStatus('done', 90_000);
    assert.match(await answer().innerText(), /Run succeeded/);
    assert.match(await answer().innerText(), /approved by web chat/);
    await page.waitForFunction(
      `[...document.querySelectorAll('.team-run')].pop()?.dataset.runStatus === 'succeeded'`,
    );
    // "why?" on a derived fact opens its proof.
    await run.getByText(/Derived facts/).click();
    await run
      .getByRole('button', { name: /^why\? / })
      .first()
      .click();
    await run.locator('.why-box .proof').first().waitFor();
    assert.equal(await run.getByRole('link', { name: /^Open run / }).count(), 1);
    await page.screenshot({ path: join(OUT, 'chat-team-done.png'), fullPage: true });
  });

  for (const width of [360, 800, 1400]) {
    it(`at ${width} px the page fits the window and no text box overlaps another`, async () => {
      await page.setViewportSize({ width, height: 900 });
      await page.waitForTimeout(200);
      const wide = (await page.evaluate(
        'document.documentElement.scrollWidth - innerWidth',
      )) as number;
      assert.ok(wide <= 1, `wider than the window by ${wide} px`);
      assert.deepEqual(await page.evaluate(OVERLAPS), [], `at ${width} px`);
      await page.screenshot({ path: join(OUT, `chat-${width}.png`), fullPage: true });
    });
  }

  it('has no serious accessibility violations (axe-core), light and dark', async () => {
    await page.setViewportSize({ width: 1400, height: 900 });
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await page.addScriptTag({ path: AXE });
      const violations = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] })
        .then((r) => r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => v.id + ': ' + v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')))`)) as string[];
      assert.deepEqual(violations, [], `${colorScheme}: ${violations.join('\n')}`);
    }
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('renames the open conversation, then deletes it (asked twice), from the side list', async () => {
    await page.setViewportSize({ width: 1400, height: 900 });
    const item = page.locator('li.conv.active');
    const before = (await item.locator('.conv-title').innerText()).trim();
    await item.getByRole('button', { name: `Rename ${before}` }).click();
    await page.getByLabel('New title').fill('Renamed by the test');
    await page.getByLabel('New title').press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Renamed by the test' }).waitFor();
    await item.getByText('Renamed by the test').waitFor();
    const url = page.url();
    await item.getByRole('button', { name: 'Delete Renamed by the test' }).click();
    await item.getByRole('button', { name: 'Confirm delete Renamed by the test' }).click();
    await page.waitForURL((u) => u.toString() !== url);
    await page.getByRole('heading', { level: 1, name: 'New conversation' }).waitFor();
    // The side list is reloaded after the navigation: wait for it (a stale list times out).
    const gone = page.locator('.conv-title', { hasText: 'Renamed by the test' });
    await gone.first().waitFor({ state: 'detached', timeout: 10_000 });
    assert.equal(await gone.count(), 0);
  });
});
