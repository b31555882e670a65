/** Listening on a port: the app from `createApp`, served by @hono/node-server. */
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import { createComputePool } from './compute/index.js';
import type { AppOptions } from './types.js';

export interface ServerOptions extends AppOptions {
  /** Port to listen on (default 4817; 0 picks a free one). */
  port?: number;
  /** Interface to bind (default 127.0.0.1: loopback only). */
  host?: string;
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
  options.signal?.addEventListener('abort', () => stop.abort(), { once: true });
  const runsInFlight = new Set<Promise<unknown>>();
  const computePool = options.computePool ?? createComputePool(options.compute);
  const app = createApp({ ...options, signal: stop.signal, runsInFlight, computePool });
  const host = options.host ?? DEFAULT_HOST;
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
            stop.abort();
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
    server.once('error', reject);
  });
}
