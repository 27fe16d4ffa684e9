import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  NodeTracerProvider,
  SimpleSpanProcessor,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-node';

/** Options of {@link startTelemetry}. */
export interface TelemetryOptions {
  /**
   * OTLP/HTTP base endpoint (`OTEL_EXPORTER_OTLP_ENDPOINT`); spans go to `<endpoint>/v1/traces` in batches.
   * @defaultValue unset: nothing is exported
   */
  otlpEndpoint?: string;
  /** An extra exporter fed on every span end, e.g. an `InMemorySpanExporter` in tests. @defaultValue none */
  exporter?: SpanExporter;
}

/** The tracing of one process; `shutdown()` flushes buffered spans. */
export interface Telemetry {
  /** Whether any span leaves the process. */
  readonly exporting: boolean;
  shutdown(): Promise<void>;
}

/**
 * Registers the process's tracer provider with W3C trace-context propagation. Spans are always recorded, so log lines
 * carry trace ids and jobs carry trace context even when nothing is exported; exporting starts only when an OTLP
 * endpoint is configured, which keeps a laptop or CI run free of network calls. `OTEL_SERVICE_NAME` and
 * `OTEL_RESOURCE_ATTRIBUTES` are honoured, as are the exporter's own `OTEL_EXPORTER_OTLP_*` variables.
 *
 * @example
 * const telemetry = startTelemetry('worker', { otlpEndpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT });
 * process.on('SIGTERM', () => void telemetry.shutdown());
 */
export function startTelemetry(service: string, options: TelemetryOptions = {}): Telemetry {
  const spanProcessors: SpanProcessor[] = [];
  if (options.otlpEndpoint) {
    const url = `${options.otlpEndpoint.replace(/\/+$/, '')}/v1/traces`;
    spanProcessors.push(new BatchSpanProcessor(new OTLPTraceExporter({ url })));
  }
  if (options.exporter) spanProcessors.push(new SimpleSpanProcessor(options.exporter));
  const resource = resourceFromAttributes({ 'service.name': service, 'service.namespace': 'backtest-fleet' }).merge(
    detectResources({ detectors: [envDetector] }),
  );
  const provider = new NodeTracerProvider({ resource, spanProcessors });
  provider.register({ propagator: new W3CTraceContextPropagator() });
  return { exporting: spanProcessors.length > 0, shutdown: () => provider.shutdown() };
}
