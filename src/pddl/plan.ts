/**
 * Plans in the VAL / IPC format: one `(action arg...)` per line, `;` comments, and
 * optionally the timestamped form `0: (action arg...) [1]`.
 */
import type { PlanStep } from './ast.js';
import { PddlError } from './errors.js';

const STEP = /^(?:\d+(?:\.\d+)?\s*:\s*)?\(([^()]*)\)\s*(?:\[\s*\d+(?:\.\d+)?\s*\])?$/;

/** Parses a plan text. Throws PddlError with file:line:col on a malformed line. */
export function parsePlan(text: string, file?: string): PlanStep[] {
  const steps: PlanStep[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const semi = raw.indexOf(';');
    const content = (semi >= 0 ? raw.slice(0, semi) : raw).replace(/\r$/, '');
    const trimmed = content.trim();
    if (trimmed === '') continue;
    const col = content.length - content.trimStart().length + 1;
    const loc = file === undefined ? { line: i + 1, col } : { file, line: i + 1, col };
    const m = STEP.exec(trimmed);
    if (m === null) {
      throw new PddlError(
        `expected a plan step such as (move a b), found '${trimmed.length > 40 ? `${trimmed.slice(0, 37)}...` : trimmed}'`,
        loc,
        'one (action arg...) per line; comments start with ;',
        'PDDL_BAD_PLAN_STEP',
      );
    }
    const words = m[1]!
      .trim()
      .split(/\s+/)
      .filter((w) => w !== '')
      .map((w) => w.toLowerCase());
    if (words.length === 0)
      throw new PddlError(
        `empty plan step '()'`,
        loc,
        'write the action name inside the parentheses',
        'PDDL_BAD_PLAN_STEP',
      );
    steps.push({ action: words[0]!, args: words.slice(1), loc });
  }
  return steps;
}

/**
 * Prints a plan: one `(action arg...)` per line, then `; cost = N (unit cost)` or
 * `; cost = N (general cost)`. Ends with a newline.
 */
export function formatPlan(steps: PlanStep[], cost: number, unitCost: boolean): string {
  const lines = steps.map((s) => `(${[s.action, ...s.args].join(' ')})`);
  lines.push(`; cost = ${cost} (${unitCost ? 'unit cost' : 'general cost'})`);
  return `${lines.join('\n')}\n`;
}
