import { hostname } from 'node:os';
import {
  AggregatorEnv,
  DatabaseEnv,
  LogEnv,
  metricsEnv,
  parseEnvOrExit,
  RedisEnv,
  RedisShardsEnv,
  TelemetryEnv,
} from '@fleet/config';
import { z } from 'zod';

/** The aggregator's configuration; the only reader of `process.env` in this app. */
export const AggregatorConfig = z.object({
  ...RedisEnv.shape,
  ...RedisShardsEnv.shape,
  ...DatabaseEnv.shape,
  ...LogEnv.shape,
  ...AggregatorEnv.shape,
  ...TelemetryEnv.shape,
  ...metricsEnv(9465).shape,
  /** Consumer name in the results group; stable across restarts so a restarted aggregator resumes its own pending results. @defaultValue the host name */
  AGGREGATOR_NAME: z.string().min(1).default(hostname()),
});
export type AggregatorConfig = z.infer<typeof AggregatorConfig>;

export function readEnv(): AggregatorConfig {
  return parseEnvOrExit('aggregator', AggregatorConfig, process.env);
}
