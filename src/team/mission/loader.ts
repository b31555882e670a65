/**
 * Loading a mission folder: mission.yaml (team, agents, tools with planning signatures,
 * objects, goal), a knowledge file in the reasoner's syntax, or a PDDL domain + problem.
 * Every mistake names the file, the field and what was expected.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseDocument } from 'yaml';
import { PddlError, loadDomainFile, loadProblemFile } from '../../pddl/index.js';
import type { Condition, Domain } from '../../pddl/ast.js';
import { GoalError, MissionError } from '../errors.js';
import { parseGoal } from './goal.js';
import { factKey, parseAtomText, problemFor } from '../facts.js';
import type { MissionFile } from './schema.js';
import { readMissionFile, readText } from './mission-file.js';
import type { Locate } from './mission-file.js';
import { fieldName } from './mission-file.js';
import { checkCapabilities, checkParentheses, checkVocabulary } from './checks.js';
import { closest } from './spelling.js';
import { readKnowledge } from './rules.js';
import { buildDomain, domainLayout } from './signature.js';
import type { DomainSpec, Segment } from './signature.js';
import { planningTool } from '../types.js';
import { usableDomain } from './capable.js';
import type { IdleAction } from './capable.js';
import type { Mission, PlanningTool, TeamAgent, World } from '../types.js';

function toolsFromFile(m: MissionFile): PlanningTool[] {
  return Object.entries(m.tools ?? {}).map(([name, t]) =>
    planningTool({
      name,
      ...(t.description === undefined ? {} : { description: t.description }),
      ...(t.params === undefined ? {} : { params: t.params }),
      ...(t.precondition === undefined ? {} : { precondition: t.precondition }),
      effect: t.effect,
      ...(t.capability === undefined ? {} : { capability: t.capability }),
      ...(t.needsApproval === undefined ? {} : { needsApproval: t.needsApproval }),
    }),
  );
}

function agentsFromFile(
  m: MissionFile,
  file: string,
  toolNames: Set<string>,
  locate: Locate,
): TeamAgent[] {
  return m.agents.map((a, i) => {
    (a.tools ?? []).forEach((t, j) => {
      if (!toolNames.has(t.toLowerCase())) {
        const near = closest(t.toLowerCase(), toolNames);
        throw new MissionError(file, `agents[${i}].tools[${j}]`, `unknown tool '${t}'`, {
          hint: `${near === undefined ? '' : `did you mean '${near}'? `}expected one of: ${[...toolNames].join(', ')}`,
          ...locate(['agents', i, 'tools', j]),
        });
      }
    });
    return {
      name: a.name.toLowerCase(),
      ...(a.role === undefined ? {} : { role: a.role }),
      cost: a.cost ?? 1,
      capabilities: [...(a.capabilities ?? []), ...(a.tools ?? [])].map((c) => c.toLowerCase()),
    };
  });
}

/**
 * Where a PDDL error in the generated domain text comes from: the tool's precondition or
 * effect it falls in (and the offset in that text), else the tool whose action it is in,
 * else the rules (derived predicates come after the actions).
 */
function sourceOf(
  layout: { text: string; segments: Segment[]; derivedStart: number },
  line: number,
  col: number,
): { field?: 'knowledge'; tool?: string; part?: 'precondition' | 'effect'; offset?: number } {
  const lines = layout.text.split('\n');
  let at = col - 1;
  for (let i = 0; i < Math.min(line, lines.length) - 1; i++) at += lines[i]!.length + 1;
  for (const x of layout.segments) {
    if (x.part !== 'action' && at >= x.start && at < x.end)
      return { tool: x.tool, part: x.part, offset: at - x.start };
  }
  const action = layout.segments.find((x) => x.part === 'action' && at >= x.start && at < x.end);
  if (action !== undefined) return { tool: action.tool };
  return at >= layout.derivedStart ? { field: 'knowledge' } : {};
}

/**
 * Imports a mission's module. A world is usually TypeScript, which the compiled CLI cannot
 * load by itself, so .ts files go through tsx's scoped import (nothing registered globally).
 */
async function importModule(path: string): Promise<unknown> {
  if (!/\.[cm]?tsx?$/.test(path)) return import(pathToFileURL(path).href);
  const { tsImport } = await import('tsx/esm/api');
  return tsImport(pathToFileURL(path).href, import.meta.url);
}

async function loadWorld(
  dir: string,
  field: string,
  file: string,
): Promise<(seed: number) => World> {
  const path = resolve(dir, field);
  if (!existsSync(path))
    throw new MissionError(file, 'world', `no such module '${field}'`, {
      hint: 'a TypeScript module exporting createWorld(seed)',
    });
  const mod = (await importModule(path)) as { createWorld?: unknown };
  if (typeof mod.createWorld !== 'function')
    throw new MissionError(
      file,
      'world',
      `'${field}' does not export a function createWorld(seed)`,
    );
  return mod.createWorld as (seed: number) => World;
}

