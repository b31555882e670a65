/**
 * Loading a mission folder: mission.yaml (team, agents, tools with planning signatures,
 * objects, goal), a knowledge file in the reasoner's syntax, or a PDDL domain + problem.
 * Every mistake names the file, the field and what was expected.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { MissionError } from '../errors.js';
import { factKey, parseAtomText } from '../facts.js';
import type { Mission } from '../types.js';
import { checkCapabilities, checkParentheses, checkVocabulary } from './checks.js';
import { agentsFromFile, checkFileTemplates, notApplying, toolsFromFile } from './from-file.js';
import { readMissionFile, readText } from './mission-file.js';
import { checkMcpTools, mcpServersOf } from './mcp.js';
import type { Locate } from './mission-file.js';
import { pddlMission } from './pddl-mission.js';
import { readKnowledge } from './rules.js';
import { loadWorld } from './world-module.js';
import type { MissionKnowledge } from './rules.js';
import type { MissionFile } from './schema.js';
import { domainForTools, goalOf, learnedApart } from './tools-domain.js';

export { domainForTools, goalOf };

/** Loads a mission folder (or its mission.yaml). Throws MissionError/PddlError/LogicError, all UserErrors. */
export async function loadMission(path: string): Promise<Mission> {
  const dir = existsSync(path) && statSync(path).isFile() ? resolve(path, '..') : resolve(path);
  const file = join(dir, 'mission.yaml');
  if (!existsSync(file))
    throw new MissionError(file, undefined, 'no mission.yaml in this folder', {
      code: 'MISSION_NOT_FOUND',
      hint: 'a mission folder holds mission.yaml (see examples/paris-office)',
    });
  const { data: m, locate } = readMissionFile(file);
  const world =
    m.world === undefined ? undefined : await loadWorld(dir, m.world, file, locate(['world']));
  const base = {
    name: m.name.toLowerCase(),
    description: m.description ?? '',
    dir,
    ...(world === undefined ? {} : { world }),
  };

  if (m.domain !== undefined || m.problem !== undefined)
    return pddlMission(m, dir, file, locate, base);
  return toolMission(m, dir, file, locate, base);
}

/** What both kinds of mission take from mission.yaml as it is. */
type MissionBase = Pick<Mission, 'name' | 'description' | 'dir' | 'world'>;

/** A mission whose action model is its tools' planning signatures (plus the knowledge file's rules). */
function toolMission(
  m: MissionFile,
  dir: string,
  file: string,
  locate: Locate,
  base: MissionBase,
): Mission {
  notApplying(
    m,
    file,
    locate,
    ['durations'],
    'a mission with tools gives each tool its duration (tools.NAME.duration)',
  );
  if (m.goal === undefined)
    throw new MissionError(
      file,
      'goal',
      'missing; expected a PDDL goal such as (and (announced paris))',
      { code: 'MISSION_SCHEMA' },
    );
  if (m.tools === undefined)
    throw new MissionError(
      file,
      'tools',
      'missing; expected the tools with planning signatures (or domain + problem files)',
      { code: 'MISSION_SCHEMA' },
    );
  const knowledgeFile = m.knowledge === undefined ? undefined : join(dir, m.knowledge);
  const knowledge =
    knowledgeFile === undefined
      ? undefined
      : readKnowledge(
          readText(knowledgeFile, 'knowledge', 'knowledge file', {
            file,
            ...locate(['knowledge']),
          }),
          knowledgeFile,
        );
  const tools = toolsFromFile(m, file, locate);
  checkFileTemplates(m, file, locate, tools);
  const mcpServers = mcpServersOf(m.mcp, dir, file, locate);
  const toolKeys = new Map(Object.keys(m.tools).map((k) => [k.toLowerCase(), k]));
  checkMcpTools(file, locate, tools, mcpServers, (t) => toolKeys.get(t.name) ?? t.name);
  const agents = agentsFromFile(m, file, new Set(tools.map((t) => t.name)), locate);
  checkCapabilities(file, locate, m.agents, tools);
  const objects = Object.entries(m.objects ?? {}).flatMap(([type, names]) =>
    names.map((n) => ({ name: n.toLowerCase(), type: type.toLowerCase() })),
  );
  checkParamTypes(m, file, locate);
  const facts: string[] = [...(knowledge?.facts ?? [])];
  const fileFacts = factsOf(m, file, locate);
  facts.push(...fileFacts.map((f) => factKey(f.predicate, f.args)));
  checkSignatures(m, file, locate, fileFacts, objects, knowledge, knowledgeFile);
  const { domain: all, idle } = domainForTools({
    name: base.name,
    tools,
    agents,
    types: m.types ?? {},
    objects,
    facts,
    goal: m.goal,
    derived: knowledge?.derived ?? [],
    file,
    locate,
    toolKeys,
  });
  const { domain, learnedActions } = learnedApart(all, tools);
  const goal = goalOf(domain, objects, m.goal, file, 'goal', (offset) => locate(['goal'], offset));
  const durations = new Map(
    Object.entries(m.tools).map(([n, t]) => [n.toLowerCase(), t.duration ?? 0]),
  );
  return {
    ...base,
    domain,
    idle,
    agents,
    objects,
    facts,
    goal,
    rules: knowledge === undefined ? '' : readFileSync(knowledgeFile!, 'utf8'),
    tools: new Map(tools.map((t) => [t.name, t])),
    ...(mcpServers.size === 0 ? {} : { mcpServers }),
    stepDurationMs: (action) => durations.get(action) ?? 0,
    ...(learnedActions.length === 0 ? {} : { learnedActions }),
  };
}

