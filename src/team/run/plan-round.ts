/**
 * Stage 1, plan a round: the facts the rules derive are written, then the planner plans
 * from the observed state (rejected actions forbidden) and the plan is deordered into a
 * partial order. When no plan exists the why-not explains it and `plan.failed` says so.
 */
import type { Domain } from '../../pddl/ast.js';
import { formatCondition } from '../../pddl/index.js';
import { explainGoalDetail } from '../explain/whynot.js';
import { forbid, plan, planningTask } from '../planning.js';
import type { RunContext } from './context.js';
import { deorder } from './deorder.js';
import type { OrderedStep } from './deorder.js';
import type { RunState } from './state.js';

export type PlanRound =
  | {
      ok: true;
      /** The domain the plan was made in (rejected actions forbidden). */
      domain: Domain;
      ordered: OrderedStep[];
      /** Step ids, in plan order. */
      ids: string[];
      cost: number;
      planMs: number;
    }
  | { ok: false; reason: string; whyNot: string[] };

export async function planRound(ctx: RunContext, state: RunState): Promise<PlanRound> {
  await ctx.recorder.emit({ type: 'facts.derived', data: { facts: state.knowledge.derived() } });
  const domain = forbid(ctx.mission.domain, state.rejected);
  const t0 = performance.now();
  // Derived facts no action can change are computed here and given as facts.
  const task = planningTask(ctx.mission, domain, ctx.split, state.view, state.facts, ctx.goal);
  const result = await plan(task.domain, task.problem, {
    timeLimitMs: ctx.options.planTimeLimitMs ?? 30000,
    ...(ctx.signal === undefined ? {} : { signal: ctx.signal }),
  });
  const planMs = performance.now() - t0;
  if (result.status !== 'solved') {
    const why =
      result.status === 'unsolvable'
        ? undefined
        : `the planner stopped (${result.reason}) before finding a plan`;
    return noPlan(ctx, state, why);
  }
  const ids = result.plan.map((_, i) => `s${state.stepCounter + i + 1}`);
  const ordered = deorder(domain, result.plan, ctx.goal, ids);
  return { ok: true, domain, ordered, ids, cost: result.cost, planMs };
}

/** Explains why no plan reaches the goal (or why the planner stopped) and records it. */
async function noPlan(
  ctx: RunContext,
  state: RunState,
  stopped: string | undefined,
): Promise<PlanRound> {
  const { lines: whyNot, missingCapabilities: caps } = explainGoalDetail(
    ctx.mission,
    ctx.goal,
    state.facts,
    state.knowledge,
  );
  const needs =
    caps.length === 0
      ? ''
      : `; it needs ${caps.length === 1 ? 'a capability' : 'capabilities'} no agent has: ${caps.map((c) => `'${c}'`).join(', ')}`;
  const without = unmodelledTools(ctx);
  const reason =
    stopped ?? `no plan reaches the goal ${formatCondition(ctx.goal)}${needs}${without}`;
  if (without !== '')
    whyNot.push(
      'a learned tool gets a model once observed; until then it can start from its bootstrap model in mission.yaml, or from the proposal of a configured model (ATELIER_MODEL)',
    );
  await ctx.recorder.emit({ type: 'plan.failed', data: { reason, whyNot } });
  return { ok: false, reason, whyNot };
}

/** "; it may need the tool 'x', never observed...": the learned tools the planner could not use. */
function unmodelledTools(ctx: RunContext): string {
  const none = (ctx.learning?.tools ?? []).filter(
    (t) => t.source === 'unobserved' || t.source === 'unusable',
  );
  if (none.length === 0) return '';
  const parts = none.map((t) =>
    t.source === 'unobserved'
      ? `'${t.tool}' (never observed in the mission's runs, no model)`
      : `'${t.tool}' (no safe model from ${t.observations} observations: ${t.note ?? ''})`,
  );
  return `; it may need ${none.length === 1 ? 'the tool' : 'the tools'} ${parts.join(', ')}, which the planner cannot use without a model`;
}
