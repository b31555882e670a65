/**
 * Request validation with zod. A bad body is a 400 that names the field (`param`) and the
 * problem (`goal: expected string, received number`), like zod's own issue list.
 */
import type { Context } from 'hono';
import type { z } from 'zod';
import { HttpError } from './errors.js';

export interface FieldIssue {
  /** Dotted path of the offending field ('' for the body itself). */
  field: string;
  message: string;
}

function issuesOf(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    field: issue.path.map((p) => String(p)).join('.'),
    message: issue.message,
  }));
}

/** Validates a value against a schema, throwing a 400 `invalid_request` on failure. */
export function validate<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what = 'body',
): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = issuesOf(result.error);
  const first = issues[0] ?? { field: '', message: 'invalid' };
  const where = first.field ? `${first.field}: ` : `${what}: `;
  throw new HttpError(400, 'invalid_request', `${where}${first.message}`, {
    param: first.field || null,
    issues,
  });
}

/** Reads the JSON body (400 if it is not JSON) and validates it. */
export async function readBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  let raw: unknown;
  const text = await c.req.text();
  if (text.trim() === '') {
    raw = {};
  } else {
    try {
      raw = JSON.parse(text);
    } catch {
      throw new HttpError(400, 'invalid_json', 'request body is not valid JSON', {
        hint: 'send a JSON object with content-type: application/json',
      });
    }
  }
  return validate(schema, raw);
}