/** Rejects fields of mission.yaml that do not apply to this kind of mission. */
function notApplying(
  m: MissionFile,
  file: string,
  locate: Locate,
  keys: (keyof MissionFile)[],
  hint: string,
): void {
  for (const k of keys) {
    if (m[k] === undefined) continue;
    const at = locate([k]);
    throw new MissionError(file, k, 'does not apply to this mission', {
      hint,
      ...(at === undefined ? {} : { line: at.line, col: at.col }),
    });
  }
}

/** A mission whose action model is a PDDL domain + problem; agents list the actions they carry out. */
function pddlMission(
  m: MissionFile,
  dir: string,
  file: string,
  locate: Locate,
  base: Omit<Mission, 'domain' | 'objects' | 'facts' | 'rules' | 'goal' | 'agents' | 'tools'>,
): Mission {
  if (m.domain === undefined || m.problem === undefined)
    throw new MissionError(
      file,
      m.domain === undefined ? 'domain' : 'problem',
      'missing; a PDDL mission names both a domain and a problem file',
      { ...locate([]) },
    );
  notApplying(
    m,
    file,
    locate,
    ['goal', 'facts', 'tools', 'knowledge', 'types', 'objects'],
    'a PDDL mission takes its types, objects, facts and goal from the problem file, and its actions from the domain file',
  );
  const domain = loadDomainFile(join(dir, m.domain));
  const problem = loadProblemFile(join(dir, m.problem), domain);
  const durations = m.durations ?? {};
  const tools = new Map(
    domain.actions.map((a) => [
      a.name,
      planningTool({
        name: a.name,
        effect: '(and)',
        params: Object.fromEntries(a.params.map((p) => [p.name.slice(1), p.types[0] ?? 'object'])),
      }),
    ]),
  );
  for (const action of Object.keys(durations)) {
    if (tools.has(action.toLowerCase())) continue;
    const near = closest(action.toLowerCase(), tools.keys());
    throw new MissionError(file, `durations.${action}`, `the domain has no action '${action}'`, {
      hint:
        near === undefined
          ? `the domain's actions: ${[...tools.keys()].join(', ')}`
          : `did you mean '${near}'?`,
      ...locate(['durations', action]),
    });
  }
  const agents = agentsFromFile(m, file, new Set(tools.keys()), locate);
  checkCapabilities(file, locate, m.agents, [...tools.values()]);
  const usable = usableDomain(domain, tools, agents);
  const ms = new Map(Object.entries(durations).map(([a, d]) => [a.toLowerCase(), d]));
  return {
    ...base,
    domain: usable.domain,
    idle: usable.idle,
    agents,
    tools,
    rules: '',
    objects: problem.objects.map((o) => ({ name: o.name, type: o.types[0] ?? 'object' })),
    facts: problem.init.map((a) => factKey(a.predicate, a.args)),
    goal: problem.goal,
    stepDurationMs: (action) => ms.get(action) ?? 0,
  };
}

/** Loads a mission folder (or its mission.yaml). Throws MissionError/PddlError/LogicError, all UserErrors. */
export async function loadMission(path: string): Promise<Mission> {
  const dir = existsSync(path) && statSync(path).isFile() ? resolve(path, '..') : resolve(path);
  const file = join(dir, 'mission.yaml');
  if (!existsSync(file))
    throw new MissionError(file, undefined, 'no mission.yaml in this folder', {
      hint: 'a mission folder holds mission.yaml (see examples/paris-office)',
    });
  const { data: m, locate } = readMissionFile(file);
  const world = m.world === undefined ? undefined : await loadWorld(dir, m.world, file);
  const base = {
    name: m.name.toLowerCase(),
    description: m.description ?? '',
    dir,
    ...(world === undefined ? {} : { world }),
  };

  if (m.domain !== undefined || m.problem !== undefined)
    return pddlMission(m, dir, file, locate, base);

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
    );
  if (m.tools === undefined)
    throw new MissionError(
      file,
      'tools',
      'missing; expected the tools with planning signatures (or domain + problem files)',
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
  const tools = toolsFromFile(m);
  const agents = agentsFromFile(m, file, new Set(tools.map((t) => t.name)), locate);
  checkCapabilities(file, locate, m.agents, tools);
  const objects = Object.entries(m.objects ?? {}).flatMap(([type, names]) =>
    names.map((n) => ({ name: n.toLowerCase(), type: type.toLowerCase() })),
  );
  const knownTypes = new Set(
    [
      'object',
      ...Object.keys(m.types ?? {}),
      ...Object.values(m.types ?? {}),
      ...Object.keys(m.objects ?? {}),
    ].map((t) => t.toLowerCase()),
  );
  for (const [tool, t] of Object.entries(m.tools)) {
    for (const [param, type] of Object.entries(t.params ?? {})) {
      if (!knownTypes.has(type.toLowerCase())) {
        throw new MissionError(file, `tools.${tool}.params.${param}`, `unknown type '${type}'`, {
          hint: `expected one of: ${[...knownTypes].join(', ')} (declare it under types or objects)`,
          ...locate(['tools', tool, 'params', param]),
        });
      }
    }
  }
  const facts: string[] = [...(knowledge?.facts ?? [])];
  const fileFacts = (m.facts ?? []).map((f, i) => {
    const a = parseAtomText(f);
    if (a === undefined)
      throw new MissionError(
        file,
        `facts[${i}]`,
        `expected a ground atom such as (open-role ml-lead), found '${f}'`,
        { ...locate(['facts', i]) },
      );
    facts.push(factKey(a.predicate, a.args));
    return { text: f, ...a };
  });
  checkParentheses(file, locate, [
    ...Object.entries(m.tools).flatMap(([key, t]) => [
      ...(t.precondition === undefined
        ? []
        : [{ path: ['tools', key, 'precondition'], text: t.precondition }]),
      { path: ['tools', key, 'effect'], text: t.effect },
    ]),
    { path: ['goal'], text: m.goal },
  ]);
  checkVocabulary({
    file,
    locate,
    goal: m.goal,
    facts: fileFacts,
    objects: new Set(objects.map((o) => o.name)),
    tools: Object.entries(m.tools).map(([key, t]) => ({
      key,
      effect: t.effect,
      ...(t.precondition === undefined ? {} : { precondition: t.precondition }),
    })),
    ...(knowledge === undefined ? {} : { knowledge, knowledgeFile: knowledgeFile! }),
  });
  const { domain: missionDomain, idle } = domainForTools({
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
    toolKeys: new Map(Object.keys(m.tools).map((k) => [k.toLowerCase(), k])),
  });
  const goal = goalOf(missionDomain, objects, m.goal, file, 'goal', (offset) =>
    locate(['goal'], offset),
  );
  const durations = new Map(
    Object.entries(m.tools).map(([n, t]) => [n.toLowerCase(), t.duration ?? 0]),
  );
  return {
    ...base,
    domain: missionDomain,
    idle,
    agents,
    objects,
    facts,
    goal,
    rules: knowledge === undefined ? '' : readFileSync(knowledgeFile!, 'utf8'),
    tools: new Map(tools.map((t) => [t.name, t])),
    stepDurationMs: (action) => durations.get(action) ?? 0,
  };
}

