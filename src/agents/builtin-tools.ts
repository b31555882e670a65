/**
 * Small, safe tools that need no setup: the clock and arithmetic. `atelier chat --tools`
 * offers them; they also make handy examples.
 */
import { z } from 'zod';
import { tool } from './tool.js';

/** The current date and time, in ISO form and in the machine's time zone. */
export const currentTimeTool = tool({
  name: 'current_time',
  description: 'The current date and time (ISO 8601, UTC) and the local time zone.',
  input: z.object({}),
  execute: () => ({
    utc: new Date().toISOString(),
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  }),
});

/** Evaluates + - * / % ^ and parentheses over decimal numbers; nothing else. */
export const calculateTool = tool({
  name: 'calculate',
  description: 'Evaluate an arithmetic expression: numbers, + - * / % ^ and parentheses.',
  input: z.object({ expression: z.string().max(500).describe('e.g. (2 + 3) * 4.5') }),
  execute: ({ expression }) => ({ expression, value: evaluate(expression) }),
});

export const builtinTools = [currentTimeTool, calculateTool];

/** A recursive-descent evaluator; throws with the position of the first mistake. */
export function evaluate(expression: string): number {
  let at = 0;
  const skip = (): void => {
    while (expression[at] === ' ') at++;
  };
  const fail = (what: string): never => {
    throw new Error(`${what} at position ${at + 1} of ${JSON.stringify(expression)}`);
  };
  const primary = (): number => {
    skip();
    const c = expression[at];
    if (c === '(') {
      at++;
      const v = sum();
      skip();
      if (expression[at] !== ')') fail('expected ")"');
      at++;
      return v;
    }
    if (c === '-' || c === '+') {
      at++;
      const v = power();
      return c === '-' ? -v : v;
    }
    const m = /^\d+(\.\d+)?([eE][+-]?\d+)?|^\.\d+/.exec(expression.slice(at));
    if (!m) return fail('expected a number');
    at += m[0].length;
    return Number(m[0]);
  };
  const power = (): number => {
    const base = primary();
    skip();
    if (expression[at] !== '^') return base;
    at++;
    return base ** power(); // right-associative
  };
  const product = (): number => {
    let v = power();
    for (;;) {
      skip();
      const op = expression[at];
      if (op !== '*' && op !== '/' && op !== '%') return v;
      at++;
      const r = power();
      v = op === '*' ? v * r : op === '/' ? v / r : v % r;
    }
  };
  function sum(): number {
    let v = product();
    for (;;) {
      skip();
      const op = expression[at];
      if (op !== '+' && op !== '-') return v;
      at++;
      const r = product();
      v = op === '+' ? v + r : v - r;
    }
  }
  const value = sum();
  skip();
  if (at < expression.length) fail('unexpected character');
  if (!Number.isFinite(value)) throw new Error(`${JSON.stringify(expression)} has no finite value`);
  return value;
}
