import {
  DatabaseEnv,
  LogEnv,
  metricsEnv,
  parseEnvOrExit,
  RedisEnv,
  RunTimeoutEnv,
  StrategyEnv,
  TelemetryEnv,
  WorkerEnv,
} from '@fleet/config';
import { z } from 'zod';

/** The worker's configuration; the only reader of `process.env` in this app. */
export const WorkerConfig = z.object({
  ...RedisEnv.shape,
  ...DatabaseEnv.shape,
  ...LogEnv.shape,
  ...WorkerEnv.shape,
  ...StrategyEnv.shape,
  ...RunTimeoutEnv.shape,
  ...TelemetryEnv.shape,
  ...metricsEnv(9464).shape,
});
export type WorkerConfig = z.infer<typeof WorkerConfig>;

export function readEnv(): WorkerConfig {
  return parseEnvOrExit('worker', WorkerConfig, process.env);
}
