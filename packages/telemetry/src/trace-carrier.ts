import type { TraceCarrier } from '@fleet/contracts';
import {
  type Context,
  context,
  defaultTextMapGetter,
  defaultTextMapSetter,
  type Link,
  ROOT_CONTEXT,
  trace,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';

// W3C directly rather than the global propagator: carriers cross threads and processes whose registration may differ.
const w3c = new W3CTraceContextPropagator();

/**
 * The trace context of `ctx` as a {@link TraceCarrier} to put into a message, or `undefined` outside any span.
 *
 * @example
 * queue.add(RUN_JOB_NAME, { ...job, trace: injectTraceCarrier() });
 */
export function injectTraceCarrier(ctx: Context = context.active()): TraceCarrier | undefined {
  const carrier: Record<string, string> = {};
  w3c.inject(ctx, carrier, defaultTextMapSetter);
  if (!carrier.traceparent) return undefined;
  return carrier.tracestate
    ? { traceparent: carrier.traceparent, tracestate: carrier.tracestate }
    : { traceparent: carrier.traceparent };
}

/**
 * The context a message's {@link TraceCarrier} continues, to parent or link the receiver's spans; `base` unchanged
 * when the message carries none.
 *
 * @example
 * await withSpan('run-job', { parent: extractTraceCarrier(job.trace) }, () => run(job));
 */
export function extractTraceCarrier(carrier: TraceCarrier | undefined, base: Context = context.active()): Context {
  return carrier ? w3c.extract(base, carrier, defaultTextMapGetter) : base;
}

/** The trace id in a carrier, for log lines written outside the carrier's span. */
export function traceIdOf(carrier: TraceCarrier | undefined): string | undefined {
  return carrier?.traceparent.split('-')[1];
}

/**
 * A span link to the context in a carrier, for a span that serves many traces at once (an aggregator batch holds the
 * results of many jobs and sweeps), or `undefined` when the carrier holds none.
 */
export function traceLink(carrier: TraceCarrier | undefined): Link | undefined {
  const linked = carrier && trace.getSpanContext(extractTraceCarrier(carrier, ROOT_CONTEXT));
  return linked ? { context: linked } : undefined;
}
