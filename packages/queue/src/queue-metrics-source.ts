import type { Queue } from 'bullmq';

/**
 * How the `fleet_queue_*` gauges read a BullMQ queue: job counts per state, and the age of the oldest waiting job
 * (the next one a worker takes).
 *
 * @example
 * registerQueueMetrics(registry, [queueMetricsSource(queue)]);
 */
export function queueMetricsSource(queue: Queue): {
  name: string;
  counts(): Promise<Record<string, number>>;
  oldestWaitingAgeMs(): Promise<number | undefined>;
} {
  return {
    name: queue.name,
    counts: () => queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed', 'paused'),
    async oldestWaitingAgeMs() {
      const [oldest] = await queue.getJobs(['waiting'], 0, 0, true);
      return oldest ? Math.max(0, Date.now() - oldest.timestamp) : undefined;
    },
  };
}
