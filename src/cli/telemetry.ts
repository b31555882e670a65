/**
 * Traces: when OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is set,
 * the CLI (and `atelier serve`) registers the OpenTelemetry SDK with the standard OTLP/HTTP
 * exporter, so the spans the core makes through `@opentelemetry/api` (runs, plan rounds,
 * steps, model and tool calls) are exported; the exporter reads the usual OTEL_* variables
 * (headers, protocol details, OTEL_SERVICE_NAME). When neither is set, nothing is loaded
 * or started and the core's spans are no-ops.
 */
import { version } from '../version.js';

export interface Telemetry {
  /** Exports what is buffered and stops the SDK. */
  shutdown(): Promise<void>;
}

/** Whether the environment asks for traces to be exported. */
export function tracesRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  const set = (v: string | undefined): boolean => v !== undefined && v.trim() !== '';
  return (
    env.OTEL_SDK_DISABLED !== 'true' &&
    (set(env.OTEL_EXPORTER_OTLP_ENDPOINT) || set(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT))
  );
}

/** Starts the SDK when traces are requested (see above); undefined otherwise. */
export async function startTelemetry(
  env: NodeJS.ProcessEnv = process.env,
): Promise<Telemetry | undefined> {
  if (!tracesRequested(env)) return undefined;
  // Loaded only now: without an endpoint the SDK is not even imported.
  const [
    { NodeTracerProvider },
    { BatchSpanProcessor },
    { OTLPTraceExporter },
    { resourceFromAttributes },
  ] = await Promise.all([
    import('@opentelemetry/sdk-trace-node'),
    import('@opentelemetry/sdk-trace-base'),
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/resources'),
  ]);
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({
      'service.name': env.OTEL_SERVICE_NAME || 'atelier',
      'service.version': version,
    }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  provider.register();
  return { shutdown: () => provider.shutdown() };
}
