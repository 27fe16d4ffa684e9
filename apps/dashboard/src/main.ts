import { postgresSslOptions, redisTarget, redisTlsOptions } from '@fleet/config';
import { createDatabase, pingDatabase, poolUsage, sweepCompleteness } from '@fleet/db';
import { createRedisConnection, createRunQueue, queueMetricsSource } from '@fleet/queue';
import {
  createLogger,
  createMetricsRegistry,
  registerPoolMetrics,
  registerQueueMetrics,
  registerSweepMetrics,
  startTelemetry,
} from '@fleet/telemetry';
import { createServer } from './create-server.js';
import { readEnv } from './env.js';

const env = readEnv();
const telemetry = startTelemetry('dashboard', { otlpEndpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT });
const log = createLogger('dashboard', { level: env.LOG_LEVEL });
const redis = createRedisConnection(
  redisTarget(env),
  'blocking',
  (err) => log.warn({ err: err.message }, 'redis error'),
  redisTlsOptions(env),
);
const db = createDatabase({
  url: env.DATABASE_URL,
  poolMax: 4,
  applicationName: 'fleet-dashboard',
  ssl: postgresSslOptions(env),
  onPoolError: (err) => log.warn({ err: err.message }, 'postgres pool error'),
});
const queue = createRunQueue(redis, env.FLEET_QUEUE_PREFIX);
const auth =
  env.DASHBOARD_USER && env.DASHBOARD_PASSWORD
    ? { user: env.DASHBOARD_USER, password: env.DASHBOARD_PASSWORD }
    : undefined;
// Without credentials the board is reachable from this machine only: there is never a built-in default password.
const host = auth ? '0.0.0.0' : '127.0.0.1';
const metrics = createMetricsRegistry('dashboard');
registerQueueMetrics(metrics, [queueMetricsSource(queue)]);
registerSweepMetrics(metrics, () => sweepCompleteness(db));
registerPoolMetrics(metrics, () => poolUsage(db));
const app = createServer({
  queues: [queue],
  db,
  ...(auth ? { auth } : {}),
  readOnly: env.DASHBOARD_READ_ONLY,
  metrics,
  readiness: { redis: () => redis.ping(), postgres: () => pingDatabase(db) },
  log,
});
const server = app.listen(env.PORT, host, () => {
  log.info(
    { url: `http://${host === '0.0.0.0' ? 'localhost' : host}:${env.PORT}/sweeps`, auth: Boolean(auth) },
    auth
      ? 'dashboard listening'
      : 'dashboard listening on loopback only (set DASHBOARD_USER and DASHBOARD_PASSWORD to expose it)',
  );
});

async function shutdown(): Promise<void> {
  server.close();
  await Promise.all([queue.close(), db.destroy(), telemetry.shutdown()]);
  await redis.quit();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown());
process.on('SIGINT', () => void shutdown());
