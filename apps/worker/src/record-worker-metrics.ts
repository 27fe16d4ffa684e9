import { RunJob } from '@fleet/contracts';
import { type Logger, traceIdOf, type WorkerMetrics } from '@fleet/telemetry';
import type { Worker } from 'bullmq';

/**
 * Counts failed job attempts into the worker's metrics (a retried attempt re-runs its runs; a final failure stores
 * them all as failed) and logs each completed job with its sweep, job and trace ids. Processed jobs are counted by
 * the processor itself, which knows their measurements.
 */
export function recordWorkerMetrics(worker: Worker, metrics: WorkerMetrics, log: Logger): void {
  worker.on('completed', (job, summary) => {
    const data = RunJob.safeParse(job.data);
    if (!data.success) return;
    log.debug({ sweepId: data.data.sweepId, jobId: job.id, traceId: traceIdOf(data.data.trace), summary }, 'job done');
  });
  worker.on('failed', (job, err) => {
    const data = job && RunJob.safeParse(job.data);
    if (!job || !data?.success) return;
    const final = err.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
    if (final) metrics.recordJobFailure(data.data.strategy, data.data.runs.length);
    else metrics.recordRetry(data.data.strategy, data.data.runs.length);
  });
}
