/**
 * The planning stage of the mission loop: from the observed facts to a plan the team can
 * run, its steps ordered partially and given to agents, or why there is none.
 */
import type { Condition, Domain } from '../pddl/ast.js';
import { formatCondition } from '../pddl/index.js';
import { allocate } from './allocate.js';
import { deorder } from './deorder.js';
import type { splitDerived } from './deorder.js';
import type { PlannedStep } from './events.js';
import { problemFor } from './facts.js';
import type { TeamKnowledge } from './knowledge.js';
import { plan } from './planner.js';
import type { StateView } from './state.js';
import type { Mission } from './types.js';
import { explainGoalDetail } from './whynot.js';

/** A copy of the domain where each rejected ground action can no longer be planned. */
export function forbid(domain: Domain, rejected: ReadonlySet<string>): Domain {
  if (rejected.size === 0) return domain;
  const byAction = new Map<string, string[][]>();
  for (const r of rejected) {
    const [a, ...args] = r.split(' ');
    byAction.set(a!, [...(byAction.get(a!) ?? []), args]);
  }
  return {
    ...domain,
    actions: domain.actions.map((a) => {
      const bans = byAction.get(a.name);
      if (bans === undefined) return a;
      const extra: Condition[] = bans.map((args) => ({
        kind: 'not',
        arg: {
          kind: 'and',
          args: args.map(
            (v, i) =>
              ({
                kind: 'atom',
                atom: { predicate: '=', args: [a.params[i]!.name, v] },
              }) as Condition,
          ),
        },
      }));
      return {
        ...a,
        precondition: {
          kind: 'and',
          args: [...(a.precondition === undefined ? [] : [a.precondition]), ...extra],
        },
      };
    }),
  };
}

/** What planning gave: the steps (ids after `stepCounter`), or why no plan reaches the goal. */
export type RoundPlan =
  | { ok: true; steps: PlannedStep[]; cost: number; planMs: number }
  | { ok: false; why: string; whyNot: string[] };

/** Plans from the observed `facts` (rejected ground actions excluded), then orders and allocates. */
export async function planRound(input: {
  mission: Mission;
  domain: Domain;
  goal: Condition;
  facts: ReadonlySet<string>;
  view: StateView;
  knowledge: TeamKnowledge;
  split: ReturnType<typeof splitDerived>;
  stepCounter: number;
  timeLimitMs: number;
  signal: AbortSignal | undefined;
}): Promise<RoundPlan> {
  const { mission, domain, goal, facts, view, knowledge, split, stepCounter, signal } = input;
  const t0 = performance.now();
  // Derived facts no action can change are computed here and given as facts.
  const planDomain = { ...domain, derived: split.dynamic };
  const staticFacts = [...view.closure(facts)].filter((f) =>
    split.staticNames.has(f.split(' ')[0]!),
  );
  const result = await plan(planDomain, problemFor(mission, [...facts, ...staticFacts], goal), {
    timeLimitMs: input.timeLimitMs,
    ...(signal === undefined ? {} : { signal }),
  });
  const planMs = performance.now() - t0;
  if (result.status !== 'solved') {
    const { lines: whyNot, missingCapabilities: caps } = explainGoalDetail(
      mission,
      goal,
      new Set(facts),
      knowledge,
    );
    const needs =
      caps.length === 0
        ? ''
        : `; it needs ${caps.length === 1 ? 'a capability' : 'capabilities'} no agent has: ${caps.map((c) => `'${c}'`).join(', ')}`;
    const why =
      result.status === 'unsolvable'
        ? `no plan reaches the goal ${formatCondition(goal)}${needs}`
        : `the planner stopped (${result.reason}) before finding a plan`;
    return { ok: false, why, whyNot };
  }
  const ids = result.plan.map((_, i) => `s${stepCounter + i + 1}`);
  const ordered = deorder(domain, result.plan, goal, ids);
  const alloc = allocate(ordered, mission.agents, mission.tools);
  if (!alloc.ok) {
    const why = `no agent has the capability '${alloc.error.capability}' for (${alloc.error.action} ...)`;
    return { ok: false, why, whyNot: [] };
  }
  const steps: PlannedStep[] = ordered.map((s, i) => ({
    id: ids[i]!,
    action: s.action,
    args: s.args,
    agent: alloc.agents[i]!,
    dependsOn: s.dependsOn.map((d) => ids[d]!),
    supports: s.supports,
  }));
  return { ok: true, steps, cost: result.cost, planMs };
}
