/** Listening on a port: the app from `createApp`, served by @hono/node-server. */
import { serve } from '@hono/node-server';
import { lookup } from 'node:dns/promises';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { UserError } from '../errors.js';
import { createApp } from './app.js';
import { createComputePool } from './compute/index.js';
import { allowedHostsFor } from './host-check.js';
import type { AppOptions } from './types.js';

export interface ServerOptions extends AppOptions {
  /** Port to listen on (default 4817; 0 picks a free one). */
  port?: number;
  /** Interface to bind (default 127.0.0.1: loopback only). */
  host?: string;
  /** More names the server answers to besides its own addresses (`--allow-host`). */
  extraHosts?: readonly string[];
}

export interface RunningServer {
  /** Base URL, e.g. http://127.0.0.1:4817 */
  url: string;
  port: number;
  /** Stops accepting connections and closes open ones (SSE streams included). */
  close(): Promise<void>;
}

export const DEFAULT_PORT = 4817;
export const DEFAULT_HOST = '127.0.0.1';

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  // Closing the server stops the runs its app started (they stay resumable as 'interrupted').
  const stop = new AbortController();
  const stopped = new Error('the server stopped while it ran');
  options.signal?.addEventListener('abort', () => stop.abort(stopped), { once: true });
  const runsInFlight = new Set<Promise<unknown>>();
  const computePool = options.computePool ?? createComputePool(options.compute);
  const host = options.host ?? DEFAULT_HOST;
  const allowedHosts = options.allowedHosts ?? allowedHostsFor(host, options.extraHosts);
  const app = createApp({
    ...options,
    signal: stop.signal,
    runsInFlight,
    computePool,
    allowedHosts,
  });
  return new Promise((resolve, reject) => {
    const server = serve(
      { fetch: app.fetch, port: options.port ?? DEFAULT_PORT, hostname: host },
      (info: AddressInfo) => {
        const shownHost = host.includes(':') ? `[${host}]` : host;
        resolve({
          url: `http://${shownHost}:${info.port}`,
          port: info.port,
          close: async () => {
            // Stop the runs first and let them record that they were interrupted (bounded wait).
            stop.abort(stopped);
            await Promise.race([
              Promise.allSettled([...runsInFlight]),
              new Promise((r) => setTimeout(r, 2000).unref()),
            ]);
            // A pool the caller passed in is theirs to close.
            if (!options.computePool) await computePool.close();
            await new Promise<void>((done) => {
              // Long-lived SSE responses would keep close() waiting forever: cut them.
              if ('closeAllConnections' in server) server.closeAllConnections();
              server.close(() => done());
            });
          },
        });
      },
    );
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (!options.computePool) void computePool.close();
      reject(listenError(err, host, options.port ?? DEFAULT_PORT));
    });
  });
}

/**
 * Checks that `host` resolves and `port` is free, without keeping it: `atelier serve` calls
 * it before it creates a token or a database, so a mistake leaves nothing behind.
 */
export async function checkListen(host: string, port: number): Promise<void> {
  try {
    await lookup(host);
  } catch (err) {
    throw listenError(err as NodeJS.ErrnoException, host, port);
  }
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (err: NodeJS.ErrnoException) => reject(listenError(err, host, port)));
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

/**
 * A listen failure as one line the user can act on (what to do in parentheses, so the
 * terminal shows a single line); anything unexpected passes through.
 */
function listenError(err: NodeJS.ErrnoException, host: string, port: number): Error {
  const where = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  switch (err.code) {
    case 'EADDRINUSE':
      return new UserError(
        `cannot listen on ${where}: port ${port} is in use (stop the other server, or choose another --port; 0 picks a free one)`,
        {
          code: 'SERVE_PORT_IN_USE',
        },
      );
    case 'EACCES':
      return new UserError(
        `cannot listen on ${where}: permission denied for port ${port} (ports below 1024 need privileges: choose a --port above 1024)`,
        {
          code: 'SERVE_PORT_DENIED',
        },
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
    case 'EAI_NONAME':
      return new UserError(
        `cannot listen on --host ${host}: the name does not resolve (use an address of this machine: 127.0.0.1, the default, or 0.0.0.0 for all)`,
        {
          code: 'SERVE_BAD_HOST',
        },
      );
    case 'EADDRNOTAVAIL':
      return new UserError(
        `cannot listen on --host ${host}: not an address of this machine (use an address of this machine: 127.0.0.1, the default, or 0.0.0.0 for all)`,
        {
          code: 'SERVE_BAD_HOST',
        },
      );
    default:
      return err;
  }
}
