import { Counter, Histogram, type Registry } from 'prom-client';

/** What the worker measured while processing one job. */
interface JobMeasurements {
  strategy: string;
  runs: number;
  failed: number;
  /** Bars in the job's series; every run simulates all of them. */
  bars: number;
  /** Engine time of the whole job, in ms. */
  engineMs: number;
  /** Whether the job's bars came from the thread's cache. */
  cacheHit: boolean;
}

/** The worker's series, fed by its job processor and its failed-job events. */
export interface WorkerMetrics {
  /** A job finished: its runs succeeded or failed on their own merits. */
  recordJob(job: JobMeasurements): void;
  /** A job attempt failed and will be retried: its runs run again. */
  recordRetry(strategy: string, runs: number): void;
  /** A job failed for good: every one of its runs is stored as failed. */
  recordJobFailure(strategy: string, runs: number): void;
}

/**
 * Registers the worker's run counters, run duration histogram, bar throughput and data-cache counters. Bars per
 * second is `rate(fleet_bars_processed_total[1m])`.
 *
 * @example
 * const metrics = createWorkerMetrics(registry);
 * createRunJobProcessor({ ...options, metrics });
 */
export function createWorkerMetrics(registry: Registry): WorkerMetrics {
  const registers = [registry];
  const completed = new Counter({
    name: 'fleet_runs_completed_total',
    help: 'Runs that produced a result',
    labelNames: ['strategy'],
    registers,
  });
  const failed = new Counter({
    name: 'fleet_runs_failed_total',
    help: 'Runs stored as failed (bad parameters or data, or their job failed for good)',
    labelNames: ['strategy'],
    registers,
  });
  const retried = new Counter({
    name: 'fleet_runs_retried_total',
    help: 'Runs whose job attempt failed and was retried',
    labelNames: ['strategy'],
    registers,
  });
  const duration = new Histogram({
    name: 'fleet_run_duration_seconds',
    help: 'Engine time per run (a job runs its runs together; each gets the mean)',
    labelNames: ['strategy'],
    buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers,
  });
  const bars = new Counter({
    name: 'fleet_bars_processed_total',
    help: 'Bars simulated (bars × runs); rate() gives bars per second',
    labelNames: ['strategy'],
    registers,
  });
  const hits = new Counter({ name: 'fleet_data_cache_hits_total', help: 'Bar loads served by the cache', registers });
  const misses = new Counter({
    name: 'fleet_data_cache_misses_total',
    help: 'Bar loads that queried Postgres',
    registers,
  });
  return {
    recordJob(job) {
      const labels = { strategy: job.strategy };
      completed.inc(labels, job.runs - job.failed);
      if (job.failed > 0) failed.inc(labels, job.failed);
      const perRun = job.engineMs / 1000 / Math.max(job.runs, 1);
      for (let i = 0; i < job.runs - job.failed; i++) duration.observe(labels, perRun);
      bars.inc(labels, job.bars * (job.runs - job.failed));
      (job.cacheHit ? hits : misses).inc();
    },
    recordRetry(strategy, runs) {
      retried.inc({ strategy }, runs);
    },
    recordJobFailure(strategy, runs) {
      failed.inc({ strategy }, runs);
    },
  };
}
