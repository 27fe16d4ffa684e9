import { RunJob } from '@fleet/contracts';
import { createDatabase } from '@fleet/db';
import { createRedisConnection, publishOutcomes } from '@fleet/queue';
import { createLogger } from '@fleet/telemetry';
import { type SandboxedJob, UnrecoverableError } from 'bullmq';
import { z } from 'zod';
import { BarCache } from './bar-cache.js';
import { resolveCodeVersion } from './code-version.js';
import { createSeriesLoader } from './create-series-loader.js';
import { readEnv } from './env.js';
import { executeRunJob } from './execute-run-job.js';

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
  return {
    env,
    log,
    redis,
    cache,
    load: createSeriesLoader(db, cache),
    codeVersion: resolveCodeVersion(env.FLEET_CODE_VERSION),
  };
}

let context: ReturnType<typeof openSandboxContext> | undefined;

/**
 * The sandboxed processor: BullMQ runs it in a worker thread so the CPU-bound engine never blocks the main thread's
 * lock renewal. Outcomes are published before the job completes; a crash in between re-runs the job, and the
 * aggregator's unique key absorbs the repeat.
 */
export default async function processRunJob(job: SandboxedJob): Promise<{ runs: number; failed: number }> {
  const parsed = RunJob.safeParse(job.data);
  if (!parsed.success) {
    throw new UnrecoverableError(`invalid RunJob payload in job ${job.id}: ${z.prettifyError(parsed.error)}`);
  }
  context ??= openSandboxContext();
  const outcomes = await executeRunJob(parsed.data, context.load, context.codeVersion);
  context.log.debug({ jobId: job.id, barCache: context.cache.stats() }, 'bar cache');
  await publishOutcomes(context.redis, context.env.FLEET_QUEUE_PREFIX, outcomes);
  return { runs: outcomes.length, failed: outcomes.filter((o) => o.status === 'failed').length };
}