/** Every tool parameter's type is `object`, a declared type, or a type of declared objects. */
function checkParamTypes(m: MissionFile, file: string, locate: Locate): void {
  const knownTypes = new Set(
    [
      'object',
      ...Object.keys(m.types ?? {}),
      ...Object.values(m.types ?? {}),
      ...Object.keys(m.objects ?? {}),
    ].map((t) => t.toLowerCase()),
  );
  for (const [tool, t] of Object.entries(m.tools ?? {})) {
    for (const [param, type] of Object.entries(t.params ?? {})) {
      if (!knownTypes.has(type.toLowerCase())) {
        throw new MissionError(file, `tools.${tool}.params.${param}`, `unknown type '${type}'`, {
          code: 'MISSION_UNKNOWN_TYPE',
          hint: `expected one of: ${[...knownTypes].join(', ')} (declare it under types or objects)`,
          ...locate(['tools', tool, 'params', param]),
        });
      }
    }
  }
}

/** The `facts` of mission.yaml as atoms (with the text as written). */
function factsOf(
  m: MissionFile,
  file: string,
  locate: Locate,
): { text: string; predicate: string; args: string[] }[] {
  return (m.facts ?? []).map((f, i) => {
    const a = parseAtomText(f);
    if (a === undefined)
      throw new MissionError(
        file,
        `facts[${i}]`,
        `expected a ground atom such as (open-role ml-lead), found '${f}'`,
        { code: 'MISSION_BAD_FACT', ...locate(['facts', i]) },
      );
    return { text: f, ...a };
  });
}

/** Parentheses of every signature and the goal, then the predicates and objects they name. */
function checkSignatures(
  m: MissionFile,
  file: string,
  locate: Locate,
  fileFacts: { text: string; predicate: string; args: string[] }[],
  objects: { name: string }[],
  knowledge: MissionKnowledge | undefined,
  knowledgeFile: string | undefined,
): void {
  // A learned tool's texts are its bootstrap model's (if any).
  const tools = Object.entries(m.tools ?? {}).flatMap(([key, t]) =>
    t.effect !== undefined
      ? [{ key, path: ['tools', key], t: { precondition: t.precondition, effect: t.effect } }]
      : t.bootstrap === undefined
        ? []
        : [{ key, path: ['tools', key, 'bootstrap'], t: t.bootstrap }],
  );
  checkParentheses(file, locate, [
    ...tools.flatMap(({ path, t }) => [
      ...(t.precondition === undefined
        ? []
        : [{ path: [...path, 'precondition'], text: t.precondition }]),
      { path: [...path, 'effect'], text: t.effect },
    ]),
    { path: ['goal'], text: m.goal ?? '' },
  ]);
  checkVocabulary({
    file,
    locate,
    goal: m.goal ?? '',
    facts: fileFacts,
    objects: new Set(objects.map((o) => o.name)),
    tools: tools.map(({ key, t }) => ({
      key,
      effect: t.effect,
      ...(t.precondition === undefined ? {} : { precondition: t.precondition }),
    })),
    learned: Object.values(m.tools ?? {}).some((t) => t.effect === undefined),
    ...(knowledge === undefined ? {} : { knowledge, knowledgeFile: knowledgeFile! }),
  });
}

/** Example missions: folders under `root` holding a mission.yaml. */
export function listExampleMissions(
  root = resolve(import.meta.dirname, '../../../examples'),
): { name: string; dir: string; description: string }[] {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .map((d) => join(root, d))
    .filter((d) => existsSync(join(d, 'mission.yaml')))
    .map((d) => {
      let description = '';
      try {
        const doc = parseDocument(readFileSync(join(d, 'mission.yaml'), 'utf8')).toJS() as {
          description?: unknown;
        };
        if (typeof doc.description === 'string') description = doc.description;
      } catch {
        /* listed anyway; loading reports the error */
      }
      return { name: basename(d), dir: d, description };
    });
}
