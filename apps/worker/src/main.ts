import { hostname } from 'node:os';
import {
  describeConnectionError,
  postgresSslOptions,
  redisTarget,
  redisTlsOptions,
  serviceEndpoints,
} from '@fleet/config';
import { QueueNames, RunJob } from '@fleet/contracts';
import { createDatabase, pingDatabase, poolUsage, waitForDatabase } from '@fleet/db';
import { loadStrategyModules } from '@fleet/engine/plugins';
import { checkRedisPolicy, createRedisConnection, createRunQueue, publishOutcomes } from '@fleet/queue';
import { BarCache, EnginePool, jobFailureOutcomes } from '@fleet/runner';
import {
  createLogger,
  createMetricsRegistry,
  createWorkerMetrics,
  registerPoolMetrics,
  serveMetrics,
  startTelemetry,
  traceIdOf,
} from '@fleet/telemetry';
import { type Job, Worker } from 'bullmq';
import { resolveCodeVersion } from './code-version.js';
import { createRunJobProcessor } from './create-run-job-processor.js';
import { readEnv } from './env.js';
import { JobsInFlight } from './jobs-in-flight.js';
import { recordWorkerMetrics } from './record-worker-metrics.js';
import { startWorkerWatchdog, type WatchedWorker } from './worker-watchdog.js';

const CACHE_STATS_MS = 60_000;

const env = readEnv();
const telemetry = startTelemetry('worker', { otlpEndpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT });
const log = createLogger('worker', { level: env.LOG_LEVEL });
const codeVersion = resolveCodeVersion(env.FLEET_CODE_VERSION);
const connection = createRedisConnection(
  redisTarget(env),
  'blocking',
  (err) => log.warn({ err: err.message }, 'redis error'),
  redisTlsOptions(env),
);
const { persistence } = await checkRedisPolicy(connection);
if (!persistence) log.warn('Redis append-only file is off: a Redis crash loses recent jobs until they are reconciled');
const db = createDatabase({
  url: env.DATABASE_URL,
  poolMax: 2,
  applicationName: 'fleet-worker',
  ssl: postgresSslOptions(env),
  onPoolError: (err) => log.warn({ err: err.message }, 'postgres pool error'),
});
const registry = createMetricsRegistry('worker');
const metrics = createWorkerMetrics(registry);
registerPoolMetrics(registry, () => poolUsage(db));
// The main thread keys results, so it loads the plugins too: their code's hash is part of each run's identity.
const strategyDigests = await loadStrategyModules(env.FLEET_STRATEGY_MODULES);
const pool = new EnginePool({
  size: env.WORKER_CONCURRENCY,
  strategyModules: env.FLEET_STRATEGY_MODULES,
  bundleDir: env.FLEET_BUNDLE_DIR,
});
const cache = new BarCache(env.BAR_CACHE_MB * 1024 * 1024);
setInterval(() => log.debug({ barCache: cache.stats() }, 'bar cache'), CACHE_STATS_MS).unref();
const processor = createRunJobProcessor({
  db,
  redis: connection,
  prefix: env.FLEET_QUEUE_PREFIX,
  pool,
  cache,
  codeVersion,
  strategyDigests,
  bundleDir: env.FLEET_BUNDLE_DIR,
  defaultRunTimeoutMs: env.RUN_TIMEOUT_MS,
  metrics,
  onServiceUnavailable: (jobId, err) =>
    log.warn({ jobId, err: err.message }, 'a service is unreachable; job delayed without using an attempt'),
});

/** Records one failed row per run when a job fails for good; earlier failed attempts are only logged. */
function recordFinalFailure(job: Job<RunJob> | undefined, err: Error): void {
  if (!job) return;
  const final = err.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
  const parsed = RunJob.safeParse(job.data);
  const ids = parsed.success ? { sweepId: parsed.data.sweepId, traceId: traceIdOf(parsed.data.trace) } : {};
  log.warn({ ...ids, jobId: job.id, attempt: job.attemptsMade, final, err: err.message }, 'job failed');
  if (!final || !parsed.success) return;
  publishOutcomes(connection, env.FLEET_QUEUE_PREFIX, jobFailureOutcomes(parsed.data, err, codeVersion)).catch(
    (e: Error) =>
      log.error({ jobId: job.id, err: e.message }, 'could not record the failed runs; reconcile will re-run them'),
  );
}

// A stalled job (its worker died or froze) is recovered up to twice before it counts as failed.
function startWorker(): WatchedWorker {
  const jobs = new JobsInFlight();
  const started = new Worker<RunJob>(QueueNames.runs, jobs.track(processor), {
    connection,
    prefix: env.FLEET_QUEUE_PREFIX,
    concurrency: env.WORKER_CONCURRENCY,
    name: `${hostname()}-${process.pid}`,
    lockDuration: env.WORKER_LOCK_MS,
    stalledInterval: env.WORKER_STALLED_INTERVAL_MS,
    maxStalledCount: 2,
  });
  started.on('failed', recordFinalFailure);
  started.on('error', (err) => log.error({ err: err.message }, 'worker error'));
  started.on('ready', () =>
    log.info({ concurrency: env.WORKER_CONCURRENCY, prefix: env.FLEET_QUEUE_PREFIX, codeVersion }, 'worker ready'),
  );
  recordWorkerMetrics(started, metrics, log);
  return { worker: started, jobs };
}

// Without Postgres no job can finish: say so and keep trying, rather than taking jobs only to delay them.
await waitForDatabase(db, (err, attempt) =>
  log.warn({ attempt }, `${describeConnectionError(err, serviceEndpoints(env)) ?? err.message}; retrying`),
);
let current = startWorker();
const queue = createRunQueue(connection, env.FLEET_QUEUE_PREFIX);
const stopWatchdog = startWorkerWatchdog({
  queue,
  current: () => current,
  onStuck: (reason) => log.error({ reason }, 'worker stopped taking jobs; recreating it'),
  recreate: async () => {
    await current.worker.close(true);
    current = startWorker();
  },
});
const metricsServer = await serveMetrics({
  port: env.METRICS_PORT,
  registry,
  log,
  readiness: {
    redis: () => connection.ping(),
    postgres: () => pingDatabase(db),
    worker: () => current.worker.isRunning(),
  },
});

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) {
    log.warn({ signal }, 'second signal: exiting now');
    process.exit(1);
  }
  stopping = true;
  log.info({ signal }, 'stopping: finishing active jobs');
  const timer = setTimeout(() => {
    log.error('shutdown grace period over: exiting with jobs still active (they will be recovered as stalled)');
    process.exit(1);
  }, env.WORKER_SHUTDOWN_GRACE_MS).unref();
  stopWatchdog();
  await current.worker.close();
  await queue.close();
  await pool.close();
  await metricsServer?.close();
  await Promise.all([db.destroy(), connection.quit(), telemetry.shutdown()]);
  clearTimeout(timer);
  log.info('stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
