export { describeConnectionError } from './describe-connection-error.js';
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
export { parseEnvOrExit } from './parse-env-or-exit.js';
export { postgresSslOptions } from './postgres-ssl-options.js';
export { redisTarget } from './redis-target.js';
export { redisTlsOptions } from './redis-tls-options.js';
export { serviceEndpoints } from './service-endpoints.js';
