/**
 * Serves the built web UI (web/dist) with a single-page-app fallback: any GET that
 * is not an API route and not a file gets index.html, so /runs/abc deep links work.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** web/dist of this checkout. */
export const DEFAULT_WEB_ROOT = resolve(fileURLToPath(new URL('../../web/dist', import.meta.url)));

/** True when the UI has been built (web/dist/index.html exists). */
export function webBuilt(root: string = DEFAULT_WEB_ROOT): boolean {
  return existsSync(join(root, 'index.html'));
}

/** The decoded path of a URL pathname, or undefined when its %-escapes are malformed (`/%E0`). */
export function decodePath(pathname: string): string | undefined {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
}

/** True for the API prefixes (/api, /v1), which answer JSON errors rather than plain text. */
export function isApiPath(path: string): boolean {
  return path.startsWith('/api/') || path.startsWith('/v1/') || path === '/api' || path === '/v1';
}

/** Adds the UI routes to the app; files are read once and kept (the bundle is small). */
export function mountWebUi(app: Hono, root: string): void {
  const cache = new Map<string, { body: Uint8Array; type: string }>();
  const load = (file: string): { body: Uint8Array; type: string } | undefined => {
    const hit = cache.get(file);
    if (hit) return hit;
    if (!existsSync(file) || !statSync(file).isFile()) return undefined;
    const entry = {
      body: new Uint8Array(readFileSync(file)),
      type: TYPES[extname(file)] ?? 'application/octet-stream',
    };
    cache.set(file, entry);
    return entry;
  };
  app.get('*', (c, next) => {
    const path = decodePath(new URL(c.req.url).pathname);
    // Malformed paths are answered by the guard in createApp; never serve or decode them here.
    if (path === undefined || isApiPath(path)) return next();
    const file = normalize(join(root, path));
    // Refuse anything that escapes the UI folder (../ tricks).
    if (file !== root && !file.startsWith(root + sep)) return next();
    const asset = path === '/' ? undefined : load(file);
    const served = asset ?? (extname(path) === '' ? load(join(root, 'index.html')) : undefined);
    if (!served) return next();
    const immutable = path.startsWith('/assets/');
    return new Response(served.body, {
      headers: {
        'content-type': served.type,
        'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      },
    });
  });
}
