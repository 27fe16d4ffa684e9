export { EnvError } from './env-error.js';
export {
  AggregatorEnv,
  DashboardEnv,
  DatabaseEnv,
  LogEnv,
  metricsEnv,
  RedisEnv,
  RunTimeoutEnv,
  StrategyEnv,
  TelemetryEnv,
  WorkerEnv,
} from './env-fields.js';
export { parseEnv } from './parse-env.js';
