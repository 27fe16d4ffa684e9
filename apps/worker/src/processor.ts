import { createDatabase, loadBars } from '@fleet/db';
import { createRedisConnection } from '@fleet/queue';
import { createLogger, startTelemetry } from '@fleet/telemetry';
import type { SandboxedJob } from 'bullmq';
import { BarCache } from './bar-cache.js';
import { readEnv } from './env.js';
import { createRunJobProcessor } from './run-job-processor.js';
import type { RunJobSummary } from './run-job-summary.js';

/** Connections, cache and tracing of one sandbox thread, opened on its first job and reused for every later one. */
function openSandboxContext() {
  const env = readEnv();
  // Each worker thread has its own OpenTelemetry globals, so each registers its own tracer provider.
  startTelemetry('worker', { otlpEndpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT });
  const log = createLogger('worker-sandbox', { level: env.LOG_LEVEL });
  const db = createDatabase({
    url: env.DATABASE_URL,
    poolMax: 2,
    applicationName: 'fleet-worker',
    onPoolError: (err) => log.warn({ err }, 'postgres pool error'),
  });
  const redis = createRedisConnection(env.REDIS_URL, 'blocking', (err) => log.warn({ err }, 'redis error'));
  const cache = new BarCache(env.BAR_CACHE_MB * 1024 * 1024);
  return createRunJobProcessor({
    redis,
    prefix: env.FLEET_QUEUE_PREFIX,
    // One job at a time runs on a thread, so the hit counter moving tells whether this load was a hit.
    async load(symbol, interval, from, to) {
      const hitsBefore = cache.hits;
      const series = await cache.get(`${symbol}|${interval}|${from}|${to}`, () =>
        loadBars(db, symbol, interval, from, to),
      );
      return { series, cacheHit: cache.hits > hitsBefore };
    },
  });
}

let processJob: ReturnType<typeof openSandboxContext> | undefined;

/**
 * The sandboxed processor: BullMQ runs it in a worker thread so the CPU-bound engine never blocks the main thread's
 * lock renewal. Outcomes are published before the job completes; a crash in between re-runs the job, and the
 * aggregator's unique key absorbs the repeat. The return value carries the job's measurements to the main thread.
 */
export default async function processRunJob(job: SandboxedJob): Promise<RunJobSummary> {
  processJob ??= openSandboxContext();
  return processJob({ id: job.id, data: job.data });
}
