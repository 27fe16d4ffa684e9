import { RunJob } from '@fleet/contracts';
import { createDatabase, findSweep, loadBars } from '@fleet/db';
import { createRedisConnection, publishOutcomes } from '@fleet/queue';
import { createLogger } from '@fleet/telemetry';
import { type SandboxedJob, UnrecoverableError } from 'bullmq';
import { z } from 'zod';
import { BarCache } from './bar-cache.js';
import { readEnv } from './env.js';
import { executeRunJob, type SeriesLoader } from './execute-run-job.js';
import { SweepStatusCache } from './sweep-status-cache.js';

/** Connections and cache of one sandbox thread, opened on its first job and reused for every later one. */
function openSandboxContext() {
  const env = readEnv();
  const log = createLogger('worker-sandbox', { level: env.LOG_LEVEL });
  const db = createDatabase({
    url: env.DATABASE_URL,
    poolMax: 2,
    applicationName: 'fleet-worker',
    onPoolError: (err) => log.warn({ err }, 'postgres pool error'),
  });
  const redis = createRedisConnection(env.REDIS_URL, 'blocking', (err) => log.warn({ err }, 'redis error'));
  const cache = new BarCache(env.BAR_CACHE_MB * 1024 * 1024);
  const load: SeriesLoader = (symbol, interval, from, to) =>
    cache.get(`${symbol}|${interval}|${from}|${to}`, () => loadBars(db, symbol, interval, from, to));
  const statuses = new SweepStatusCache(async (sweepId) => (await findSweep(db, sweepId))?.status);
  return { env, redis, load, statuses };
}

let context: ReturnType<typeof openSandboxContext> | undefined;

/**
 * The sandboxed processor: BullMQ runs it in a worker thread so the CPU-bound engine never blocks the main thread's
 * lock renewal. Outcomes are published before the job completes; a crash in between re-runs the job, and the
 * aggregator's unique key absorbs the repeat.
 */
export default async function processRunJob(
  job: SandboxedJob,
): Promise<{ runs: number; failed: number; skipped?: string }> {
  const parsed = RunJob.safeParse(job.data);
  if (!parsed.success) {
    throw new UnrecoverableError(`invalid RunJob payload in job ${job.id}: ${z.prettifyError(parsed.error)}`);
  }
  context ??= openSandboxContext();
  // A cancelled (or deleted) sweep's remaining jobs end at once: nothing is computed or stored for them.
  const status = await context.statuses.get(parsed.data.sweepId);
  if (status === 'cancelled' || status === undefined)
    return { runs: 0, failed: 0, skipped: status ?? 'sweep not found' };
  const outcomes = await executeRunJob(parsed.data, context.load);
  await publishOutcomes(context.redis, context.env.FLEET_QUEUE_PREFIX, outcomes);
  return { runs: outcomes.length, failed: outcomes.filter((o) => o.status === 'failed').length };
}
