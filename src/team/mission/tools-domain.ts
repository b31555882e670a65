/**
 * The action model of a mission with tools: the tools' planning signatures assembled into
 * a PDDL domain (a mistake reported at the tool's field and line in mission.yaml), and its
 * goal checked against it.
 */
import { PddlError } from '../../pddl/index.js';
import type { Condition, Domain } from '../../pddl/ast.js';
import { GoalError, MissionError } from '../errors.js';
import type { IdleAction, LearnedToolAction, PlanningTool, TeamAgent } from '../types.js';
import { usableDomain } from './capable.js';
import { parseGoal } from './goal.js';
import { fieldName } from './mission-file.js';
import type { Locate } from './mission-file.js';
import { buildDomain, domainLayout } from './signature.js';
import type { DomainSpec, Segment } from './signature.js';

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
      code: err.code,
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
        code: err.code,
        ...(err.hint === undefined ? {} : { hint: err.hint }),
        ...at?.(err.offset),
      });
    throw err;
  }
}

/** The learned tools' actions set apart from the domain: planned only once a model is chosen. */
export function learnedApart(
  domain: Domain,
  tools: readonly PlanningTool[],
): { domain: Domain; learnedActions: LearnedToolAction[] } {
  const learned = new Map(tools.filter((t) => t.learned).map((t) => [t.name, t]));
  if (learned.size === 0) return { domain, learnedActions: [] };
  const learnedActions = domain.actions
    .filter((a) => learned.has(a.name))
    .map((a) => ({
      action: { ...a, precondition: undefined, effect: { kind: 'and' as const, args: [] } },
      ...(learned.get(a.name)!.learned!.bootstrap ? { bootstrap: a } : {}),
    }));
  return {
    domain: { ...domain, actions: domain.actions.filter((a) => !learned.has(a.name)) },
    learnedActions,
  };
}
