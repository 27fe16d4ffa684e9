import { z } from 'zod';

/**
 * W3C trace context carried inside a message (job data, a results stream entry), so one trace follows a sweep from
 * `fleet sweep submit` through its jobs to the aggregator batch that stored its results, across processes and threads.
 *
 * @example
 * TraceCarrier.parse({ traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' });
 */
export const TraceCarrier = z.strictObject({
  traceparent: z.string().regex(/^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/),
  tracestate: z.string().max(512).optional(),
});
export type TraceCarrier = z.infer<typeof TraceCarrier>;
