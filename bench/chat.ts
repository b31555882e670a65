/**
 * Chat page benchmark in Debian's chromium: the time from pressing Enter in the composer
 * to the first token of the answer painted, with a chat agent whose model is the local
 * OpenAI-compatible test server answering at once (so the figure is Atelier's own path:
 * the page, POST /api/conversations/:id/messages, the agent loop, the answer's event
 * stream, React, Markdown), and the size of the page's JavaScript and CSS, gzipped.
 *
 * "Painted" is the second animation frame after the first token reaches the DOM: the
 * first frame's paint has happened by then. The server runs in this process.
 *
 *   npm run bench:chat [-- --runs 30]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { agent } from '../src/agents/index.js';
import { createOpenAICompatibleModel } from '../src/models/index.js';
import { DEFAULT_WEB_ROOT, agentTarget, startServer } from '../src/server/index.js';
import { reply, startChatCompletionsServer } from '../test/helpers/openai-compatible-server.js';
import { CHROMIUM, CHROMIUM_LAUNCH } from '../test/helpers/browser.js';

const TOKEN = 'bench-chat';
const { values } = parseArgs({ options: { runs: { type: 'string', default: '30' } } });
const runs = Math.min(500, Math.max(1, Number(values.runs) || 30));

if (!existsSync(CHROMIUM)) {
  console.error(`bench:chat needs ${CHROMIUM} (Debian's chromium)`);
  process.exit(2);
}
// Always a fresh production build: the sizes are the ones `atelier serve` sends.
const build = spawnSync('npm', ['run', 'build:web'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(1);

function assetSizes(): { js: number; jsGzip: number; css: number; cssGzip: number } {
  const dir = join(DEFAULT_WEB_ROOT, 'assets');
  const out = { js: 0, jsGzip: 0, css: 0, cssGzip: 0 };
  for (const f of readdirSync(dir)) {
    const bytes = readFileSync(join(dir, f));
    const gz = gzipSync(bytes, { level: 9 }).length;
    const kind = f.endsWith('.js') ? 'js' : f.endsWith('.css') ? 'css' : undefined;
    if (kind === 'js') {
      out.js += bytes.length;
      out.jsGzip += gz;
    } else if (kind === 'css') {
      out.css += bytes.length;
      out.cssGzip += gz;
    }
  }
  return out;
}

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

const upstream = await startChatCompletionsServer();
const model = createOpenAICompatibleModel({
  baseURL: upstream.url,
  model: 'instant',
  apiKey: 'sk-bench',
});
const server = await startServer({
  token: TOKEN,
  port: 0,
  chatTargets: [agentTarget(agent({ name: 'assistant', instructions: 'Answer.', model }))],
});
const browser = await chromium.launch(CHROMIUM_LAUNCH);
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(`${server.url}/?token=${TOKEN}`);
  await page.getByLabel('Target').selectOption('assistant');
  // Enter's time on keydown (capture: before the page's own handler), the first token's
  // after two animation frames.
  await page.evaluate(`(() => {
    window.__enterAt = 0;
    window.__paintedAt = 0;
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey) { window.__enterAt = performance.now(); window.__paintedAt = 0; }
    }, true);
    new MutationObserver(() => {
      if (!window.__enterAt || window.__paintedAt) return;
      const md = [...document.querySelectorAll('article.msg-assistant .md')].pop();
      if (!md || !md.textContent || md.closest('article').dataset.seen) return;
      md.closest('article').dataset.seen = '1';
      window.__paintedAt = -1;
      requestAnimationFrame(() => requestAnimationFrame(() => { window.__paintedAt = performance.now(); }));
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  })()`);
  const box = page.getByLabel('Message', { exact: true });
  const times: number[] = [];
  for (let i = 0; i <= runs; i++) {
    upstream.script(reply.text(`Answer number ${i}: hello.`));
    await box.fill(`Question ${i}`);
    await box.press('Enter');
    await page.waitForFunction('window.__paintedAt > 0');
    const ms = (await page.evaluate('window.__paintedAt - window.__enterAt')) as number;
    // The first round warms the server, the agent loop and the page up.
    if (i > 0) times.push(ms);
    await page.waitForFunction(
      `[...document.querySelectorAll('article.msg-assistant')].pop()?.dataset.status === 'done'`,
    );
  }
  const size = assetSizes();
  const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;
  console.log(`Enter to first token painted, ${runs} messages, instant local test model:`);
  console.log(
    `  median ${pct(times, 50).toFixed(1)} ms, p90 ${pct(times, 90).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms (target < 100 ms)`,
  );
  console.log(
    `Web UI assets: JS ${kb(size.js)} (gzip ${kb(size.jsGzip)}), CSS ${kb(size.css)} (gzip ${kb(size.cssGzip)})`,
  );
} finally {
  await browser.close();
  await server.close();
  await upstream.close();
}
