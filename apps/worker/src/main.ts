import { fileURLToPath } from 'node:url';
import { QueueNames, RunJob } from '@fleet/contracts';
import { checkRedisPolicy, createRedisConnection, publishOutcomes } from '@fleet/queue';
import { createLogger } from '@fleet/telemetry';
import { Worker } from 'bullmq';
import { resolveCodeVersion } from './code-version.js';
import { readEnv } from './env.js';
import { jobFailureOutcomes } from './execute-run-job.js';

const SHUTDOWN_GRACE_MS = 30_000;

const env = readEnv();
const log = createLogger('worker', { level: env.LOG_LEVEL });
const codeVersion = resolveCodeVersion(env.FLEET_CODE_VERSION);
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
  log.warn({ jobId: job.id, attempt: job.attemptsMade, final, err: err.message }, 'job failed');
  const parsed = RunJob.safeParse(job.data);
  if (!final || !parsed.success) return;
  publishOutcomes(connection, env.FLEET_QUEUE_PREFIX, jobFailureOutcomes(parsed.data, err, codeVersion)).catch(
    (e: Error) =>
      log.error({ jobId: job.id, err: e.message }, 'could not record the failed runs; reconcile will re-run them'),
  );
});
worker.on('error', (err) => log.error({ err: err.message }, 'worker error'));
worker.on('ready', () =>
  log.info({ concurrency: env.WORKER_CONCURRENCY, prefix: env.FLEET_QUEUE_PREFIX, codeVersion }, 'worker ready'),
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
  await connection.quit();
  clearTimeout(timer);
  log.info('stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
