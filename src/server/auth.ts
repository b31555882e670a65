/**
 * Bearer-token auth. The token comes from ATELIER_TOKEN or is generated once and
 * stored beside the database (`<db dir>/token`, mode 0600), so restarts keep it.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { MiddlewareHandler } from 'hono';
import { HttpError } from './errors.js';

export interface ServerToken {
  token: string;
  /** Where it came from; 'generated' means it was just created (print it once). */
  source: 'env' | 'file' | 'generated';
  /** The file that stores it, for file/generated tokens. */
  file?: string;
}

/** The token file for a database path (':memory:' keeps it in the working directory's .atelier/). */
export function tokenFileFor(dbPath: string): string {
  const dir = dbPath === ':memory:' ? resolve('.atelier') : dirname(resolve(dbPath));
  return join(dir, 'token');
}

export function loadOrCreateToken(
  dbPath: string,
  env: NodeJS.ProcessEnv = process.env,
): ServerToken {
  const fromEnv = env.ATELIER_TOKEN?.trim();
  if (fromEnv) return { token: fromEnv, source: 'env' };
  const file = tokenFileFor(dbPath);
  if (existsSync(file)) {
    const stored = readFileSync(file, 'utf8').trim();
    if (stored) return { token: stored, source: 'file', file };
  }
  const token = `atl_${randomBytes(24).toString('base64url')}`;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return { token, source: 'generated', file };
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Rejects requests without `Authorization: Bearer <token>` with a 401 JSON error. */
export function requireToken(expected: string): MiddlewareHandler {
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (!match) {
      throw new HttpError(
        401,
        'unauthorized',
        'missing bearer token: send "Authorization: Bearer <token>"',
        {},
        { 'WWW-Authenticate': 'Bearer realm="atelier"' },
      );
    }
    if (!sameToken(match[1]!.trim(), expected)) {
      throw new HttpError(
        401,
        'unauthorized',
        'invalid bearer token',
        {},
        { 'WWW-Authenticate': 'Bearer realm="atelier", error="invalid_token"' },
      );
    }
    await next();
  };
}
