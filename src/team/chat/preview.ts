/**
 * A plan for a goal without running it: the same planning task a run's first round
 * plans (planning.ts), the plan checked by the plan validator, deordered and allocated
 * as a run would; no plan: the team's why-not. Team chat's `plan_for_goal` tool.
 */
import type { Condition } from '../../pddl/ast.js';
import { formatCondition } from '../../pddl/index.js';
import { validate } from '../../planner/validator/index.js';
import { explainGoal } from '../explain/whynot.js';
import { describePlan } from '../explain/report.js';
import { plan, planningTask, splitDerived } from '../planning.js';
import { allocate } from '../run/allocate.js';
import { deorder } from '../run/deorder.js';
import { runState } from '../run/state.js';
import type { Mission } from '../types.js';

export type PlanPreview =
  | { ok: true; goal: string; cost: number; lines: string[] }
  | { ok: false; goal: string; reason: string; whyNot: string[] };

/** Plans `goal` from `facts` (default: the mission's initial facts, "pred a b" keys). */
export async function previewPlan(
  mission: Mission,
  goal: Condition,
  options: { facts?: ReadonlySet<string>; timeLimitMs?: number; signal?: AbortSignal } = {},
): Promise<PlanPreview> {
  const facts = new Set(options.facts ?? mission.facts);
  const state = runState(mission, {
    runId: 'preview',
    seed: 1,
    goal,
    facts,
    stepCounter: 0,
    planVersion: 0,
    replans: 0,
    attempts: new Map(),
    rejected: new Set(),
    firstReason: 'preview',
    startedMs: Date.now(),
  });
  const text = formatCondition(goal);
  const task = planningTask(
    mission,
    mission.domain,
    splitDerived(mission.domain),
    state.view,
    facts,
    goal,
  );
  const result = await plan(task.domain, task.problem, {
    timeLimitMs: options.timeLimitMs ?? 10000,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  if (result.status !== 'solved') {
    const unsolvable = result.status === 'unsolvable';
    return {
      ok: false,
      goal: text,
      reason: unsolvable
        ? `no plan reaches the goal ${text}`
        : `the planner stopped (${result.reason})`,
      whyNot: unsolvable ? explainGoal(mission, goal, facts, state.knowledge) : [],
    };
  }
  const checked = validate(task.domain, task.problem, result.plan);
  if (!checked.valid)
    return {
      ok: false,
      goal: text,
      reason: `the plan did not validate: ${checked.message}`,
      whyNot: [],
    };
  const ids = result.plan.map((_, i) => `s${i + 1}`);
  const ordered = deorder(task.domain, result.plan, goal, ids);
  const agents = allocate(ordered, mission.agents, mission.tools);
  if (!agents.ok)
    return {
      ok: false,
      goal: text,
      reason: `no agent can do ${agents.error.action} (capability '${agents.error.capability}')`,
      whyNot: [],
    };
  const steps = ordered.map((s, i) => ({
    id: ids[i]!,
    action: s.action,
    args: s.args,
    agent: agents.agents[i]!,
    dependsOn: s.dependsOn.map((d) => ids[d]!),
    supports: s.supports,
  }));
  return { ok: true, goal: text, cost: result.cost, lines: describePlan(steps) };
}
