import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * A Prometheus registry for one process, labelled with its service and carrying Node's default process metrics
 * (CPU, memory, event-loop lag, GC), so every Fleet `/metrics` starts from the same baseline.
 *
 * @example
 * const registry = createMetricsRegistry('worker');
 * const metrics = createWorkerMetrics(registry);
 */
export function createMetricsRegistry(service: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return registry;
}

export type { Registry };
