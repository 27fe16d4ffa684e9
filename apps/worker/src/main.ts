import { fileURLToPath } from 'node:url';
import { QueueNames, RunJob } from '@fleet/contracts';
import { createDatabase, pingDatabase } from '@fleet/db';
import { checkRedisPolicy, createRedisConnection, publishOutcomes } from '@fleet/queue';
import { createLogger, createMetricsRegistry, createWorkerMetrics, serveMetrics, traceIdOf } from '@fleet/telemetry';
import { Worker } from 'bullmq';
import { readEnv } from './env.js';
import { jobFailureOutcomes } from './execute-run-job.js';
import { recordWorkerMetrics } from './record-worker-metrics.js';

const SHUTDOWN_GRACE_MS = 30_000;

const env = readEnv();
const log = createLogger('worker', { level: env.LOG_LEVEL });
const connection = createRedisConnection(env.REDIS_URL, 'blocking', (err) =>
  log.warn({ err: err.message }, 'redis error'),
);
const { persistence } = await checkRedisPolicy(connection);
if (!persistence)
  log.warn('Redis append-only file is off: a Redis crash loses recent jobs until `fleet sweep reconcile`');

// Jobs are tens of milliseconds, so a 60 s lock is only lost by a truly stuck process; a stalled job may be
// recovered twice before it counts as failed.
const worker = new Worker<RunJob>(QueueNames.runs, fileURLToPath(new URL('./processor.js', import.meta.url)), {
  connection,
  prefix: env.FLEET_QUEUE_PREFIX,
  concurrency: env.WORKER_CONCURRENCY,
  useWorkerThreads: true,
  lockDuration: 60_000,
  stalledInterval: 30_000,
  maxStalledCount: 2,
});

worker.on('failed', (job, err) => {
  if (!job) return;
  const final = err.name === 'UnrecoverableError' || job.attemptsMade >= (job.opts.attempts ?? 1);
  const parsed = RunJob.safeParse(job.data);
  const ids = parsed.success ? { sweepId: parsed.data.sweepId, traceId: traceIdOf(parsed.data.trace) } : {};
  log.warn({ ...ids, jobId: job.id, attempt: job.attemptsMade, final, err: err.message }, 'job failed');
  if (!final || !parsed.success) return;
  publishOutcomes(connection, env.FLEET_QUEUE_PREFIX, jobFailureOutcomes(parsed.data, err)).catch((e: Error) =>
    log.error({ jobId: job.id, err: e.message }, 'could not record the failed runs; reconcile will re-run them'),
  );
});
worker.on('error', (err) => log.error({ err: err.message }, 'worker error'));
const registry = createMetricsRegistry('worker');
recordWorkerMetrics(worker, createWorkerMetrics(registry), log);
// The engine's pools live in the sandbox threads; this one-connection pool only answers readiness.
const db = createDatabase({ url: env.DATABASE_URL, poolMax: 1, applicationName: 'fleet-worker-health' });
const metricsServer = await serveMetrics({
  port: env.METRICS_PORT,
  registry,
  log,
  readiness: { redis: () => connection.ping(), postgres: () => pingDatabase(db), worker: () => worker.isRunning() },
});
worker.on('ready', () =>
  log.info({ concurrency: env.WORKER_CONCURRENCY, prefix: env.FLEET_QUEUE_PREFIX }, 'worker ready'),
);

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
  }, SHUTDOWN_GRACE_MS).unref();
  await worker.close();
  await metricsServer?.close();
  await db.destroy();
  await connection.quit();
  clearTimeout(timer);
  log.info('stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
