import { createDatabase, pingDatabase, poolUsage, sweepCompleteness } from '@fleet/db';
import {
  checkRedisPolicy,
  createRedisConnection,
  createRunQueue,
  queueMetricsSource,
  ResultsConsumer,
} from '@fleet/queue';
import {
  createAggregatorMetrics,
  createLogger,
  createMetricsRegistry,
  registerPoolMetrics,
  registerQueueMetrics,
  registerSweepMetrics,
  serveMetrics,
  startTelemetry,
} from '@fleet/telemetry';
import { readEnv } from './env.js';
import { createResultBatcher } from './result-batcher.js';

const env = readEnv();
const telemetry = startTelemetry('aggregator', { otlpEndpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT });
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
const registry = createMetricsRegistry('aggregator');
const metrics = createAggregatorMetrics(registry);
// The consumer's connection blocks in XREADGROUP; scrapes and readiness use their own.
const probe = createRedisConnection(env.REDIS_URL, 'blocking', (err) => log.warn({ err: err.message }, 'redis error'));
const queue = createRunQueue(probe, env.FLEET_QUEUE_PREFIX);
registerQueueMetrics(registry, [queueMetricsSource(queue)]);
registerSweepMetrics(registry, () => sweepCompleteness(db));
registerPoolMetrics(registry, () => poolUsage(db));
const batcher = createResultBatcher({
  consumer,
  db,
  log,
  batchSize: env.AGGREGATOR_BATCH_SIZE,
  flushMs: env.AGGREGATOR_FLUSH_MS,
  onBatch: (batch) => metrics.recordBatch(batch),
  onRetry: () => metrics.recordBatchFailure(),
});
const metricsServer = await serveMetrics({
  port: env.METRICS_PORT,
  registry,
  log,
  readiness: { redis: () => probe.ping(), postgres: () => pingDatabase(db) },
});
log.info({ consumer: env.AGGREGATOR_NAME, prefix: env.FLEET_QUEUE_PREFIX }, 'aggregator ready');

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) process.exit(1);
  stopping = true;
  log.info({ signal }, 'stopping: writing buffered results');
  await batcher.stop();
  await metricsServer?.close();
  await queue.close();
  await Promise.all([db.destroy(), redis.quit(), probe.quit(), telemetry.shutdown()]);
  log.info('stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
