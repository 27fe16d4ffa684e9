import { Gauge, type Registry } from 'prom-client';

/** How {@link registerQueueMetrics} reads one queue; the queue package provides it for BullMQ queues. */
export interface QueueMetricsSource {
  name: string;
  /** Jobs per state (waiting, active, delayed, completed, failed, …). */
  counts(): Promise<Record<string, number>>;
  /** Age of the oldest waiting job in ms, or `undefined` when none waits. */
  oldestWaitingAgeMs(): Promise<number | undefined>;
}

/**
 * Registers gauges read from Redis at scrape time: jobs per queue and state, and the age of the oldest waiting job,
 * which shows a starved fleet (too few workers) before the job counts do.
 *
 * @example
 * registerQueueMetrics(registry, [runQueueMetricsSource(queue)]);
 */
export function registerQueueMetrics(registry: Registry, sources: readonly QueueMetricsSource[]): void {
  new Gauge({
    name: 'fleet_queue_jobs',
    help: 'Jobs in a queue by state',
    labelNames: ['queue', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const source of sources) {
        const counts = await source.counts();
        for (const [state, n] of Object.entries(counts)) this.set({ queue: source.name, state }, n);
      }
    },
  });
  new Gauge({
    name: 'fleet_queue_oldest_waiting_age_seconds',
    help: 'Age of the oldest waiting job (0 when none waits)',
    labelNames: ['queue'],
    registers: [registry],
    async collect() {
      for (const source of sources) this.set({ queue: source.name }, ((await source.oldestWaitingAgeMs()) ?? 0) / 1000);
    },
  });
}
