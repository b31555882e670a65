/**
 * DNS rebinding: a web page on another site can make its own name resolve to 127.0.0.1
 * and then talk to a local server as "same origin". Such requests still carry the
 * attacker's name in `Host`, so the server answers only requests whose Host is one of
 * its own addresses (for a loopback bind: localhost, 127.0.0.1, [::1]).
 */
import { hostname, networkInterfaces } from 'node:os';
import type { MiddlewareHandler } from 'hono';
import { isIP } from 'node:net';
import { errorBody } from './errors.js';
import { isApiPath } from './static.js';

const LOOPBACK = ['localhost', '127.0.0.1', '::1'];

/** True for a loopback address or name (127.0.0.0/8, ::1, localhost). */
export function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

/**
 * The names a server bound to `host` answers to: loopback aliases for a loopback bind;
 * for a wildcard bind (0.0.0.0, ::) also every address of this machine and its host name;
 * otherwise the bound address itself. `extra` adds names (`--allow-host`).
 */
export function allowedHostsFor(host: string, extra: readonly string[] = []): string[] {
  const names = new Set<string>([...LOOPBACK, ...extra.map(normalize)]);
  const bound = normalize(host);
  if (bound === '0.0.0.0' || bound === '::') {
    for (const list of Object.values(networkInterfaces()))
      for (const a of list ?? []) names.add(normalize(a.address));
    names.add(hostname().toLowerCase());
  } else if (!isLoopback(bound)) {
    names.add(bound);
  }
  return [...names];
}

function normalize(host: string): string {
  return host.toLowerCase().replace(/^\[|\]$/g, '');
}

/** The host name of a Host header value, without port and brackets; undefined if malformed. */
export function hostOf(header: string): string | undefined {
  if (isIP(header) === 6) return header.toLowerCase();
  try {
    return normalize(new URL(`http://${header}`).hostname);
  } catch {
    return undefined;
  }
}

/** Refuses (403) requests whose Host header is not one of `allowed`. */
export function checkHost(allowed: readonly string[]): MiddlewareHandler {
  const set = new Set(allowed.map(normalize));
  return async (c, next) => {
    const header = c.req.header('host') ?? '';
    const name = hostOf(header);
    if (name !== undefined && set.has(name)) return next();
    const message = `Host "${header}" is not an address of this server`;
    const hint = 'use the address atelier serve printed, or start it with --allow-host NAME';
    if (isApiPath(new URL(c.req.url).pathname))
      return c.json(errorBody('host_not_allowed', message, { hint }, 403), 403);
    return c.text(`403 Forbidden: ${message} (${hint})\n`, 403);
  };
}
