/**
 * Stage 5, decide: after a round the goal holds (done), or the team re-plans from what
 * it observed (with the reason: the round's troubles in plan order — steps that failed,
 * a divergence, steps that could not start), or it gives up after `maxReplans` re-plans.
 */
import type { RunSummary } from '../log/views.js';
import type { RunContext } from './context.js';
import type { Round, RunState } from './state.js';

export type Decision =
  /** The round ran without trouble: the goal check that starts the next round ends the run. */
  | { kind: 'done' }
  | { kind: 'replan'; reason: string }
  | { kind: 'fail'; reason: string; whyNot: string[] };

export function decide(ctx: RunContext, state: RunState, round: Round): Decision {
  // Every trouble of the round, in plan order.
  let reason =
    round.troubles.size === 0
      ? undefined
      : round.steps
          .filter((s) => round.troubles.has(s.id))
          .map((s) => round.troubles.get(s.id)!)
          .join('; ');
  if (
    reason === undefined &&
    round.done.size === round.steps.length &&
    !state.view.holds(ctx.goal, state.facts)
  )
    reason = `the plan ran but the goal does not hold: ${state.view.unmet(ctx.goal, state.facts).join(', ')}`;
  if (reason === undefined) return { kind: 'done' };
  if (state.replans >= ctx.maxReplans)
    return {
      kind: 'fail',
      reason: `gave up after ${state.replans} re-plans; last: ${reason}`,
      whyNot: state.view.unmet(ctx.goal, state.facts),
    };
  return { kind: 'replan', reason };
}

/** Records a re-plan; the next plan round gives `reason` as the new plan's reason. */
export async function replan(ctx: RunContext, state: RunState, reason: string): Promise<void> {
  state.replans++;
  await ctx.recorder.emit({ type: 'replan', data: { version: state.planVersion + 1, reason } });
  state.reason = reason;
}

/** Ends the run: `run.finished` with the whole run's counts, and the run's status. */
export async function finish(
  ctx: RunContext,
  state: RunState,
  end: { status: 'succeeded' } | { status: 'failed'; reason: string; whyNot: string[] },
): Promise<RunSummary> {
  // Steps and re-plans count the whole run; a resumed run also says what this session did.
  const summary: RunSummary = {
    runId: ctx.runId,
    status: end.status,
    steps: (state.executedBefore ?? 0) + state.executed,
    replans: state.replans,
    elapsedMs: Date.now() - state.startedMs,
    ...(state.executedBefore === undefined ? {} : { sessionSteps: state.executed }),
    ...(end.status === 'failed' ? { reason: end.reason, whyNot: end.whyNot } : {}),
  };
  await ctx.recorder.emit({ type: 'run.finished', data: { ...summary } });
  await ctx.log.setStatus(ctx.runId, end.status);
  return summary;
}
