/**
 * The spans of a run (OpenTelemetry, `@opentelemetry/api` only; no-ops without an SDK):
 *
 *   mission.run {mission}           the run (or a resumed session of it)
 *     mission.plan_round            a plan round: reasoner, planner, deordering
 *     mission.step {action}         a step: approval, its tool, observing its end
 *       execute_tool {action}       the step's tool (or the simulated world)
 *         chat {model}              model calls made for the step (src/agents)
 */
import { inSpan } from '../../agents/index.js';
import type { Span } from '@opentelemetry/api';
import type { RunSummary } from '../log/views.js';
import type { RunContext } from './context.js';
import type { PlanRound } from './plan-round.js';
import type { ReadyStep, RunState } from './state.js';

export function runSpan(ctx: RunContext, fn: () => Promise<RunSummary>): Promise<RunSummary> {
  return inSpan(
    `mission.run ${ctx.mission.name}`,
    { 'atelier.run.id': ctx.runId, 'atelier.mission.name': ctx.mission.name },
    async (span: Span) => {
      const summary = await fn();
      span.setAttributes({
        'atelier.run.status': summary.status,
        'atelier.run.steps': summary.steps,
        'atelier.run.replans': summary.replans,
      });
      return summary;
    },
  );
}

export function planRoundSpan(
  ctx: RunContext,
  state: RunState,
  fn: () => Promise<PlanRound>,
): Promise<PlanRound> {
  return inSpan(
    'mission.plan_round',
    { 'atelier.run.id': ctx.runId, 'atelier.plan.version': state.planVersion + 1 },
    async (span: Span) => {
      const round = await fn();
      span.setAttribute('atelier.plan.found', round.ok);
      if (round.ok) span.setAttribute('atelier.plan.steps', round.ordered.length);
      else span.setAttribute('atelier.plan.reason', round.reason);
      return round;
    },
  );
}

export function stepSpan(
  ctx: RunContext,
  ready: ReadyStep,
  fn: () => Promise<void>,
): Promise<void> {
  const s = ready.step;
  return inSpan(
    `mission.step ${s.action}`,
    {
      'atelier.run.id': ctx.runId,
      'atelier.step.id': s.id,
      'atelier.step.action': s.action,
      'atelier.step.args': [...s.args],
      'gen_ai.agent.name': s.agent,
    },
    () => fn(),
  );
}
