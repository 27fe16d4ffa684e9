import { RunJob } from '@fleet/contracts';
import type { Logger, WorkerMetrics } from '@fleet/telemetry';
import { traceIdOf } from '@fleet/telemetry';
import type { Worker } from 'bullmq';
import { z } from 'zod';
import { RunJobSummary } from './run-job-summary.js';

/**
 * Counts every finished job attempt into the worker's metrics from the main thread's events (the sandbox threads
 * report through the job's return value), and logs each job with its sweep, job and trace ids.
 */
export function recordWorkerMetrics(worker: Worker, metrics: WorkerMetrics, log: Logger): void {
  worker.on('completed', (job, returned) => {
    const data = RunJob.safeParse(job.data);
    const summary = RunJobSummary.safeParse(returned);
    if (!data.success || !summary.success) {
      log.warn({ jobId: job.id, problem: summary.error && z.prettifyError(summary.error) }, 'unreadable job summary');
      return;
    }
    metrics.recordJob({ strategy: data.data.strategy, ...summary.data });
    log.debug(
      { sweepId: data.data.sweepId, jobId: job.id, traceId: traceIdOf(data.data.trace), ...summary.data },
      'job completed',
    );
  });
  worker.on('failed', (job, err) => {
    const data = job && RunJob.safeParse(job.data);
    if (!job || !data?.success) return;
    const final = err.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
    if (final) metrics.recordJobFailure(data.data.strategy, data.data.runs.length);
    else metrics.recordRetry(data.data.strategy, data.data.runs.length);
  });
}
