/**
 * OpenTelemetry spans of the core, through `@opentelemetry/api` only: without an SDK
 * registered (the CLI and the server register one when OTEL_EXPORTER_OTLP_ENDPOINT is
 * set) every call here is a no-op. Model calls and tool calls follow the GenAI semantic
 * conventions (`chat {model}` with gen_ai.request.model, gen_ai.usage.input_tokens /
 * output_tokens, gen_ai.response.finish_reasons; `execute_tool {name}`).
 */
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Attributes, Span } from '@opentelemetry/api';
import type { ModelRequest, ModelResponse } from '../models/types.js';

/** The instrumentation scope of Atelier's spans. */
export const TRACER_NAME = 'atelier';

/**
 * Runs `fn` in a span that is active for everything it awaits (children nest under it);
 * a throw is recorded on the span (status ERROR) and rethrown.
 */
export function inSpan<T>(
  name: string,
  attributes: Attributes,
  fn: (span: Span) => Promise<T>,
  kind: SpanKind = SpanKind.INTERNAL,
): Promise<T> {
  return trace.getTracer(TRACER_NAME).startActiveSpan(name, { kind, attributes }, async (span) => {
    try {
      return await fn(span);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (err instanceof Error) span.recordException(err);
      span.setStatus({ code: SpanStatusCode.ERROR, message });
      throw err;
    } finally {
      span.end();
    }
  });
}

/** The request attributes of a model call (GenAI semantic conventions). */
function requestAttributes(model: string, request: ModelRequest, agent?: string): Attributes {
  const s = request.settings;
  return {
    'gen_ai.operation.name': 'chat',
    'gen_ai.request.model': model,
    ...(agent === undefined ? {} : { 'gen_ai.agent.name': agent }),
    ...(s?.temperature === undefined ? {} : { 'gen_ai.request.temperature': s.temperature }),
    ...(s?.topP === undefined ? {} : { 'gen_ai.request.top_p': s.topP }),
    ...(s?.maxTokens === undefined ? {} : { 'gen_ai.request.max_tokens': s.maxTokens }),
    ...(request.output ? { 'gen_ai.output.type': 'json' } : {}),
  };
}

/** Records a model response on its span: tokens and finish reason. */
export function recordResponse(span: Span, response: ModelResponse): void {
  span.setAttribute('gen_ai.response.finish_reasons', [response.finishReason]);
  if (response.usage) {
    span.setAttribute('gen_ai.usage.input_tokens', response.usage.inputTokens);
    span.setAttribute('gen_ai.usage.output_tokens', response.usage.outputTokens);
  }
}

/** A model call (`chat {model}`, kind CLIENT) around `call`, which returns the response. */
export function modelCallSpan(
  model: string,
  request: ModelRequest,
  agent: string | undefined,
  call: () => Promise<ModelResponse>,
): Promise<ModelResponse> {
  return inSpan(
    `chat ${model}`,
    requestAttributes(model, request, agent),
    async (span) => {
      const response = await call();
      recordResponse(span, response);
      return response;
    },
    SpanKind.CLIENT,
  );
}

/** A tool call (`execute_tool {name}`). */
export function toolCallSpan<T>(
  tool: string,
  callId: string | undefined,
  agent: string | undefined,
  fn: (span: Span) => Promise<T>,
): Promise<T> {
  return inSpan(
    `execute_tool ${tool}`,
    {
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': tool,
      ...(callId === undefined ? {} : { 'gen_ai.tool.call.id': callId }),
      ...(agent === undefined ? {} : { 'gen_ai.agent.name': agent }),
    },
    fn,
  );
}
