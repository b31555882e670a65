/**
 * Before each planning of a mission with learned tools: the tools' models are chosen
 * from every stored run of the mission (this one included, so a proposal is replaced as
 * soon as one of its steps is observed), the mission the run plans with is updated, and
 * a `tools.modelled` event records the models whenever they change.
 */
import { readEvents } from '../log/codec.js';
import { chooseToolModels, parseProposal, proposeToolModel } from '../learning/index.js';
import type { Proposal } from '../learning/index.js';
import { missionTrajectories } from '../observations.js';
import { splitDerived } from '../planning.js';
import type { RunContext, ToolLearning } from './context.js';
import { recordUsage } from './record-usage.js';
import { viewOf } from './state.js';
import type { RunState } from './state.js';

/** Chooses the learned tools' models and plans with them from now on (no-op without learned tools). */
export async function chooseModels(ctx: RunContext, state: RunState): Promise<void> {
  const learning = ctx.learning;
  if (learning === undefined) return;
  const { base } = learning;
  if (learning.last === '') await proposalsOfLog(ctx, learning);
  const trajectories = await missionTrajectories(ctx.log, base);
  const observed = new Set(trajectories.flatMap((t) => t.transitions.map((x) => x.action)));
  const model = ctx.options.model;
  const notes = new Map<string, string>();
  for (const { action } of base.learnedActions ?? []) {
    const name = action.name;
    if (model === undefined || observed.has(name) || learning.proposals.has(name)) continue;
    if (learning.asked.has(name)) continue;
    learning.asked.add(name);
    const answer = await proposeToolModel(model, base, base.tools.get(name)!, action, {
      ...(ctx.signal === undefined ? {} : { signal: ctx.signal }),
    });
    await recordUsage(ctx, { agent: 'learn', model: model.name, usage: answer.usage });
    if (answer.proposal !== undefined) learning.proposals.set(name, answer.proposal);
    else notes.set(name, `the model's proposal was refused: ${answer.error ?? ''}`);
  }
  const chosen = chooseToolModels(base, trajectories, learning.proposals);
  const tools = chosen.tools.map((t) =>
    notes.has(t.tool) && t.note === undefined ? { ...t, note: notes.get(t.tool)! } : t,
  );
  learning.tools = tools;
  // Recorded when a learned tool's model changes (declared tools' counts alone do not count).
  const json = JSON.stringify(tools.filter((t) => t.source !== 'declared'));
  if (json !== learning.last) {
    learning.last = json;
    await ctx.recorder.emit({ type: 'tools.modelled', data: { tools } });
  }
  ctx.mission = { ...base, domain: chosen.domain };
  ctx.split = splitDerived(chosen.domain);
  state.view = viewOf(ctx.mission, state.knowledge);
}

/** A resumed run keeps the model's proposals it recorded before (the model is not asked again). */
async function proposalsOfLog(ctx: RunContext, learning: ToolLearning): Promise<void> {
  for (const e of await readEvents(ctx.log, ctx.runId)) {
    if (e.type !== 'tools.modelled') continue;
    for (const t of e.data.tools) {
      learning.asked.add(t.tool);
      if (t.by !== 'model' || t.precondition === undefined || t.effect === undefined) continue;
      const action = learning.base.learnedActions?.find((l) => l.action.name === t.tool)?.action;
      if (action === undefined) continue;
      const texts = { precondition: t.precondition, effect: t.effect };
      const parsed = parseProposal(learning.base, action, texts);
      if (typeof parsed === 'string') continue;
      const p: Proposal = { by: 'model', action: parsed, ...texts };
      learning.proposals.set(t.tool, p);
    }
  }
}
