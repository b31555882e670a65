/**
 * Work done by the agents' models: model-driven steps (model-step.ts) ending with a
 * checked report (report.ts), the work products they hand along the plan (board.ts),
 * questions to teammates (teammate.ts). The run loop reaches this folder through the
 * hooks below.
 */
import { HOW_TO_CONFIGURE_MODEL } from '../../models/index.js';
import { UserError } from '../../errors.js';
import type { EventData, PlannedStep, RunEventBody } from '../log/events.js';
import type { RunContext } from '../run/context.js';
import type { RunState } from '../run/state.js';
import type { Mission, PlanningTool, ToolOutcome } from '../types.js';
import type { Model } from '../../models/index.js';
import { modelOf, runModelStep, SIMULATED_NOTE } from './model-step.js';

export { SIMULATED_NOTE, stepPrompt } from './model-step.js';
export { StepReportSchema, checkReport } from './report.js';
export type { StepReport } from './report.js';
export { renderInstruction, templateNames } from './template.js';
export { ASK_TEAMMATE } from './teammate.js';
export type { WorkOptions } from './options.js';

/** The step done by its agent's model, when the tool is model-driven and a model is there. */
export function modelStep(
  ctx: RunContext,
  state: RunState,
  step: PlannedStep,
  tool: PlanningTool,
): Promise<ToolOutcome> | undefined {
  if (tool.byModel === undefined) return undefined;
  const model = modelOf(ctx, step.agent);
  if (model === undefined) return undefined;
  return runModelStep(ctx, state, step, { ...tool, byModel: tool.byModel }, model);
}

/** Whether the step is done by its agent's model (`modelStep` gives it), not by a tool or world. */
export function doneByModel(ctx: RunContext, step: PlannedStep, tool: PlanningTool): boolean {
  return tool.byModel !== undefined && modelOf(ctx, step.agent) !== undefined;
}

/** A model-driven step the simulated world carried out: it says so, in the log and the report. */
export function simulated(outcome: ToolOutcome): ToolOutcome {
  if (!outcome.ok) return { ...outcome, reason: `${outcome.reason} (${SIMULATED_NOTE})` };
  return {
    ...outcome,
    note: outcome.note === undefined ? SIMULATED_NOTE : `${SIMULATED_NOTE}; ${outcome.note}`,
  };
}

/** The `work.product` event of a step that handed something on (written with its end). */
export function productEvents(
  call: Pick<EventData<'step.finished'>, 'stepId' | 'agent' | 'action' | 'args'>,
  outcome: ToolOutcome,
): RunEventBody[] {
  if (!outcome.ok || outcome.product === undefined) return [];
  return [{ type: 'work.product', data: { ...call, ...outcome.product } }];
}

/**
 * A mission with model-driven tools needs a model, or a simulated world to stand in for
 * it: checked before a run starts (nothing written).
 */
export function checkModelConfigured(mission: Mission, model: Model | undefined): void {
  const byModel = [...mission.tools.values()].filter((t) => t.byModel !== undefined);
  if (byModel.length === 0 || mission.world !== undefined || model !== undefined) return;
  const unserved = mission.agents.filter((a) => a.model === undefined);
  if (unserved.length === 0) return;
  throw new UserError(
    `mission '${mission.name}' has steps done by the agents' models (${byModel.map((t) => t.name).join(', ')}), no model is configured and no simulated world stands in for one`,
    { code: 'TEAM_NO_MODEL', hint: HOW_TO_CONFIGURE_MODEL },
  );
}
