/**
 * A model's proposal of a learned tool's precondition and effect, while the tool was never
 * observed: asked with structured output, checked against the mission's vocabulary (its
 * predicates and arities, the tool's parameters, the objects) by the PDDL parser, an
 * invalid answer sent back with its error. A proposal is never trusted: it is planned
 * with UNVERIFIED and replaced by SAM's model as soon as the tool is observed.
 */
import { z } from 'zod';
import type { ActionDef, Domain } from '../../pddl/ast.js';
import { parseDomain, PddlError } from '../../pddl/index.js';
import { formatLearnedDomain } from '../../learn/index.js';
import type { JsonSchema, Message, Model, ModelRequest } from '../../models/index.js';
import { modelCallSpan } from '../../agents/index.js';
import type { Mission, PlanningTool } from '../types.js';
import type { Proposal } from './choose.js';
import { fullVocabulary } from './choose.js';

const AnswerSchema = z.strictObject({ precondition: z.string(), effect: z.string() });

const ANSWER_SCHEMA: JsonSchema = {
  type: 'object',
  properties: { precondition: { type: 'string' }, effect: { type: 'string' } },
  required: ['precondition', 'effect'],
  additionalProperties: false,
};

/** The text of a domain without actions (the vocabulary's types, constants, predicates, rules). */
function vocabularyText(vocabulary: Domain): string {
  return formatLearnedDomain({
    domain: { ...vocabulary, actions: [] },
    actions: [],
    trajectories: 0,
    transitions: 0,
    learningMs: 0,
  });
}

/**
 * Parses a proposed precondition and effect of `action` against the mission's vocabulary;
 * returns the action, or the parser's message (what is wrong, without a location).
 */
export function parseProposal(
  mission: Pick<Mission, 'domain' | 'learnedActions'>,
  action: ActionDef,
  texts: { precondition: string; effect: string },
): ActionDef | string {
  const vocabulary = fullVocabulary(mission);
  const params = action.params
    .map((p) => `?${p.name.replace(/^\?/, '')} - ${p.types[0] ?? 'object'}`)
    .join(' ');
  const pre = texts.precondition.trim() === '' ? '(and)' : texts.precondition;
  const act = `  (:action ${action.name}\n    :parameters (${params})\n    :precondition ${pre}\n    :effect ${texts.effect})\n`;
  const domain = vocabularyText(vocabulary).replace(/\)\n$/, `${act})\n`);
  try {
    const parsed = parseDomain(domain).actions.find((a) => a.name === action.name);
    return parsed ?? `no action ${action.name} in the proposal`;
  } catch (err) {
    if (err instanceof PddlError) return err.message;
    throw err;
  }
}

function instructions(mission: Mission, tool: PlanningTool): string {
  const preds = mission.domain.predicates
    .map((p) => `(${[p.name, ...p.params.map((x) => `?${x.name.replace(/^\?/, '')}`)].join(' ')})`)
    .join(', ');
  const params = tool.params.map(([n, t]) => `?${n} - ${t}`).join(' ');
  return [
    `You propose the planning model of the tool "${tool.name}" of the mission "${mission.name}" (${mission.description}), which was never observed.`,
    `Its parameters: (${params}). ${tool.description === '' ? '' : `What it does: ${tool.description}.`}`,
    `Use only these predicates: ${preds}; only the parameters and these objects: ${mission.objects.map((o) => o.name).join(', ')}.`,
    'Answer with JSON {"precondition": PDDL condition, "effect": PDDL effect}, e.g. {"precondition": "(and (ready ?x))", "effect": "(and (done ?x) (not (ready ?x)))"}.',
  ].join('\n');
}

/**
 * Asks `model` for a proposal of `tool`'s model; an answer that does not parse against
 * the vocabulary is sent back with its error, at most `maxCorrections` times (default 2).
 * Returns the proposal, or the last error; and the tokens used.
 */
export async function proposeToolModel(
  model: Model,
  mission: Mission,
  tool: PlanningTool,
  action: ActionDef,
  options: { maxCorrections?: number; signal?: AbortSignal } = {},
): Promise<{
  proposal?: Proposal;
  error?: string;
  usage: { inputTokens: number; outputTokens: number };
}> {
  const messages: Message[] = [
    { role: 'system', content: instructions(mission, tool) },
    { role: 'user', content: `Propose the precondition and effect of ${tool.name}.` },
  ];
  const usage = { inputTokens: 0, outputTokens: 0 };
  let error = 'no answer';
  for (let attempt = 0; attempt <= (options.maxCorrections ?? 2); attempt++) {
    const req: ModelRequest = {
      messages,
      output: { name: 'tool_model', schema: ANSWER_SCHEMA, strict: true },
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    };
    const res = await modelCallSpan(model.name, req, 'tool-model', () => model.generate(req));
    usage.inputTokens += res.usage?.inputTokens ?? 0;
    usage.outputTokens += res.usage?.outputTokens ?? 0;
    let answer: z.infer<typeof AnswerSchema> | undefined;
    try {
      answer = AnswerSchema.parse(JSON.parse(res.text ?? ''));
    } catch {
      error = 'expected JSON {"precondition": "...", "effect": "..."}';
    }
    if (answer !== undefined) {
      const parsed = parseProposal(mission, action, answer);
      if (typeof parsed !== 'string')
        return { proposal: { by: 'model', action: parsed, ...answer }, usage };
      error = parsed;
    }
    messages.push(
      { role: 'assistant', content: res.text },
      { role: 'user', content: `That model is invalid: ${error}. Answer again, corrected.` },
    );
  }
  return { error, usage };
}
