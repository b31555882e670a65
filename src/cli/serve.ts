/**
 * `atelier serve`: the HTTP API, the OpenAI-compatible /v1 endpoints and the web UI
 * on one port (loopback by default).
 */
import { Command, InvalidArgumentError } from 'commander';
import { DEFAULT_DB_PATH } from '../store/sqlite.js';
import { DEFAULT_HOST, DEFAULT_PORT, DEFAULT_WEB_ROOT, loadOrCreateToken, startServer, webBuilt } from '../server/index.js';

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('expected a port number 0-65535');
  return port;
}

export function serveCommand(): Command {
  return new Command('serve')
    .description('Serve the API, OpenAI-compatible /v1 endpoints and the web UI')
    .option('--port <port>', 'port to listen on', parsePort, DEFAULT_PORT)
    .option('--host <host>', 'interface to bind', DEFAULT_HOST)
    .option('--db <file>', 'SQLite database (the token is stored beside it)', process.env.ATELIER_DB ?? DEFAULT_DB_PATH)
    .action(async (opts: { port: number; host: string; db: string }) => {
      const token = loadOrCreateToken(opts.db);
      const ui = webBuilt(DEFAULT_WEB_ROOT);
      const server = await startServer({ port: opts.port, host: opts.host, token: token.token });
      const out = process.stdout;
      out.write(`atelier serve: listening on ${server.url}\n`);
      if (token.source === 'generated') {
        out.write(`  token (generated, shown once, stored in ${token.file}):\n    ${token.token}\n`);
        if (ui) out.write(`  open the UI: ${server.url}/?token=${encodeURIComponent(token.token)}\n`);
      } else {
        const where = token.source === 'env' ? 'ATELIER_TOKEN' : token.file;
        out.write(`  token: from ${where}\n`);
        if (ui) out.write(`  open the UI: ${server.url}/?token=<token>\n`);
      }
      if (!ui) {
        out.write('  web UI: not built (web/dist is missing) - run `npm run build:web`, then restart; the API works without it\n');
      }
      out.write(`  API description: ${server.url}/api/openapi.json · OpenAI base URL: ${server.url}/v1\n`);
      const stop = (): void => {
        void server.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
