/**
 * A step carried out by an MCP tool: its arguments are the tool's template filled with
 * the step's (and, when they name `{{inputs}}`, the work products it depends on), sent
 * to the run's session of the server. The result's text is the step's note (and its work
 * product when the tool names one); a tool error, a timeout or a server that exits fails
 * the step with the server's message, and the team re-plans as for any failure.
 */
import { UserError } from '../../errors.js';
import type { McpSession } from '../../mcp/index.js';
import type { PlannedStep, WorkProduct } from '../log/events.js';
import type { RunContext } from '../run/context.js';
import type { RunState } from '../run/state.js';
import type { McpStep, PlanningTool, ToolOutcome } from '../types.js';
import { boardOf } from '../work/board.js';
import { stepFacts } from '../work/step-facts.js';
import {
  fillJson,
  INPUTS_NAME,
  jsonStrings,
  renderInstruction,
  templateNames,
} from '../work/template.js';

/** At most this many characters of a result go into the step's note. */
const NOTE_CHARS = 200;

export async function mcpStep(
  ctx: RunContext,
  state: RunState,
  step: PlannedStep,
  tool: PlanningTool & { mcp: McpStep },
): Promise<ToolOutcome> {
  const { mcp } = tool;
  const params = Object.fromEntries(tool.params.map(([p], i) => [p, step.args[i]!]));
  const extra: Record<string, string> = usesInputs(mcp)
    ? { [INPUTS_NAME]: await inputsText(ctx, state, step) }
    : {};
  const fill = (text: string): string => renderInstruction(text, params, ctx.mission, extra);
  const args = fillJson(mcp.arguments, fill) as Record<string, unknown>;
  let session: McpSession;
  try {
    session = await ctx.mcp.session(mcp.server, ctx.signal);
  } catch (err) {
    // A server that cannot start fails the step, with the hint (is it installed?).
    if (!(err instanceof UserError) || ctx.signal?.aborted) throw err;
    return { ok: false, reason: `${err.message}${err.hint ? ` (${err.hint})` : ''}` };
  }
  const result = await session.call(mcp.tool, args, {
    ...(mcp.timeoutMs === undefined ? {} : { timeoutMs: mcp.timeoutMs }),
    ...(ctx.signal === undefined ? {} : { signal: ctx.signal }),
  });
  if (!result.ok) {
    // The next step that needs the server starts it again.
    if (result.failure.kind === 'crashed') ctx.mcp.forget(session);
    return { ok: false, reason: result.failure.message };
  }
  const text = result.text.trim();
  const line = text.replace(/\s+/g, ' ');
  const note = `${mcp.server}.${mcp.tool}: ${line.length > NOTE_CHARS ? `${line.slice(0, NOTE_CHARS - 1)}…` : line || '(no text)'}`;
  return {
    ok: true,
    note,
    ...(mcp.product === undefined ? {} : { product: { title: fill(mcp.product), markdown: text } }),
  };
}

function usesInputs(mcp: McpStep): boolean {
  return [
    ...jsonStrings(mcp.arguments),
    ...(mcp.product === undefined ? [] : [{ text: mcp.product }]),
  ].some(({ text }) => templateNames(text).some((n) => n.name.toLowerCase() === INPUTS_NAME));
}

/** The work products the step depends on, as Markdown (empty when there are none). */
async function inputsText(ctx: RunContext, state: RunState, step: PlannedStep): Promise<string> {
  const facts = stepFacts(ctx.mission, step, state.facts, state.knowledge.derivedKeys());
  const inputs = await boardOf(ctx).inputsOf(step, facts.atoms);
  return inputs.map(showInput).join('\n\n');
}

const showInput = (p: WorkProduct): string => `## ${p.title}\n\n${p.markdown}`;
