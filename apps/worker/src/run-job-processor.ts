import { RunJob } from '@fleet/contracts';
import { publishOutcomes, type Redis } from '@fleet/queue';
import { extractTraceCarrier, FleetAttributes, injectTraceCarrier, withSpan } from '@fleet/telemetry';
import { UnrecoverableError } from 'bullmq';
import { z } from 'zod';
import { executeRunJob, type SeriesLoader } from './execute-run-job.js';
import type { RunJobSummary } from './run-job-summary.js';

/** What {@link createRunJobProcessor} needs: a bar loader that reports cache hits, and where to publish outcomes. */
export interface RunJobProcessorContext {
  load: (
    ...args: Parameters<SeriesLoader>
  ) => Promise<{ series: Awaited<ReturnType<SeriesLoader>>; cacheHit: boolean }>;
  redis: Redis;
  prefix: string;
}

/**
 * Builds the function that processes one job: validate, run every planned run, publish the outcomes, report what it
 * measured. It continues the submit's trace from the job's carrier (`run-job` with `load-bars` and `engine-run`
 * inside) and hands the `run-job` context on with the outcomes, so the aggregator joins the same trace. The sandbox
 * uses it in a worker thread; tests call it in-process.
 *
 * @example
 * const process = createRunJobProcessor({ load, redis, prefix: 'fleet' });
 * const summary = await process({ id: 'sweep.0', data });
 */
export function createRunJobProcessor(
  context: RunJobProcessorContext,
): (job: { id?: string | undefined; data: unknown }) => Promise<RunJobSummary> {
  return async (job) => {
    const parsed = RunJob.safeParse(job.data);
    if (!parsed.success) {
      throw new UnrecoverableError(`invalid RunJob payload in job ${job.id}: ${z.prettifyError(parsed.error)}`);
    }
    const data = parsed.data;
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
      const outcomes = await executeRunJob(data, (symbol, interval, from, to) =>
        withSpan('load-bars', { attributes }, async (load) => {
          const loaded = await context.load(symbol, interval, from, to);
          bars = loaded.series.length;
          cacheHit = loaded.cacheHit;
          load.setAttributes({ [FleetAttributes.bars]: bars, [FleetAttributes.cacheHit]: cacheHit });
          return loaded.series;
        }),
      );
      await publishOutcomes(context.redis, context.prefix, outcomes, injectTraceCarrier());
      const failed = outcomes.filter((o) => o.status === 'failed').length;
      span.setAttribute('fleet.runs.failed', failed);
      return {
        runs: outcomes.length,
        failed,
        bars,
        engineMs: outcomes.reduce((ms, o) => ms + o.durationMs, 0),
        cacheHit,
      };
    });
  };
}
