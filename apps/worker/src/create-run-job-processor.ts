import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAX_RUN_JOB_BYTES, RunJob, runJobBytes } from '@fleet/contracts';
import { type Database, findCachedResults, findStrategyBundle, findSweep, type Kysely } from '@fleet/db';
import { publishOutcomes, type Redis } from '@fleet/queue';
import {
  type BarCache,
  BundleStore,
  createSeriesLoader,
  type EnginePool,
  executeRunJob,
  isPermanentJobError,
  isServiceUnavailable,
  SweepStatusCache,
} from '@fleet/runner';
import {
  extractTraceCarrier,
  FleetAttributes,
  injectTraceCarrier,
  type WorkerMetrics,
  withSpan,
} from '@fleet/telemetry';
import { DelayedError, type Job, UnrecoverableError } from 'bullmq';
import { z } from 'zod';

/** Options of {@link createRunJobProcessor}. */
export interface RunJobProcessorOptions {
  db: Kysely<Database>;
  redis: Redis;
  prefix: string;
  pool: EnginePool;
  /** Bars kept across jobs; passed in so its owner can report its hits and misses. */
  cache: BarCache;
  /** Recorded in every outcome (see `resolveCodeVersion`). */
  codeVersion: string;
  /** sha256 of each plugin strategy's module code (from `loadStrategyModules`), part of its runs' identity. */
  strategyDigests?: Readonly<Record<string, string>>;
  /** Strategy bundles by hash, verified; built over `db` and the pool's bundle folder when not given. */
  bundles?: BundleStore;
  /** Where bundles are cached on disk when `bundles` is not given. @defaultValue fleet-strategy-bundles under the OS temp folder */
  bundleDir?: string;
  /** Per-run timeout for jobs that carry none, in ms. */
  defaultRunTimeoutMs: number;
  /** How long a job waits before it is tried again while Postgres or Redis is unreachable, in ms. @defaultValue 5000 */
  unavailableRetryMs?: number;
  onServiceUnavailable?: (jobId: string | undefined, error: Error) => void;
  /** Where each processed job's runs, engine time, bars and cache lookup are counted. @defaultValue none */
  metrics?: WorkerMetrics;
}

/** What a processed job returns (kept small: results travel through the results stream, not the job). */
export interface RunJobSummary {
  runs: number;
  failed: number;
  skipped?: string;
}

/**
 * Builds the BullMQ processor of the runs queue. It runs on the main thread but only waits: payload validation,
 * cached bar loading and publishing are I/O, and the engine runs on the pool's threads, so lock renewal is never
 * starved. Outcomes are published before the job completes; a crash in between re-runs the job, and the
 * aggregator's unique run key absorbs the repeat. Each job continues the submit's trace from its carrier
 * (`run-job`, with `load-bars` and `engine-run` inside) and hands the `run-job` context on with its outcomes, so the
 * aggregator's span joins the same trace.
 */
export function createRunJobProcessor(
  options: RunJobProcessorOptions,
): (job: Job, token?: string) => Promise<RunJobSummary> {
  const { db, redis, prefix, pool } = options;
  const loadSeries = createSeriesLoader(db, options.cache);
  const statuses = new SweepStatusCache(async (sweepId) => (await findSweep(db, sweepId))?.status);
  const bundles =
    options.bundles ??
    new BundleStore(
      async (hash) => (await findStrategyBundle(db, hash))?.bundle,
      options.bundleDir ?? join(tmpdir(), 'fleet-strategy-bundles'),
    );
  return async (job, token) => {
    try {
      return await process(job);
    } catch (error) {
      // A missing, forged or throwing strategy bundle fails the same way every time: no attempt is spent retrying it.
      if (isPermanentJobError(error))
        throw Object.assign(new UnrecoverableError((error as Error).message), {
          code: (error as { code: string }).code,
        });
      if (!isServiceUnavailable(error)) throw error;
      // Back to the delayed set without spending an attempt: an outage must not turn runs into failures.
      options.onServiceUnavailable?.(job.id, error as Error);
      await job.moveToDelayed(Date.now() + (options.unavailableRetryMs ?? 5_000), token);
      throw new DelayedError();
    }
  };

  async function process(job: Job): Promise<RunJobSummary> {
    const bytes = runJobBytes(job.data);
    if (bytes > MAX_RUN_JOB_BYTES)
      throw new UnrecoverableError(`job ${job.id} payload is ${bytes} bytes, over the ${MAX_RUN_JOB_BYTES}-byte limit`);
    const parsed = RunJob.safeParse(job.data);
    if (!parsed.success)
      throw new UnrecoverableError(`invalid RunJob payload in job ${job.id}: ${z.prettifyError(parsed.error)}`);
    const data = parsed.data;
    // A cancelled (or deleted) sweep's remaining jobs end at once: nothing is computed or stored for them.
    let status = await statuses.get(data.sweepId);
    // A remembered `cancelled` may predate a `fleet sweep resume`, whose requeued jobs must not be skipped.
    if (status === 'cancelled') status = await statuses.get(data.sweepId, true);
    if (status === 'cancelled' || status === undefined)
      return { runs: 0, failed: 0, skipped: status ?? 'sweep not found' };
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    const attributes = {
      [FleetAttributes.sweepId]: data.sweepId,
      [FleetAttributes.jobId]: job.id ?? '',
      [FleetAttributes.strategy]: data.strategy,
      [FleetAttributes.symbol]: data.symbol,
      [FleetAttributes.runs]: data.runs.length,
    };
    return withSpan('run-job', { parent: extractTraceCarrier(data.trace), attributes }, async (span) => {
      let bars = 0;
      let cacheHit = false;
      let engineMs = 0;
      const outcomes = await executeRunJob(
        data,
        (symbol, interval, from, to) =>
          withSpan('load-bars', {}, async (load) => {
            const series = await loadSeries(symbol, interval, from, to, (hit) => {
              cacheHit = hit;
            });
            bars = series.length;
            load.setAttributes({ [FleetAttributes.bars]: bars, [FleetAttributes.cacheHit]: cacheHit });
            return series;
          }),
        (j, series, provenance) =>
          withSpan('engine-run', { attributes: { [FleetAttributes.bars]: series.length } }, async () => {
            // Fetched (once per worker, then from memory or disk) and verified here; loaded only on the engine thread.
            const bundle = j.strategyBundle === undefined ? undefined : await bundles.get(j.strategyBundle);
            const started = performance.now();
            const evaluated = await pool.evaluate(j, series, {
              runTimeoutMs: j.runTimeoutMs ?? options.defaultRunTimeoutMs,
              isolateCrashes: lastAttempt,
              provenance,
              ...(bundle === undefined ? {} : { bundle }),
            });
            engineMs = performance.now() - started;
            return evaluated;
          }),
        options.codeVersion,
        (keys) => findCachedResults(db, keys),
        options.strategyDigests,
      );
      await publishOutcomes(redis, prefix, outcomes, injectTraceCarrier());
      const failed = outcomes.filter((o) => o.status === 'failed').length;
      span.setAttribute('fleet.runs.failed', failed);
      options.metrics?.recordJob({ strategy: data.strategy, runs: outcomes.length, failed, bars, engineMs, cacheHit });
      return { runs: outcomes.length, failed };
    });
  }
}
