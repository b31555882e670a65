/**
 * `atelier mcp`: Atelier as an MCP server on stdin/stdout, for MCP clients that start
 * their servers (Claude Desktop, Cursor, the MCP SDKs, @openai/agents' MCPServerStdio).
 * stdout carries the protocol only; anything else goes to stderr.
 */
import { Command, InvalidArgumentError } from 'commander';
import { DEFAULT_DB_PATH } from '../store/sqlite.js';
import { openRunStore } from '../store/index.js';
import { loadMission } from '../team/index.js';
import type { Mission } from '../team/index.js';
import { serveMcpStdio } from '../server/mcp/index.js';

interface McpOptions {
  db: string;
  mission?: string[];
  timeScale?: number;
  runs: boolean;
}

function parseScale(value: string): number {
  const x = Number(value);
  if (!Number.isFinite(x) || x < 0) throw new InvalidArgumentError('expected a number >= 0');
  return x;
}

export function mcpCommand(): Command {
  return new Command('mcp')
    .description(
      'Serve plan, validate, reason, missions and runs as MCP tools on stdin/stdout (Model Context Protocol)',
    )
    .option('--db <file>', 'SQLite database of the runs', process.env.ATELIER_DB ?? DEFAULT_DB_PATH)
    .option('--mission <dir...>', 'also offer these mission folders (besides the examples)')
    .option('--time-scale <x>', 'multiply simulated step durations (0 = no delays)', parseScale)
    .option('--no-runs', 'offer only plan, validate and reason (no database)')
    .action(async (opts: McpOptions) => {
      const own: Mission[] = [];
      for (const dir of opts.mission ?? []) own.push(await loadMission(dir));
      const timeScale = opts.timeScale;
      const stop = new AbortController();
      const inFlight = new Set<Promise<unknown>>();
      const store = opts.runs ? openRunStore(opts.db) : undefined;
      try {
        await serveMcpStdio({
          ...(store
            ? {
                runs: {
                  store,
                  missions: own,
                  signal: stop.signal,
                  runsInFlight: inFlight,
                  ...(timeScale !== undefined ? { timeScale } : {}),
                },
              }
            : {}),
        });
      } finally {
        // The client went away: runs still going are stopped and stay resumable.
        stop.abort();
        await Promise.race([
          Promise.allSettled([...inFlight]),
          new Promise((r) => setTimeout(r, 2000).unref()),
        ]);
        store?.close();
      }
    });
}
