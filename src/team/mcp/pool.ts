/**
 * The MCP servers of one run: each is started (or reached) the first time a step needs
 * it, its tools listed once, and it is kept for the steps that follow; one that exited
 * (crashed, killed) is started again by the next step that needs it. `close()` stops
 * them all when the run ends, whatever ended it, and waits for starts still under way.
 */
import { UserError } from '../../errors.js';
import { openMcpServer, type McpSession } from '../../mcp/index.js';
import type { Mission } from '../types.js';
import { resolveServer } from './servers.js';

export interface McpPool {
  /**
   * The open session of the server named `name`, started on first use. Throws a
   * `UserError` when it cannot be started (and again, at once, for every later step of
   * the run), or the abort reason of `signal`.
   */
  session(name: string, signal: AbortSignal | undefined): Promise<McpSession>;
  /** Drops a session whose server exited, so the next step starts it again. */
  forget(session: McpSession): void;
  /** How many times each server was started in this run. */
  readonly starts: ReadonlyMap<string, number>;
  /** Stops every server of the run. Never throws; later `session` calls are refused. */
  close(): Promise<void>;
}

export function mcpPool(mission: Pick<Mission, 'mcpServers' | 'name'>): McpPool {
  const open = new Map<string, Promise<McpSession>>();
  const failed = new Map<string, UserError>();
  const starts = new Map<string, number>();
  const live = new Map<string, McpSession>();
  const closing = new Set<Promise<void>>();
  const stopping = new AbortController();
  let closed = false;
  const start = async (name: string, signal: AbortSignal | undefined): Promise<McpSession> => {
    const server = mission.mcpServers?.get(name);
    if (server === undefined)
      throw new UserError(`mission ${mission.name} has no MCP server "${name}"`, {
        code: 'MCP_UNKNOWN_SERVER',
      });
    starts.set(name, (starts.get(name) ?? 0) + 1);
    // Started for the run, not for the step: only the run's end (or its abort) stops it.
    const limit = signal ? AbortSignal.any([signal, stopping.signal]) : stopping.signal;
    try {
      const session = await openMcpServer(resolveServer(server), { signal: limit });
      live.set(name, session);
      return session;
    } catch (err) {
      if (err instanceof UserError && !limit.aborted) failed.set(name, err);
      throw err;
    }
  };
  return {
    starts,
    session(name, signal) {
      if (closed)
        return Promise.reject(new UserError('the run has ended: its MCP servers are stopped'));
      const earlier = failed.get(name);
      if (earlier !== undefined) return Promise.reject(earlier);
      let session = open.get(name);
      if (session === undefined) {
        session = start(name, signal);
        open.set(name, session);
        // A start that failed is not kept: the failure is (`failed`), or it was aborted.
        session.catch(() => open.get(name) === session && open.delete(name));
      }
      return session;
    },
    forget(session) {
      const name = session.config.name;
      if (live.get(name) !== session) return;
      live.delete(name);
      open.delete(name);
      const done = session.close();
      closing.add(done);
      void done.then(() => closing.delete(done));
    },
    async close() {
      closed = true;
      stopping.abort(new Error('the run has ended'));
      const all = [...open.values()];
      open.clear();
      live.clear();
      await Promise.all([
        ...all.map((p) => p.then((s) => s.close()).catch(() => undefined)),
        ...closing,
      ]);
    },
  };
}
