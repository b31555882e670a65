/**
 * The mission loop, as the pipeline it is. Until the goal holds, each round:
 *
 *   plan round      plan-round.ts     derive facts, plan from the observed state, deorder
 *   allocate        allocate.ts       an agent per step; the plan is written with them
 *   execute round   execute-round.ts  ready steps run in parallel (step.ts, approval.ts)
 *   observe         observe.ts        each step's effects update the facts as it ends
 *   decide          decide.ts         done / re-plan (with the reason) / fail
 *
 * Every stage reads and updates the explicit run state (state.ts), and every decision is
 * appended to the run's log before it takes effect, so a crashed run can be resumed from
 * the log (start.ts).
 */
import type { RunSummary } from '../log/views.js';
import { allocateRound } from './allocate.js';
import type { RunContext } from './context.js';
import { decide, finish, replan } from './decide.js';
import { executeRound } from './execute-round.js';
import { planRound } from './plan-round.js';
import type { RunState } from './state.js';
import { planRoundSpan } from './trace.js';

/** Runs the mission until the goal holds, no plan exists, or the re-plans run out. */
export async function runMission(ctx: RunContext, state: RunState): Promise<RunSummary> {
  for (;;) {
    ctx.signal?.throwIfAborted();
    if (state.view.holds(ctx.goal, state.facts)) return finish(ctx, state, { status: 'succeeded' });
    const planned = await planRoundSpan(ctx, state, () => planRound(ctx, state));
    if (!planned.ok) return failed(ctx, state, planned);
    const allocated = await allocateRound(ctx, state, planned);
    if (!allocated.ok) return failed(ctx, state, allocated);
    const round = await executeRound(ctx, state, planned.domain, allocated.steps);
    const next = decide(ctx, state, round);
    if (next.kind === 'fail') return failed(ctx, state, next);
    if (next.kind === 'replan') await replan(ctx, state, next.reason);
    // 'done': the goal holds, which the check above confirms.
  }
}

const failed = (
  ctx: RunContext,
  state: RunState,
  why: { reason: string; whyNot: string[] },
): Promise<RunSummary> =>
  finish(ctx, state, { status: 'failed', reason: why.reason, whyNot: why.whyNot });
