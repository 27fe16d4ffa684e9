export { EnvError } from './env-error.js';
export {
  AggregatorEnv,
  DashboardEnv,
  DatabaseEnv,
  LogEnv,
  RedisEnv,
  RunTimeoutEnv,
  StrategyEnv,
  WorkerEnv,
} from './env-fields.js';
export { parseEnv } from './parse-env.js';
