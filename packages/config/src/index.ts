export {
  AggregatorEnv,
  DashboardEnv,
  DatabaseEnv,
  LogEnv,
  metricsEnv,
  RedisEnv,
  RedisShardsEnv,
  RunTimeoutEnv,
  StrategyEnv,
  TelemetryEnv,
  WorkerEnv,
} from './env-fields.js';
export { parseEnv } from './parse-env.js';
export { postgresSslOptions } from './postgres-ssl-options.js';
export { redisTarget } from './redis-target.js';
export { redisTlsOptions } from './redis-tls-options.js';