/**
 * The domain of the tools, split into the actions some agent can use (planned with) and
 * the idle ones; signature mistakes name the tool's field.
 */
export function domainForTools(spec: {
  name: string;
  tools: PlanningTool[];
  agents: TeamAgent[];
  types: Record<string, string>;
  objects: { name: string; type: string }[];
  facts: string[];
  goal: string;
  derived: string[];
  file: string;
  locate?: Locate;
  toolKeys?: ReadonlyMap<string, string>;
}): { domain: Domain; idle: IdleAction[] } {
  const types = new Map<string, string>();
  for (const [t, p] of Object.entries(spec.types)) types.set(t.toLowerCase(), p.toLowerCase());
  for (const o of spec.objects)
    if (o.type !== 'object' && !types.has(o.type)) types.set(o.type, 'object');
  for (const t of spec.tools)
    for (const [, ty] of t.params) if (ty !== 'object' && !types.has(ty)) types.set(ty, 'object');
  for (const p of [...types.values()]) if (p !== 'object' && !types.has(p)) types.set(p, 'object');
  const ds: DomainSpec = {
    name: spec.name,
    tools: spec.tools,
    types,
    mentions: [...spec.facts.map((f) => `(${f})`), spec.goal],
    derived: spec.derived,
    constants: spec.objects,
  };
  try {
    return usableDomain(buildDomain(ds), new Map(spec.tools.map((t) => [t.name, t])), spec.agents);
  } catch (err) {
    if (!(err instanceof PddlError)) throw err;
    // The location is in generated text: report it in the mission's own field instead.
    const src = sourceOf(domainLayout(ds), err.location.line, err.location.col);
    const path =
      src.tool === undefined
        ? src.field === undefined
          ? []
          : [src.field]
        : [
            'tools',
            spec.toolKeys?.get(src.tool) ?? src.tool,
            ...(src.part === undefined ? [] : [src.part]),
          ];
    const at = spec.locate?.(path, src.offset);
    throw new MissionError(spec.file, fieldName(path), err.message, {
      ...(err.hint === undefined
        ? {}
        : { hint: err.hint.replace(/ before line \d+, column \d+,? ?/, ' ') }),
      ...at,
    });
  }
}

/**
 * Parses a goal text against the domain and objects (checks predicates, arities, objects);
 * a mistake is a MissionError at `file` and `field`, at the line:col `at(offset)` gives.
 */
export function goalOf(
  domain: Domain,
  objects: { name: string; type: string }[],
  goal: string,
  file: string,
  field: string,
  at?: (offset: number | undefined) => { line: number; col: number } | undefined,
): Condition {
  try {
    return parseGoal(domain, objects, goal);
  } catch (err) {
    if (err instanceof GoalError)
      throw new MissionError(file, field, err.detail, {
        ...(err.hint === undefined ? {} : { hint: err.hint }),
        ...at?.(err.offset),
      });
    throw err;
  }
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

export { problemFor };
