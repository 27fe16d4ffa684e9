import {
  describeConnectionError,
  postgresSslOptions,
  redisTarget,
  redisTlsOptions,
  serviceEndpoints,
} from '@fleet/config';
import { createDatabase, pingDatabase, poolUsage, sweepCompleteness, waitForDatabase } from '@fleet/db';
import {
  checkRedisPolicy,
  createRedisConnection,
  createRunQueue,
  queueMetricsSource,
  RedisShards,
  ResultsConsumer,
} from '@fleet/queue';
import { PlannedRunVerifier, startQuietSweepReconciler } from '@fleet/sweep';
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
const redis = createRedisConnection(
  redisTarget(env),
  'blocking',
  (err) => log.warn({ err: err.message }, 'redis error'),
  redisTlsOptions(env),
);
await checkRedisPolicy(redis);
const db = createDatabase({
  url: env.DATABASE_URL,
  poolMax: env.DATABASE_POOL_MAX,
  applicationName: 'fleet-aggregator',
  ssl: postgresSslOptions(env),
  onPoolError: (err) => log.warn({ err: err.message }, 'postgres pool error'),
});
await waitForDatabase(db, (err, attempt) =>
  log.warn({ attempt }, `${describeConnectionError(err, serviceEndpoints(env)) ?? err.message}; retrying`),
);
const consumer = new ResultsConsumer(redis, env.FLEET_QUEUE_PREFIX, env.AGGREGATOR_NAME);
await consumer.ensureGroup();
const registry = createMetricsRegistry('aggregator');
const metrics = createAggregatorMetrics(registry);
const queue = createRunQueue(redis, env.FLEET_QUEUE_PREFIX);
registerQueueMetrics(registry, [queueMetricsSource(queue)]);
registerSweepMetrics(registry, () => sweepCompleteness(db));
registerPoolMetrics(registry, () => poolUsage(db));
const batcher = createResultBatcher({
  consumer,
  db,
  log,
  batchSize: env.AGGREGATOR_BATCH_SIZE,
  flushMs: env.AGGREGATOR_FLUSH_MS,
  verifier: PlannedRunVerifier.forDatabase(db),
  queue,
  onBatch: (batch) => metrics.recordBatch(batch),
  onRetry: () => metrics.recordBatchFailure(),
});
const metricsServer = await serveMetrics({
  port: env.METRICS_PORT,
  registry,
  log,
  readiness: { redis: () => redis.ping(), postgres: () => pingDatabase(db) },
});
const stopReconciler = startQuietSweepReconciler({
  db,
  queue,
  redis,
  intervalMs: env.RECONCILE_INTERVAL_MS,
  quietMs: env.RECONCILE_QUIET_MS,
  owns: new RedisShards(env.REDIS_URL, env.FLEET_REDIS_SHARDS).owner(env.REDIS_URL),
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
  await metricsServer?.close();
  await queue.close();
  await Promise.all([db.destroy(), redis.quit(), telemetry.shutdown()]);
  log.info('stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
