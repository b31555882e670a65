/**
 * The `mcp:` section of mission.yaml and the tools carried out by MCP tools, checked when
 * the mission is loaded: each server's configuration (and the environment variables it
 * names), each tool's server, and the names its argument templates use. Whether the
 * server has the tool, and whether the filled arguments fit its schema, is known only
 * once a run lists the server's tools: a mismatch then fails the step.
 */
import { UserError } from '../../errors.js';
import { closest } from '../../spelling.js';
import { MissionError } from '../errors.js';
import { MISSION_DIR_VARIABLE, resolveServer, unsetVariable } from '../mcp/servers.js';
import type { MissionMcpServer, PlanningTool } from '../types.js';
import { INPUTS_NAME, jsonStrings, unknownTemplateName } from '../work/template.js';
import type { Locate } from './mission-file.js';

/** Fields of an MCP configuration that a mission's server does not take. */
const NOT_IN_MISSIONS: Record<string, string> = {
  name: 'the key under mcp: names the server',
  prefix: 'tools name the MCP tool they call (tools.NAME.mcp.tool)',
  tools: 'each tool of the mission names the MCP tool it calls',
};

/**
 * The mission's MCP servers by (lower-case) name, each configuration checked; `dir` is
 * their folder (`${MISSION_DIR}`, relative paths, the default working folder).
 */
export function mcpServersOf(
  configs: Readonly<Record<string, Readonly<Record<string, unknown>>>> | undefined,
  dir: string,
  file: string,
  locate: Locate,
): Map<string, MissionMcpServer> {
  const servers = new Map<string, MissionMcpServer>();
  for (const [key, raw] of Object.entries(configs ?? {})) {
    const at = (path: (string | number)[], offset?: number) =>
      locate(['mcp', key, ...path], offset) ?? {};
    for (const [field, why] of Object.entries(NOT_IN_MISSIONS))
      if (field in raw)
        throw new MissionError(file, `mcp.${key}.${field}`, 'does not apply to a mission', {
          code: 'MISSION_SCHEMA',
          hint: why,
          ...at([field]),
        });
    const unset = unsetVariable(raw);
    if (unset !== undefined)
      throw new MissionError(
        file,
        `mcp.${key}.${unset.path.join('.')}`,
        `the environment variable ${unset.name} is not set`,
        {
          code: 'MISSION_MCP_UNSET_VARIABLE',
          hint: `set ${unset.name}, or write the value itself (\${${MISSION_DIR_VARIABLE}} is the mission folder)`,
          ...at(unset.path, unset.offset),
        },
      );
    const server: MissionMcpServer = {
      config: { ...(raw as unknown as MissionMcpServer['config']), name: key.toLowerCase() },
      dir,
    };
    try {
      resolveServer(server);
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      // `mcp.files: field "args.0": …` -> field args[0] of mcp.files.
      const message = err.message.replace(/^mcp\.[^:]+: /, '');
      const field = /^field "([^"]+)"/.exec(message)?.[1];
      const path = field?.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)) ?? [];
      throw new MissionError(file, `mcp.${key}`, message, {
        code: err.code,
        ...(err.hint === undefined ? {} : { hint: err.hint }),
        ...at(path),
      });
    }
    servers.set(key.toLowerCase(), server);
  }
  return servers;
}

/**
 * Tools carried out by MCP tools: the server is one of the mission's, the tool is not
 * also model-driven, and the argument and product templates name only the tool's
 * parameters, the mission and `{{inputs}}`.
 */
export function checkMcpTools(
  file: string,
  locate: Locate,
  tools: readonly PlanningTool[],
  servers: ReadonlyMap<string, MissionMcpServer>,
  /** The tool's key as written (mission.yaml keeps its case). */
  keyOf: (tool: PlanningTool) => string = (t) => t.name,
): void {
  for (const tool of tools) {
    if (tool.mcp === undefined) continue;
    const key = keyOf(tool);
    const at = (path: (string | number)[], offset?: number) =>
      locate(['tools', key, 'mcp', ...path], offset) ?? {};
    if (tool.byModel !== undefined)
      throw new MissionError(file, `tools.${key}`, 'has both byModel and mcp', {
        code: 'MISSION_MCP_WITH_MODEL',
        hint: "a step is done by the agent's model or by an MCP tool: keep one",
        ...at([]),
      });
    if (!servers.has(tool.mcp.server)) {
      const near = closest(tool.mcp.server, [...servers.keys()]);
      throw new MissionError(
        file,
        `tools.${key}.mcp.server`,
        `unknown MCP server '${tool.mcp.server}'`,
        {
          code: 'MISSION_MCP_UNKNOWN_SERVER',
          hint:
            servers.size === 0
              ? 'declare it under mcp: (e.g. mcp: { files: { command: node, args: [server.js] } })'
              : `${near === undefined ? '' : `did you mean '${near}'? `}the mission's servers: ${[...servers.keys()].join(', ')}`,
          ...at(['server']),
        },
      );
    }
    const params = tool.params.map(([p]) => p);
    const templates = [
      ...jsonStrings(tool.mcp.arguments, ['arguments']),
      ...(tool.mcp.product === undefined ? [] : [{ path: ['product'], text: tool.mcp.product }]),
    ];
    for (const { path, text } of templates) {
      const unknown = unknownTemplateName(text, params, [INPUTS_NAME]);
      if (unknown === undefined) continue;
      const field = `tools.${key}.mcp.${path.map((p) => (typeof p === 'number' ? `[${p}]` : p)).join('.')}`;
      throw new MissionError(file, field.replace(/\.\[/g, '['), `unknown name '${unknown.name}'`, {
        code: 'MISSION_UNKNOWN_TEMPLATE_NAME',
        hint: `a template may name ${unknown.known.join(', ')}`,
        ...at(path, unknown.offset),
      });
    }
  }
}
