import { createDatabase } from '@fleet/db';
import { checkRedisPolicy, createRedisConnection, ResultsConsumer } from '@fleet/queue';
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
log.info({ consumer: env.AGGREGATOR_NAME, prefix: env.FLEET_QUEUE_PREFIX }, 'aggregator ready');

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) process.exit(1);
  stopping = true;
  log.info({ signal }, 'stopping: writing buffered results');
  await batcher.stop();
  await Promise.all([db.destroy(), redis.quit()]);
  log.info('stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
