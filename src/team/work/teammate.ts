/**
 * Asking a teammate: a built-in tool of model-driven steps. The question goes to another
 * agent of the team, answered by its model with its role; that teammate may ask in turn,
 * up to `maxDepth` nested questions, and a step asks at most `maxQuestions` in all.
 * Every exchange — answered or refused — is a `teammate.asked` event of the run.
 */
import { z } from 'zod';
import { agent, run, toJsonSchema } from '../../agents/index.js';
import type { Tool } from '../../agents/index.js';
import type { Model } from '../../models/index.js';
import type { RunContext } from '../run/context.js';
import { usagePerCall } from '../run/record-usage.js';

export const ASK_TEAMMATE = 'ask_teammate';

/** What the questions of one step share: its bounds and how many were asked. */
export interface Consultation {
  ctx: RunContext;
  stepId: string;
  maxQuestions: number;
  maxDepth: number;
  asked: number;
  modelOf(agentName: string): Model | undefined;
  signal: AbortSignal;
}

const Input = z.strictObject({
  teammate: z.string().describe('the name of the teammate to ask'),
  question: z.string().min(1).describe('the question, with what they need to answer it'),
});

// Computed once: every model-driven step offers the tool (tool() would convert per step).
const PARAMETERS = toJsonSchema(Input);

/** The tool `from` uses to ask a teammate, `depth` questions deep (1: the step's own agent). */
export function askTeammateTool(c: Consultation, from: string, depth: number): Tool {
  const team = c.ctx.mission.agents.filter((a) => a.name !== from);
  const roster = team.map((a) => `${a.name}${a.role === undefined ? '' : ` (${a.role})`}`);
  const asker: Tool<z.output<typeof Input>, string> = {
    name: ASK_TEAMMATE,
    description: `Ask a teammate a question; they answer from their role. Teammates: ${roster.join('; ')}.`,
    input: Input,
    parameters: PARAMETERS,
    async execute({ teammate, question }) {
      const to = teammate.trim().toLowerCase();
      const exchange = { stepId: c.stepId, from, to, question, depth };
      const refuse = async (error: string): Promise<never> => {
        await c.ctx.recorder.emit({ type: 'teammate.asked', data: { ...exchange, error } });
        throw new Error(error);
      };
      const mate = team.find((a) => a.name === to);
      if (mate === undefined)
        return refuse(
          to === from
            ? `${from} cannot ask itself`
            : `no teammate '${teammate}'; the team: ${team.map((a) => a.name).join(', ')}`,
        );
      if (depth > c.maxDepth)
        return refuse(
          `question depth bound reached (at most ${c.maxDepth} nested questions): answer from what you know`,
        );
      if (c.asked >= c.maxQuestions)
        return refuse(
          `question bound reached: at most ${c.maxQuestions} questions to teammates per step; answer from what you know`,
        );
      c.asked++;
      const model = c.modelOf(mate.name);
      if (model === undefined) return refuse(`${mate.name} has no model to answer with`);
      const answerer = agent({
        name: mate.name,
        instructions: [
          `You are ${mate.name}, a member of the team of the mission "${c.ctx.mission.name}".`,
          mate.role === undefined ? '' : `Your role: ${mate.role}.`,
          c.ctx.mission.description,
          `Your teammate ${from} asks you a question while working on step ${c.stepId}. Answer briefly and concretely.`,
        ]
          .filter((l) => l !== '')
          .join('\n'),
        model,
        tools: [askTeammateTool(c, mate.name, depth + 1)],
      });
      let answer: string;
      const usage = usagePerCall(c.ctx, { agent: mate.name, stepId: c.stepId, model: model.name });
      try {
        const opts = { signal: c.signal, maxTurns: 6, onEvent: usage.onEvent };
        answer = (await run(answerer, question, opts)).finalOutput;
        await usage.flushed();
      } catch (err) {
        await usage.flushed();
        if (c.signal.aborted) throw err;
        return refuse(
          `${mate.name} could not answer: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
      await c.ctx.recorder.emit({ type: 'teammate.asked', data: { ...exchange, answer } });
      return answer;
    },
  };
  return asker as Tool;
}
