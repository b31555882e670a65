/** Tool models as text: a proposal is always marked UNVERIFIED wherever it is shown. */
import type { ToolModel } from '../log/events.js';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** What a tool's model is, in a few words: "learned from 3 observations", "UNVERIFIED proposal (model)". */
export function modelSourceText(t: ToolModel): string {
  switch (t.source) {
    case 'declared':
      return 'declared';
    case 'learned':
      return `learned from ${plural(t.observations, 'observation')}`;
    case 'proposed':
      return `UNVERIFIED proposal (${t.by === 'model' ? "the model's" : 'bootstrap'}), never observed`;
    case 'unobserved':
      return 'no model: never observed, the planner cannot use it';
    case 'unusable':
      return `no safe model from ${plural(t.observations, 'observation')}: the planner cannot use it`;
  }
}

/** One line per learned tool (declared ones summed up in one line). */
export function toolModelLines(tools: readonly ToolModel[]): string[] {
  const declared = tools.filter((t) => t.source === 'declared').map((t) => t.tool);
  const others = tools.filter((t) => t.source !== 'declared');
  const width = Math.max(0, ...others.map((t) => t.tool.length));
  return [
    ...others.map((t) => {
      const model =
        t.precondition === undefined ? '' : `: ${t.precondition} -> ${t.effect ?? '(and)'}`;
      return `${t.tool.padEnd(width)} ${modelSourceText(t)}${model}${t.note === undefined ? '' : ` (${t.note})`}`;
    }),
    ...(declared.length === 0 ? [] : [`declared: ${declared.join(', ')}`]),
  ];
}
