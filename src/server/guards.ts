/**
 * What every request passes before a route: headers that keep pages from framing the UI,
 * the Host check against DNS rebinding, and for /api and /v1 the CORS preflight, the
 * bearer token and the body limit, in that order.
 */
import type { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { secureHeaders } from 'hono/secure-headers';
import { requireToken } from './auth.js';
import { HttpError } from './errors.js';
import { checkHost } from './host-check.js';
import type { AppOptions } from './types.js';

export function hardenResponses(app: Hono, options: AppOptions): void {
  // No page may frame the UI (clickjacking the Approve button); the ?token= link must not
  // leak through Referer; HSTS is left out (plain HTTP on loopback).
  app.use(
    '*',
    secureHeaders({
      xFrameOptions: 'DENY',
      contentSecurityPolicy: { frameAncestors: ["'none'"] },
      referrerPolicy: 'no-referrer',
      strictTransportSecurity: false,
      crossOriginResourcePolicy: false,
    }),
  );
  if (options.allowedHosts && !options.allowedHosts.includes('*'))
    app.use('*', checkHost(options.allowedHosts));
}

export function guardApi(
  app: Hono,
  token: string,
  limit: number,
  corsOrigins: readonly string[],
): void {
  // Browsers may call the API only from the origins the operator allowed (none by
  // default); a preflight is answered before auth, never with a 401.
  const origins = new Set(corsOrigins);
  const preflight = cors({
    origin: (origin) => (origins.has(origin) || origins.has('*') ? origin : null),
    allowMethods: ['GET', 'POST', 'OPTIONS'],
    exposeHeaders: ['Retry-After', 'WWW-Authenticate'],
    maxAge: 600,
  });
  const tooLarge = (): never => {
    throw new HttpError(413, 'body_too_large', `request body is larger than ${limit} bytes`, {
      limit,
    });
  };
  for (const prefix of ['/api/*', '/v1/*', '/mcp']) {
    app.use(prefix, preflight);
    app.use(prefix, requireToken(token));
    app.use(prefix, bodyLimit({ maxSize: limit, onError: tooLarge }));
  }
}
