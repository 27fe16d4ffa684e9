import { createDatabase } from '@fleet/db';
import { checkRedisPolicy, createRedisConnection, createRunQueue, ResultsConsumer } from '@fleet/queue';
import { startQuietSweepReconciler } from '@fleet/sweep';
import { createLogger } from '@fleet/telemetry';
import { readEnv } from './env.js';
import { createResultBatcher } from './result-batcher.js';

const env = readEnv();
const log = createLogger('aggregator', { level: env.LOG_LEVEL });
const redis = createRedisConnection(env.REDIS_URL, 'blocking', (err) => log.warn({ err: err.message }, 'redis error'));
await checkRedisPolicy(redis);
const db = createDatabase({
  url: env.DATABASE_URL,
  poolMax: env.DATABASE_POOL_MAX,
  applicationName: 'fleet-aggregator',
  onPoolError: (err) => log.warn({ err: err.message }, 'postgres pool error'),
});
const consumer = new ResultsConsumer(redis, env.FLEET_QUEUE_PREFIX, env.AGGREGATOR_NAME);
await consumer.ensureGroup();
const batcher = createResultBatcher({
  consumer,
  db,
  log,
  batchSize: env.AGGREGATOR_BATCH_SIZE,
  flushMs: env.AGGREGATOR_FLUSH_MS,
});
const queue = createRunQueue(redis, env.FLEET_QUEUE_PREFIX);
const stopReconciler = startQuietSweepReconciler({
  db,
  queue,
  redis,
  intervalMs: env.RECONCILE_INTERVAL_MS,
  quietMs: env.RECONCILE_QUIET_MS,
  onReconciled: (r) => log.warn(r, 'requeued lost runs of a quiet sweep'),
  onError: (err) => log.warn({ err: err.message }, 'reconcile round failed'),
});
log.info({ consumer: env.AGGREGATOR_NAME, prefix: env.FLEET_QUEUE_PREFIX }, 'aggregator ready');

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) process.exit(1);
  stopping = true;
  log.info({ signal }, 'stopping: writing buffered results');
  await Promise.all([batcher.stop(), stopReconciler()]);
  await queue.close();
  await Promise.all([db.destroy(), redis.quit()]);
  log.info('stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
