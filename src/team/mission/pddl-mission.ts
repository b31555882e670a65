/**
 * A mission whose action model is a PDDL domain + problem: the agents list the actions
 * they carry out, `durations` gives simulated times per action.
 */
import { join } from 'node:path';
import { loadDomainFile, loadProblemFile } from '../../pddl/index.js';
import { MissionError } from '../errors.js';
import { factKey } from '../facts.js';
import { planningTool } from '../types.js';
import type { Mission } from '../types.js';
import { usableDomain } from './capable.js';
import { checkCapabilities } from './checks.js';
import { agentsFromFile, notApplying } from './from-file.js';
import type { Locate } from './mission-file.js';
import type { MissionFile } from './schema.js';
import { closest } from '../../spelling.js';

/** A mission whose action model is a PDDL domain + problem; agents list the actions they carry out. */
export function pddlMission(
  m: MissionFile,
  dir: string,
  file: string,
  locate: Locate,
  base: Pick<Mission, 'name' | 'description' | 'dir' | 'world'>,
): Mission {
  if (m.domain === undefined || m.problem === undefined)
    throw new MissionError(
      file,
      m.domain === undefined ? 'domain' : 'problem',
      'missing; a PDDL mission names both a domain and a problem file',
      { code: 'MISSION_SCHEMA', ...locate([]) },
    );
  notApplying(
    m,
    file,
    locate,
    ['goal', 'facts', 'tools', 'knowledge', 'types', 'objects', 'mcp'],
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
      code: 'MISSION_UNKNOWN_ACTION',
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
