/**
 * A model-driven step: the assigned agent runs the agent loop of src/agents with its role
 * as instructions, the step (its rendered instruction), the facts that matter to it, the
 * work products it depends on and its own tools (plus `ask_teammate`). It must end with a
 * structured report (report.ts); a report that does not fit the mission goes back to the
 * model with the error, at most `maxCorrections` times, then the step fails with it.
 */
import { agent, memorySession, run } from '../../agents/index.js';
import type { Model } from '../../models/index.js';
import { ModelBehaviorError } from '../../models/index.js';
import type { PlannedStep, WorkProduct } from '../log/events.js';
import type { RunContext } from '../run/context.js';
import { usagePerCall } from '../run/record-usage.js';
import type { RunState } from '../run/state.js';
import type { PlanningTool, TeamAgent, ToolOutcome } from '../types.js';
import { boardOf } from './board.js';
import { checkReport, reportOutcome, StepReportSchema, vocabularyText } from './report.js';
import type { StepReport } from './report.js';
import { stepFacts } from './step-facts.js';
import { askTeammateTool, ASK_TEAMMATE } from './teammate.js';
import type { Consultation } from './teammate.js';
import { renderInstruction } from './template.js';

export const SIMULATED_NOTE = 'simulated: no model configured';

/** The model an agent of the team works with in this run, if any. */
export function modelOf(ctx: RunContext, name: string): Model | undefined {
  return ctx.mission.agents.find((a) => a.name === name)?.model ?? ctx.options.model;
}

/** Carries out a model-driven step with its agent's model and returns what the report says. */
export async function runModelStep(
  ctx: RunContext,
  state: RunState,
  step: PlannedStep,
  tool: PlanningTool & { byModel: { instruction: string } },
  model: Model,
): Promise<ToolOutcome> {
  const options = ctx.options.work ?? {};
  const maxCorrections = options.maxCorrections ?? 3;
  const member = ctx.mission.agents.find((a) => a.name === step.agent)!;
  const board = boardOf(ctx);
  const facts = stepFacts(ctx.mission, step, state.facts, state.knowledge.derivedKeys());
  const inputs = await board.inputsOf(step, facts.atoms);
  const signal = ctx.signal ?? new AbortController().signal;
  const consultation: Consultation = {
    ctx,
    stepId: step.id,
    maxQuestions: options.maxQuestions ?? 4,
    maxDepth: options.maxDepth ?? 2,
    asked: 0,
    modelOf: (name) => modelOf(ctx, name),
    signal,
  };
  const worker = agent({
    name: member.name,
    instructions: instructionsOf(ctx, member),
    model,
    tools: [...(member.ownTools ?? []), askTeammateTool(consultation, member.name, 1)],
    output: StepReportSchema,
  });
  const session = memorySession(`${ctx.runId}/${step.id}`);
  let input = stepPrompt(ctx, step, tool, facts.lines, inputs);
  let error = '';
  for (let answer = 0; answer <= maxCorrections; answer++) {
    let report: StepReport;
    // Each model call counted per step and agent, and against the run's budget.
    const usage = usagePerCall(ctx, { agent: member.name, stepId: step.id, model: model.name });
    try {
      const result = await run(worker, input, {
        session,
        signal,
        maxTurns: options.maxTurns ?? 10,
        onEvent: usage.onEvent,
      });
      await usage.flushed();
      report = result.finalOutput;
    } catch (err) {
      await usage.flushed();
      if (!(err instanceof ModelBehaviorError) || signal.aborted) throw err;
      error = err.message.replace(/^agent [^:]+: /, '');
      input = correction(error);
      continue;
    }
    const checked = checkReport(ctx.mission, report);
    if (checked.ok) return reportOutcome(report, checked);
    error = checked.error;
    input = correction(error);
  }
  return {
    ok: false,
    reason: `the model's report is still invalid after ${maxCorrections} correction${maxCorrections === 1 ? '' : 's'}: ${error}`,
  };
}

const correction = (error: string): string =>
  `Your report is invalid: ${error}\nAnswer again with a corrected report (the same JSON form).`;

function instructionsOf(ctx: RunContext, member: TeamAgent): string {
  return [
    `You are ${member.name}, a member of the team carrying out the mission "${ctx.mission.name}".`,
    member.role === undefined ? '' : `Your role: ${member.role}.`,
    ctx.mission.description === '' ? '' : `The mission: ${ctx.mission.description}`,
    `You carry out one step of the team's plan. Use your tools and ${ASK_TEAMMATE} when you need them, then end with your report as JSON: done (true when the step is carried out), reason, workProduct ({ title, markdown } or null) and observedFacts (atoms of the mission, or null).`,
  ]
    .filter((l) => l !== '')
    .join('\n');
}

/** The step as the model is told it. */
export function stepPrompt(
  ctx: RunContext,
  step: PlannedStep,
  tool: PlanningTool & { byModel: { instruction: string } },
  factLines: readonly string[],
  inputs: readonly WorkProduct[],
): string {
  const args = Object.fromEntries(tool.params.map(([p], i) => [p, step.args[i]!]));
  const call = `(${[step.action, ...step.args].join(' ')})`;
  const parts = [
    `Step ${step.id}: ${call}${tool.description === '' ? '' : ` — ${tool.description}`}`,
    renderInstruction(tool.byModel.instruction, args, ctx.mission),
    `Facts that matter to this step:\n${factLines.length === 0 ? '- none' : factLines.join('\n')}`,
    inputs.length === 0
      ? 'Work products you depend on: none.'
      : `Work products you depend on:\n\n${inputs.map(showProduct).join('\n\n')}`,
    `Facts you may report use this vocabulary:\n${vocabularyText(ctx.mission)}`,
  ];
  return parts.join('\n\n');
}

const showProduct = (p: WorkProduct): string =>
  `### ${p.title}\n(by ${p.agent}, step ${p.stepId}: (${[p.action, ...p.args].join(' ')}))\n\n${p.markdown}`;
