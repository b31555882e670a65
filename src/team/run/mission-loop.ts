/**
 * The mission loop, as the pipeline it is. Until the goal holds, each round:
 *
 *   tool models     tool-models.ts    learned tools: their models from the runs so far
 *   plan round      plan-round.ts     derive facts, plan from the observed state, deorder
 *   allocate        allocate.ts       an agent per step; the plan is written with them
 *   execute round   execute-round.ts  ready steps run in parallel (step.ts, approval.ts)
 *   observe         observe.ts        each step's effects update the facts as it ends;
 *                                     a failure or a divergence is a trouble of the round
 *   decide          decide.ts         done / re-plan (the troubles, in plan order) / fail
 *
 * Every stage reads and updates the explicit run state (state.ts), and every decision is
 * appended to the run's log before it takes effect, so a crashed run can be resumed from
 * the log (start.ts).
 */
import type { OpenRound } from '../log/replay.js';
import type { RunSummary } from '../log/views.js';
import { forbid } from '../planning.js';
import { allocateRound } from './allocate.js';
import type { RunContext } from './context.js';
import { decide, finish, replan } from './decide.js';
import { executeRound } from './execute-round.js';
import { planRound } from './plan-round.js';
import type { Round, RunState } from './state.js';
import { chooseModels } from './tool-models.js';
import { planRoundSpan } from './trace.js';

/**
 * Runs the mission until the goal holds, no plan exists, or the re-plans run out. A run
 * resumed inside a round (`resumed`) finishes that round first, with the same plan.
 */
export async function runMission(
  ctx: RunContext,
  state: RunState,
  resumed?: OpenRound,
): Promise<RunSummary> {
  let open = resumed;
  for (;;) {
    ctx.signal?.throwIfAborted();
    let round: Round;
    // Learned tools get their models from everything observed so far (no-op without any).
    if (open !== undefined) {
      await chooseModels(ctx, state);
      round = continued(ctx, state, open);
    } else {
      if (state.view.holds(ctx.goal, state.facts))
        return finish(ctx, state, { status: 'succeeded' });
      await chooseModels(ctx, state);
      const planned = await planRoundSpan(ctx, state, () => planRound(ctx, state));
      if (!planned.ok) return failed(ctx, state, planned);
      const allocated = await allocateRound(ctx, state, planned);
      if (!allocated.ok) return failed(ctx, state, allocated);
      round = {
        domain: planned.domain,
        steps: allocated.steps,
        done: new Set(),
        troubles: new Map(),
      };
    }
    await executeRound(ctx, state, round, open);
    open = undefined;
    const next = decide(ctx, state, round);
    if (next.kind === 'fail') return failed(ctx, state, next);
    if (next.kind === 'replan') await replan(ctx, state, next.reason);
    // 'done': the goal holds, which the check above confirms.
  }
}

/** The round the log ended in: its plan, what was done, and the failures recorded. */
function continued(ctx: RunContext, state: RunState, open: OpenRound): Round {
  const troubles = new Map<string, string>();
  for (const f of open.failed) {
    const s = open.steps.find((x) => x.id === f.id);
    const call = s === undefined ? '?' : [s.action, ...s.args].join(' ');
    troubles.set(f.id, `step ${f.id} (${call}) failed: ${f.reason}`);
  }
  return {
    domain: forbid(ctx.mission.domain, state.rejected),
    steps: open.steps,
    done: new Set(open.done),
    troubles,
  };
}

const failed = (
  ctx: RunContext,
  state: RunState,
  why: { reason: string; whyNot: string[] },
): Promise<RunSummary> =>
  finish(ctx, state, { status: 'failed', reason: why.reason, whyNot: why.whyNot });
