import { randomUUID } from 'node:crypto';
import { MAX_RUN_JOB_BYTES, RUN_JOB_NAME, SweepSpec } from '@fleet/contracts';
import { createSweep, type Database, type Kysely, recordEnqueuedJobs } from '@fleet/db';
import { SweepPlan, SweepPlanError } from '@fleet/planning';
import { type RunQueue, runJobId } from '@fleet/queue';
import { FleetAttributes, injectTraceCarrier, traceIdOf, withSpan } from '@fleet/telemetry';
import { canonicalJson } from './canonical-json.js';
import { SweepConflictError } from './sweep-conflict-error.js';

/** Options of {@link submitSweep}. */
export interface SubmitSweepOptions {
  db: Kysely<Database>;
  /** The runs queue, or, with sharded Redis, a function giving the queue of the sweep's shard from its final id (a resumed sweep keeps its stored id). */
  queue: RunQueue | ((sweepId: string) => RunQueue);
  spec: SweepSpec;
  /** Makes the submit idempotent: the same key resumes the same sweep instead of creating a new one. */
  idempotencyKey?: string;
  /** The sweep's plan, when the caller already counted it (for validation or a size check); its id is kept. */
  plan?: SweepPlan;
  /** Runs carried by one job, when no plan is given; a daily backtest takes about a millisecond, so one run per job would drown in queue overhead. @defaultValue 25 */
  runsPerJob?: number;
  /** Jobs per `addBulk` call. @defaultValue 500 */
  chunkSize?: number;
  onProgress?: (enqueuedJobs: number, totalJobs: number) => void;
}

/** What {@link submitSweep} did. */
export interface SubmittedSweep {
  sweepId: string;
  total: number;
  jobs: number;
  /** False when the idempotency key named an existing sweep, which was resumed. */
  created: boolean;
  /** Jobs enqueued by this call (0 when a resumed sweep was already fully enqueued). */
  enqueuedNow: number;
  /** The trace every job of this submit carries; look it up in the tracing backend to follow the sweep. */
  traceId?: string;
}

/**
 * Records a sweep and its manifest (the spec, from which every run is enumerable) in Postgres, then streams its jobs
 * into the runs queue with `addBulk` in chunks, recording a watermark after each chunk. Postgres is written first, so
 * the sweep exists even if Redis later loses its jobs; an interrupted submit resumes from the watermark, and
 * deterministic job ids make the chunk that was in flight harmless to add again. The submit runs in a `sweep.submit`
 * span whose context every job carries, so workers and the aggregator continue the same trace.
 *
 * @example
 * const { sweepId, total } = await submitSweep({ db, queue, spec, idempotencyKey: 'nightly-2026-11-23' });
 */
export async function submitSweep(options: SubmitSweepOptions): Promise<SubmittedSweep> {
  return withSpan('sweep.submit', {}, async (span) => {
    const submitted = await enqueueSweep(options);
    span.setAttribute(FleetAttributes.sweepId, submitted.sweepId);
    span.setAttribute(FleetAttributes.runs, submitted.total);
    return submitted;
  });
}

async function enqueueSweep(options: SubmitSweepOptions): Promise<SubmittedSweep> {
  const { db, spec } = options;
  const trace = injectTraceCarrier();
  const chunkSize = options.chunkSize ?? 500;
  const fresh = options.plan ?? new SweepPlan(spec, randomUUID(), { runsPerJob: options.runsPerJob ?? 25 });
  // Every job's size is settled before the first write, so an oversized job never leaves a half-written sweep.
  const oversized = fresh.firstOversizedJob(MAX_RUN_JOB_BYTES, trace ? { trace } : {});
  if (oversized) {
    throw new SweepPlanError(
      `job ${oversized.jobIndex} would be ${oversized.bytes} bytes, over the ${MAX_RUN_JOB_BYTES}-byte limit; submit with a smaller --runs-per-job`,
    );
  }
  const { sweep, created } = await createSweep(db, {
    id: fresh.sweepId,
    idempotencyKey: options.idempotencyKey ?? null,
    name: spec.name,
    spec,
    total: fresh.totalRuns,
    jobs: fresh.totalJobs,
    runsPerJob: fresh.runsPerJob,
    foldSlots: fresh.outOfSampleSlots.map((slot) => ({
      runIndex: slot.runIndex,
      fold: slot.fold,
      strategy: slot.strategy,
      symbol: slot.symbol,
      firstRun: slot.inSample.firstRun,
      runs: slot.inSample.runs,
      selectMetric: spec.validation?.select ?? 'sharpe',
      minTrades: spec.validation?.minTrades ?? 0,
    })),
  });
  let plan = fresh;
  if (!created) {
    const stored = SweepSpec.parse(sweep.spec);
    // The run timeout and the data versions are derived at submit, so they may differ between two submits of the
    // same file; the stored ones stay in force for the resumed sweep.
    const runsOf = ({ runTimeoutMs: _timeout, dataVersions: _versions, ...rest }: SweepSpec) => canonicalJson(rest);
    if (runsOf(stored) !== runsOf(SweepSpec.parse(spec))) {
      throw new SweepConflictError(
        `sweep key '${options.idempotencyKey}' already names sweep ${sweep.id} with a different spec; use another --id`,
      );
    }
    plan = new SweepPlan(stored, sweep.id, { runsPerJob: sweep.runs_per_job });
  }

  const queue = typeof options.queue === 'function' ? options.queue(plan.sweepId) : options.queue;
  let enqueued = created ? 0 : sweep.enqueued_jobs;
  const from = enqueued;
  options.onProgress?.(enqueued, plan.totalJobs);
  let chunk: Parameters<RunQueue['addBulk']>[0] = [];
  const flush = async () => {
    await queue.addBulk(chunk);
    enqueued += chunk.length;
    chunk = [];
    await recordEnqueuedJobs(db, plan.sweepId, enqueued);
    options.onProgress?.(enqueued, plan.totalJobs);
  };
  for (const job of plan.jobs(from)) {
    const data = trace ? { ...job.data, trace } : job.data;
    chunk.push({ name: RUN_JOB_NAME, data, opts: { jobId: runJobId(plan.sweepId, job.jobIndex) } });
    if (chunk.length >= chunkSize) await flush();
  }
  if (chunk.length > 0) await flush();
  const traceId = traceIdOf(trace);
  return {
    sweepId: plan.sweepId,
    total: plan.totalRuns,
    jobs: plan.totalJobs,
    created,
    enqueuedNow: enqueued - from,
    ...(traceId ? { traceId } : {}),
  };
}
