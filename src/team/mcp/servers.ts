/**
 * A mission's MCP server as the run starts it: `${NAME}` in its strings replaced by the
 * environment variable (`${MISSION_DIR}`: the mission folder), relative paths made
 * relative to the mission folder, then checked as any MCP configuration. Nothing else is
 * expanded: no defaults, no commands, no `$NAME` without braces.
 */
import { isAbsolute, resolve } from 'node:path';
import { UserError } from '../../errors.js';
import { checkMcpConfig, type CheckedMcpConfig, type McpServerConfig } from '../../mcp/index.js';
import type { MissionMcpServer } from '../types.js';

const VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
export const MISSION_DIR_VARIABLE = 'MISSION_DIR';

type Env = Readonly<Record<string, string | undefined>>;

/** The variables a string names, with the offset of each in it. */
export function variablesIn(text: string): { name: string; offset: number }[] {
  return [...text.matchAll(VARIABLE)].map((m) => ({ name: m[1]!, offset: m.index }));
}

/** The strings of a server configuration that may name variables, with their field paths. */
export function expandableFields(
  config: Readonly<Record<string, unknown>>,
): { path: (string | number)[]; text: string }[] {
  const out: { path: (string | number)[]; text: string }[] = [];
  for (const key of ['command', 'cwd', 'url'])
    if (typeof config[key] === 'string') out.push({ path: [key], text: config[key] });
  if (Array.isArray(config.args))
    config.args.forEach(
      (a, i) => typeof a === 'string' && out.push({ path: ['args', i], text: a }),
    );
  for (const key of ['env', 'headers']) {
    const record = config[key];
    if (record === null || typeof record !== 'object' || Array.isArray(record)) continue;
    for (const [k, v] of Object.entries(record))
      if (typeof v === 'string') out.push({ path: [key, k], text: v });
  }
  return out;
}

/** A variable a server's configuration names that is not set, or undefined. */
export function unsetVariable(
  config: Readonly<Record<string, unknown>>,
  env: Env = process.env,
): { path: (string | number)[]; name: string; offset: number } | undefined {
  for (const { path, text } of expandableFields(config))
    for (const v of variablesIn(text))
      if (v.name !== MISSION_DIR_VARIABLE && env[v.name] === undefined) return { path, ...v };
  return undefined;
}

/**
 * The configuration the run starts the server with: variables expanded, paths resolved,
 * checked (`MCP_BAD_CONFIG`); a variable that is not set is `MCP_UNSET_VARIABLE`.
 */
export function resolveServer(server: MissionMcpServer, env: Env = process.env): CheckedMcpConfig {
  const { config, dir } = server;
  const unset = unsetVariable(config as unknown as Record<string, unknown>, env);
  if (unset !== undefined)
    throw new UserError(
      `MCP server "${config.name}": ${unset.path.join('.')} names the environment variable ${unset.name}, which is not set`,
      { code: 'MCP_UNSET_VARIABLE', hint: `set ${unset.name}, or write the value itself` },
    );
  const expand = (text: string): string =>
    text.replace(VARIABLE, (_, name: string) => (name === MISSION_DIR_VARIABLE ? dir : env[name]!));
  const each = (v: unknown): unknown => (typeof v === 'string' ? expand(v) : v);
  const record = (r: unknown): unknown =>
    r !== null && typeof r === 'object' && !Array.isArray(r)
      ? Object.fromEntries(Object.entries(r).map(([k, v]) => [k, each(v)]))
      : r;
  // Types are checked by checkMcpConfig below: a value of the wrong type is passed as it is.
  const raw = config as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = { ...raw };
  if (typeof raw.command === 'string') {
    const command = expand(raw.command);
    // `./server.js` and `../bin/server` name files of the mission's folder.
    out.command = /^\.\.?\//.test(command) ? resolve(dir, command) : command;
    out.cwd = typeof raw.cwd === 'string' ? resolvePath(dir, expand(raw.cwd)) : (raw.cwd ?? dir);
    if (Array.isArray(raw.args)) out.args = raw.args.map(each);
    if (raw.env !== undefined) out.env = record(raw.env);
  }
  if (typeof raw.url === 'string') out.url = expand(raw.url);
  if (raw.headers !== undefined) out.headers = record(raw.headers);
  return checkMcpConfig(out as unknown as McpServerConfig, `mcp.${config.name}`);
}

const resolvePath = (dir: string, path: string): string =>
  isAbsolute(path) ? path : resolve(dir, path);
