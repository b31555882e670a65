/**
 * `atelier serve`: the HTTP API, the OpenAI-compatible /v1 endpoints and the web UI
 * on one port (loopback by default).
 */
import { Command, InvalidArgumentError } from 'commander';
import { agent } from '../agents/index.js';
import { ModelConfigError, modelFromEnv } from '../models/index.js';
import { DEFAULT_DB_PATH, isPostgresUrl, openRunLog } from '../store/index.js';
import type { Model } from '../models/index.js';
import { teamAssistantTarget } from '../server/team-assistant-target.js';
import { listExampleMissions, loadMission, runWorker } from '../team/index.js';
import { intOption } from './run.js';
import type { Mission, RunLog } from '../team/index.js';
import {
  DEFAULT_HOST,
  DEFAULT_PORT,
  DEFAULT_WEB_ROOT,
  agentTarget,
  checkListen,
  loadOrCreateToken,
  startServer,
  teamTarget,
  webBuilt,
} from '../server/index.js';
import type { ChatTarget } from '../server/index.js';

/** The mission `npm start` runs and the browser test starts. */
export const FLAGSHIP_MISSION = 'paris-office';

/** Example missions that load; one that does not is reported and skipped, not fatal. */
async function exampleMissions(warn: (line: string) => void): Promise<Mission[]> {
  const out: Mission[] = [];
  for (const info of listExampleMissions()) {
    try {
      out.push(await loadMission(info.dir));
    } catch (err) {
      warn(
        `  example mission ${info.name} skipped: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }
  return out;
}

/** Teams of the example missions, and a chat assistant when a model is configured. */
function chatTargets(
  missions: Mission[],
  options: Parameters<typeof teamTarget>[1],
  warn: (line: string) => void,
): ChatTarget[] {
  let model: Model | undefined;
  try {
    model = modelFromEnv();
  } catch (err) {
    if (!(err instanceof ModelConfigError)) throw err;
    warn(`  chat agent not served: ${err.message}`);
  }
  // With a model, a team talks (its assistant); without one, it plans and narrates.
  const targets: ChatTarget[] = missions.map((m) =>
    model ? teamAssistantTarget(m, { ...options, model }) : teamTarget(m, options),
  );
  if (model) {
    const assistant = agent({
      name: 'assistant',
      instructions: 'You are a helpful assistant. Answer concisely.',
      model,
    });
    targets.unshift(agentTarget(assistant, { description: `Chat with ${model.name}` }));
  }
  return targets;
}

/** The configured model for model-driven steps, if any (a bad configuration is warned about above). */
function configuredModel(): { model?: Model } {
  try {
    const model = modelFromEnv();
    return model === undefined ? {} : { model };
  } catch {
    return {};
  }
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new InvalidArgumentError('expected a port number 0-65535');
  return port;
}

interface ServeOptions {
  port: number;
  host: string;
  db: string;
  mission?: string[];
  allowHost?: string[];
  corsOrigin?: string[];
  keepAlive: number;
  timeScale: number;
  queue?: boolean;
  workers?: number;
}

function secondsOption(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected seconds > 0');
  return n;
}

function scaleOption(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected a number >= 0');
  return n;
}

/**
 * `--workers N`: N workers in this process take the queued runs like any `atelier worker`,
 * under leases, so if this process dies another worker takes its runs and steps over.
 */
function localWorkers(store: RunLog, workers: number | undefined, signal: AbortSignal) {
  if (workers === undefined || workers === 0) return Promise.resolve();
  return runWorker(store, { concurrency: workers, steps: Math.max(2, 2 * workers), signal });
}

export function serveCommand(): Command {
  return new Command('serve')
    .description('Serve the API, OpenAI-compatible /v1 endpoints and the web UI')
    .option('--port <port>', 'port to listen on', parsePort, DEFAULT_PORT)
    .option('--host <host>', 'interface to bind', DEFAULT_HOST)
    .option(
      '--db <file|url>',
      'store of runs: a SQLite file (the token is stored beside it) or postgres://USER@HOST/DB',
      process.env.ATELIER_DB ?? DEFAULT_DB_PATH,
    )
    .option('--queue', 'runs started through the API wait for `atelier worker` (none run here)')
    .option(
      '--workers <n>',
      'run the API’s runs with N workers in this process, under leases (0: as --queue)',
      intOption('--workers', 0),
    )
    .option('--mission <dir...>', 'also serve these mission folders (besides the examples)')
    .option(
      '--allow-host <name...>',
      'also answer requests addressed to these host names (a reverse proxy, a LAN name)',
    )
    .option(
      '--cors-origin <origin...>',
      'let web pages from these origins call the API (e.g. http://localhost:3000); none by default',
    )
    .option(
      '--keep-alive <seconds>',
      'send a keep-alive comment on event streams after this long without data',
      secondsOption,
      15,
    )
    .option(
      '--time-scale <x>',
      'multiply simulated step durations of runs (0 = no delays)',
      scaleOption,
      1,
    )
    .action(async (opts: ServeOptions) => {
      // A busy port or a bad --host is said in one line before anything is created.
      await checkListen(opts.host, opts.port);
      const ui = webBuilt(DEFAULT_WEB_ROOT);
      const out = process.stdout;
      const warnings: string[] = [];
      const warn = (line: string): void => void warnings.push(line);
      // The user's missions are loaded first: a mistake in one is theirs to fix (exit 2, located).
      const own: Mission[] = [];
      for (const dir of opts.mission ?? []) own.push(await loadMission(dir));
      // The store before the token: a bad --db is one error line, with no token stored.
      const store = await openRunLog(opts.db);
      // With Postgres the token file stays in the default local folder.
      const token = loadOrCreateToken(isPostgresUrl(opts.db) ? DEFAULT_DB_PATH : opts.db);
      const examples = (await exampleMissions(warn)).filter(
        (m) => !own.some((o) => o.name === m.name),
      );
      const missions = [...own, ...examples];
      const stop = new AbortController();
      let base = '';
      const teamOptions = {
        store,
        timeScale: opts.timeScale,
        runUrl: (id: string) => `${base}/runs/${id}`,
      };
      const targets = chatTargets(missions, teamOptions, warn);
      const server = await startServer({
        port: opts.port,
        host: opts.host,
        ...(opts.allowHost ? { extraHosts: opts.allowHost } : {}),
        token: token.token,
        runs: {
          store,
          missions: own,
          timeScale: opts.timeScale,
          ...configuredModel(),
          ...(opts.queue === true || opts.workers !== undefined ? { queue: true } : {}),
        },
        sseKeepAliveMs: opts.keepAlive * 1000,
        ...(opts.corsOrigin ? { corsOrigins: opts.corsOrigin } : {}),
        chatTargets: targets,
        signal: stop.signal,
      });
      base = server.url;
      out.write(`atelier serve: listening on ${server.url}\n`);
      if (token.source === 'generated') {
        out.write(
          `  token (generated, shown once, stored in ${token.file}):\n    ${token.token}\n`,
        );
        if (ui)
          out.write(`  open the UI: ${server.url}/?token=${encodeURIComponent(token.token)}\n`);
      } else {
        const where = token.source === 'env' ? 'ATELIER_TOKEN' : token.file;
        out.write(`  token: from ${where}\n`);
        if (ui) out.write(`  open the UI: ${server.url}/?token=<token>\n`);
      }
      if (!ui) {
        out.write(
          '  web UI: not built (web/dist is missing) - run `npm run build:web`, then restart; the API works without it\n',
        );
      }
      out.write(
        `  API description: ${server.url}/api/openapi.json · OpenAI base URL: ${server.url}/v1 · MCP: ${server.url}/mcp\n`,
      );
      out.write(
        `  missions: ${missions.map((m) => m.name).join(', ') || 'none'} · /v1 models: ${targets.map((t) => t.id).join(', ') || 'none'}\n`,
      );
      for (const line of warnings) out.write(`${line}\n`);
      const local = localWorkers(store, opts.workers, stop.signal);
      const shutdown = (): void => {
        // Runs in progress are marked interrupted (resumable) or released, then the store closes.
        stop.abort();
        void Promise.all([server.close(), local])
          .then(() => store.close())
          .then(() => process.exit(0));
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    });
}
