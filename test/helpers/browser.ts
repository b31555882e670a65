/**
 * What the browser tests share: Debian's chromium with the flags this machine needs, and a
 * web UI build that is current (rebuilt when a file under web/ changed since the last one).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_WEB_ROOT, webBuilt } from '../../src/server/index.js';

export const CHROMIUM = '/usr/bin/chromium';
export const haveChromium = existsSync(CHROMIUM);
/** Why a browser suite is skipped, or false when it can run. */
export const chromiumSkip = haveChromium
  ? false
  : `${CHROMIUM} is absent: install Debian's chromium to run the browser tests`;

/** Launch options for playwright-core's chromium (never a downloaded browser). */
export const CHROMIUM_LAUNCH = {
  executablePath: CHROMIUM,
  headless: true,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
  ],
};

/** True when a file under web/ changed after the last build (so a test sees the current UI). */
function uiSourcesNewer(): boolean {
  const built = statSync(join(DEFAULT_WEB_ROOT, 'index.html')).mtimeMs;
  const sources = [
    'web/index.html',
    ...readdirSync('web/src', { recursive: true }).map((f) => join('web/src', String(f))),
  ];
  return sources.some((f) => statSync(f).mtimeMs > built);
}

const LOCK = join('web', '.build-lock');

/**
 * Builds the web UI unless the build is current. Browser test files run side by side: a
 * lock directory makes the second wait for the first's build instead of writing the same
 * files at once.
 */
export function ensureWebBuilt(): void {
  const deadline = Date.now() + 5 * 60_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      assert.ok(Date.now() < deadline, `${LOCK} held for 5 minutes: remove it if no build runs`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    if (webBuilt(DEFAULT_WEB_ROOT) && !uiSourcesNewer()) return;
    const build = spawnSync('npm', ['run', 'build:web'], { stdio: 'inherit' });
    assert.equal(build.status, 0, 'npm run build:web failed');
  } finally {
    rmdirSync(LOCK);
  }
}
