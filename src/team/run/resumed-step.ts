/**
 * A step the run's stop cut short (started, no outcome in the log), met again by the
 * driver that resumes the run:
 * - its result recorded in run_steps (its tool ran and the result was kept, but the run
 *   stopped before `step.finished`): taken from the record, the tool is not run again;
 * - carried out here by a tool whose side effect may have happened (an MCP tool or a tool
 *   in code, not declared `idempotent`): in doubt. `step.in-doubt` says so in the log and
 *   the report, and the step runs again only once approved (by the run's approval
 *   policy: a person, the CLI's prompt, or --approve-all); rejected, it fails and the
 *   team re-plans around it;
 * - otherwise (offered to workers, carried out by the simulated world or a model, or an
 *   idempotent tool): run again, same id and attempt, as before.
 */
import type { PlannedStep } from '../log/events.js';
import type { PlanningTool, ToolOutcome } from '../types.js';
import { doneByModel } from '../work/index.js';
import { askApproval } from './approval.js';
import type { RunContext } from './context.js';
import { parseStepRecord } from './step-task.js';

/** Said in the log (`step.in-doubt`), the report and the approval prompt. */
export const inDoubtReason = (s: PlannedStep): string =>
  `step ${s.id} was in flight when the run stopped; re-running it may repeat its side effect`;

/** Whether the step's tool runs in the driver's process (not offered to workers). */
export function runsHere(ctx: RunContext, s: PlannedStep, tool: PlanningTool): boolean {
  const { steps, lease } = ctx.options;
  const remote = !doneByModel(ctx, s, tool) && tool.mcp === undefined;
  return !(remote && steps !== undefined && lease !== undefined && ctx.mission.dir);
}

/** Whether running the step twice can repeat nothing outside the run. */
function repeatable(ctx: RunContext, s: PlannedStep, tool: PlanningTool): boolean {
  if (tool.idempotent === true) return true;
  if (tool.mcp !== undefined) return false;
  return doneByModel(ctx, s, tool) || ctx.world !== undefined;
}

/**
 * What the resumed step becomes: `outcome`, decided without running it (its record, or a
 * refusal to run it again), or none: run it (again); `asked`: a person was asked already.
 */
export async function resumedOutcome(
  ctx: RunContext,
  s: PlannedStep,
): Promise<{ outcome?: ToolOutcome; asked: boolean; rejected?: true }> {
  const [record] = await ctx.log.stepResults([{ runId: ctx.runId, stepId: s.id }]);
  if (record !== undefined) return { outcome: parseStepRecord(record.result).outcome, asked: true };
  const tool = ctx.mission.tools.get(s.action)!;
  if (!runsHere(ctx, s, tool) || repeatable(ctx, s, tool)) return { asked: false };
  // A step waiting for its approval never ran its tool: it is asked again, not in doubt.
  if (tool.needsApproval && (await ctx.log.decision(ctx.runId, s.id))?.approved !== true)
    return { asked: false };
  const reason = inDoubtReason(s);
  await ctx.recorder.emit({
    type: 'step.in-doubt',
    data: { stepId: s.id, agent: s.agent, action: s.action, args: s.args, reason },
  });
  const decision = await askApproval(ctx, s, reason);
  if (decision.approved) return { asked: true };
  const by = `${decision.by ?? 'a reviewer'}${decision.reason ? `: ${decision.reason}` : ''}`;
  return {
    outcome: {
      ok: false,
      reason: `not run again (its side effect may have happened): rejected by ${by}`,
    },
    asked: true,
    rejected: true,
  };
}
