/** Tool results of Atelier's MCP server: text for people and models, structured content for programs. */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { UserError, formatUserError } from '../../errors.js';

/** A result: the text, and the same facts as structured content. */
export function ok(text: string, structured: Record<string, unknown>): CallToolResult {
  return { content: [{ type: 'text', text }], structuredContent: structured };
}

/**
 * A mistake in the input (bad PDDL, unknown run, step not waiting) is a tool error the
 * client reads (`isError`, one line with the location and a hint); anything else is a
 * fault of the server and goes to the SDK, which reports it as such.
 */
export function guarded<P extends unknown[]>(
  handler: (...params: P) => CallToolResult | Promise<CallToolResult>,
): (...params: P) => Promise<CallToolResult> {
  return async (...params) => {
    try {
      return await handler(...params);
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      // formatUserError names the code: `file:line:col: error[CODE]: message`.
      return {
        isError: true,
        content: [{ type: 'text', text: formatUserError(err) }],
      };
    }
  };
}
