import {
  type Attributes,
  type Context,
  context,
  type Link,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';

/** Options of {@link withSpan}. */
export interface SpanOptions {
  attributes?: Attributes;
  /** The context to start in; a message's context from {@link extractTraceCarrier}. @defaultValue the active context */
  parent?: Context;
  links?: Link[];
  /** @defaultValue SpanKind.INTERNAL */
  kind?: SpanKind;
}

/** The instrumentation scope of every Fleet span. */
const TRACER_NAME = 'backtest-fleet';

/**
 * Starts a span that is not made active and must be ended by the caller: for work measured across several steps,
 * such as one sweep's share of an aggregator batch, parented by that sweep's trace while the batch has its own.
 *
 * @example
 * const share = startSpan('results.stored', { parent: extractTraceCarrier(entry.trace) });
 * share.end();
 */
export function startSpan(name: string, options: SpanOptions = {}): Span {
  return trace.getTracer(TRACER_NAME).startSpan(
    name,
    {
      kind: options.kind ?? SpanKind.INTERNAL,
      ...(options.attributes ? { attributes: options.attributes } : {}),
      ...(options.links ? { links: options.links } : {}),
    },
    options.parent ?? context.active(),
  );
}

/**
 * Runs `fn` inside a new active span and ends it, recording a thrown error on the span before re-throwing, so every
 * traced step (data load, engine run, batch insert) has the same shape and no span is ever left open.
 *
 * @example
 * const bars = await withSpan('load-bars', { attributes: { [FleetAttributes.symbol]: 'ORCL' } }, () => load());
 */
export async function withSpan<T>(name: string, options: SpanOptions, fn: (span: Span) => T | Promise<T>): Promise<T> {
  const tracer = trace.getTracer(TRACER_NAME);
  const spanOptions = {
    kind: options.kind ?? SpanKind.INTERNAL,
    ...(options.attributes ? { attributes: options.attributes } : {}),
    ...(options.links ? { links: options.links } : {}),
  };
  return tracer.startActiveSpan(name, spanOptions, options.parent ?? context.active(), async (span) => {
    try {
      return await fn(span);
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      throw error;
    } finally {
      span.end();
    }
  });
}
