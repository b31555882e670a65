/**
 * Natural-language goals: the model is asked for a formal goal constrained to the
 * mission's predicates and objects (structured output with a JSON schema built from
 * them). The answer is validated against the domain before the planner sees it; an
 * invalid answer goes back to the model with the error, at most `maxAttempts` times.
 */
import type { Condition } from '../../pddl/ast.js';
import { formatCondition } from '../../pddl/index.js';
import type { JsonSchema, Message, Model, ModelRequest } from '../../models/index.js';
import { modelCallSpan } from '../../agents/index.js';
import { UserError } from '../../errors.js';
import { parseGoal } from './goal.js';
import { GoalError } from '../errors.js';
import type { Mission } from '../types.js';

export interface GoalTranslation {
  goal: Condition;
  /** The goal as PDDL text. */
  text: string;
  /** How many model answers it took (1 when the first one was valid). */
  attempts: number;
  /** The errors sent back to the model, in order. */
  errors: string[];
  /** Tokens of all the answers (to record on the run: StartRunOptions.usage). */
  usage: { inputTokens: number; outputTokens: number };
}

/** The JSON schema of a goal: a list of (possibly negated) atoms over the mission's predicates and objects. */
export function goalSchema(mission: Mission): JsonSchema {
  const objects = mission.objects.map((o) => o.name);
  const variants = mission.domain.predicates.map((p) => ({
    type: 'object',
    properties: {
      predicate: { type: 'string', enum: [p.name] },
      args: {
        type: 'array',
        items: { type: 'string', enum: objects },
        minItems: p.params.length,
        maxItems: p.params.length,
      },
      negated: { type: 'boolean' },
    },
    required: ['predicate', 'args', 'negated'],
    additionalProperties: false,
  }));
  return {
    type: 'object',
    properties: { goals: { type: 'array', minItems: 1, items: { anyOf: variants } } },
    required: ['goals'],
    additionalProperties: false,
  };
}

/** Checks a model answer; returns the PDDL goal text or throws a message to send back. */
function check(mission: Mission, answer: string | null): string {
  if (answer === null || answer.trim() === '')
    throw new Error('the answer was empty; answer with JSON {"goals": [...]}');
  let data: unknown;
  try {
    data = JSON.parse(answer);
  } catch {
    throw new Error('the answer is not valid JSON');
  }
  const goals = (data as { goals?: unknown }).goals;
  if (!Array.isArray(goals) || goals.length === 0)
    throw new Error('expected {"goals": [ ... ]} with at least one goal');
  const parts = goals.map((g: unknown, i: number) => {
    const { predicate, args, negated } = (g ?? {}) as {
      predicate?: unknown;
      args?: unknown;
      negated?: unknown;
    };
    if (typeof predicate !== 'string') throw new Error(`goals[${i}].predicate: expected a string`);
    if (!Array.isArray(args) || !args.every((a) => typeof a === 'string'))
      throw new Error(`goals[${i}].args: expected an array of object names`);
    const atom = `(${[predicate, ...(args as string[])].join(' ')})`;
    return negated === true ? `(not ${atom})` : atom;
  });
  const text = parts.length === 1 ? parts[0]! : `(and ${parts.join(' ')})`;
  try {
    parseGoal(mission.domain, mission.objects, text);
  } catch (err) {
    throw new Error(
      `${text} is not a valid goal: ${err instanceof GoalError ? err.detail : err instanceof Error ? err.message : String(err)}`,
    );
  }
  return text;
}

/**
 * Translates `request` into a formal goal with `model`. An invalid answer is sent back with
 * its error at most `maxCorrections` times (default 3); then a UserError.
 */
export async function translateGoal(
  model: Model,
  mission: Mission,
  request: string,
  options: { maxCorrections?: number; signal?: AbortSignal } = {},
): Promise<GoalTranslation> {
  const maxAttempts = 1 + (options.maxCorrections ?? 3);
  const preds = mission.domain.predicates
    .map((p) => `(${[p.name, ...p.params.map((x) => x.name)].join(' ')})`)
    .join(', ');
  const messages: Message[] = [
    {
      role: 'system',
      content: `You translate a request into a formal goal for the mission "${mission.name}". Use only these predicates: ${preds}. Objects: ${mission.objects.map((o) => `${o.name} (${o.type})`).join(', ')}. Answer with JSON {"goals": [{"predicate", "args", "negated"}]}: the facts that must hold at the end.`,
    },
    { role: 'user', content: request },
  ];
  const errors: string[] = [];
  const usage = { inputTokens: 0, outputTokens: 0 };
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const req: ModelRequest = {
      messages,
      output: { name: 'goal', schema: goalSchema(mission), strict: true },
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    };
    const res = await modelCallSpan(model.name, req, 'goal', () => model.generate(req));
    usage.inputTokens += res.usage?.inputTokens ?? 0;
    usage.outputTokens += res.usage?.outputTokens ?? 0;
    try {
      const text = check(mission, res.text);
      const goal = parseGoal(mission.domain, mission.objects, text);
      return { goal, text: formatCondition(goal), attempts: attempt, errors, usage };
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      errors.push(msg);
      messages.push(
        { role: 'assistant', content: res.text },
        {
          role: 'user',
          content: `That goal is invalid: ${msg}. Answer again with a corrected JSON goal.`,
        },
      );
    }
  }
  throw new UserError(
    `the model did not give a valid goal in ${maxAttempts} answers (${maxAttempts - 1} sent back with their error): ${errors[errors.length - 1]}`,
    {
      code: 'GOAL_TRANSLATION_FAILED',
      hint: 'rephrase the goal, or give it in PDDL with --goal "(and ...)"',
      exitCode: 1,
    },
  );
}
