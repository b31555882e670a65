/**
 * The API description, generated from the same zod schemas that validate requests
 * (z.toJSONSchema), so the document cannot drift from what the server accepts.
 */
import { z } from 'zod';
import { version } from '../version.js';

export interface Operation {
  method: 'get' | 'post';
  /** Hono-style path: `/api/runs/:id`. */
  path: string;
  summary: string;
  tag: string;
  body?: z.ZodType;
  /** JSON response schema, or 'sse' for an event stream. */
  response?: z.ZodType | 'sse';
  /** Error statuses this operation may answer with, besides 401 and 500. */
  errors?: number[];
}

const ErrorSchema = z
  .object({
    error: z
      .object({
        message: z.string(),
        type: z.string(),
        param: z.string().nullable(),
        code: z.string(),
      })
      .loose(),
  })
  .meta({
    description:
      "Every error, in OpenAI's shape: a message for people, the type, the offending field (param) and a code for programs, plus details (location, hint, issues).",
  });

function jsonSchema(schema: z.ZodType): unknown {
  return z.toJSONSchema(schema, { target: 'openapi-3.0', unrepresentable: 'any', io: 'input' });
}

const REASONS: Record<number, string> = {
  400: 'Bad input (the field and the problem are named)',
  401: 'Missing or wrong bearer token',
  404: 'Not found',
  409: 'Conflict with the current state',
  413: 'Body too large',
  422: 'Valid input that could not be processed within the memory limit',
  429: 'Rate limited (upstream model); see Retry-After',
  500: 'Internal error',
  502: 'The upstream model failed',
  503: 'Busy: every worker is taken and the queue is full',
  504: 'Time limit reached',
};

/** Builds the OpenAPI 3.0 document for the given operations. */
export function buildOpenApi(operations: readonly Operation[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const error = { content: { 'application/json': { schema: jsonSchema(ErrorSchema) } } };
  for (const op of operations) {
    const path = op.path.replace(/:(\w+)/g, '{$1}');
    const params = [...op.path.matchAll(/:(\w+)/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    const responses: Record<string, unknown> = {};
    if (op.response === 'sse') {
      responses['200'] = {
        description: 'Server-sent events; reconnect with Last-Event-ID to resume',
        content: { 'text/event-stream': { schema: { type: 'string' } } },
      };
    } else {
      responses['200'] = {
        description: 'OK',
        ...(op.response
          ? { content: { 'application/json': { schema: jsonSchema(op.response) } } }
          : {}),
      };
    }
    for (const status of [...(op.errors ?? []), 401, 500]) {
      responses[String(status)] = { description: REASONS[status] ?? 'Error', ...error };
    }
    paths[path] ??= {};
    paths[path]![op.method] = {
      summary: op.summary,
      tags: [op.tag],
      ...(params.length ? { parameters: params } : {}),
      ...(op.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchema(op.body) } },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'Atelier API',
      version,
      description:
        'Missions, runs, planning and reasoning over HTTP, plus OpenAI-compatible /v1 endpoints.',
    },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearer: [] }],
    paths,
  };
}
