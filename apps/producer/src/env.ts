import { DatabaseEnv, LogEnv, parseEnv, RedisEnv, RedisShardsEnv, StrategyEnv, TelemetryEnv } from '@fleet/config';
import { z } from 'zod';

/** The CLI's configuration; the only reader of `process.env` in this app. */
export const CliConfig = z.object({
  ...RedisEnv.shape,
  ...RedisShardsEnv.shape,
  ...DatabaseEnv.shape,
  ...LogEnv.shape,
  ...StrategyEnv.shape,
  ...TelemetryEnv.shape,
  /** Where `sweep submit` prints the Bull Board link. @defaultValue 'http://127.0.0.1:3000' */
  DASHBOARD_URL: z.url().default('http://127.0.0.1:3000'),
});
export type CliConfig = z.infer<typeof CliConfig>;

export function readEnv(): CliConfig {
  return parseEnv(CliConfig, process.env);
}

/** Whether stdout is a terminal, which decides between a live progress bar and plain lines. */
export const isInteractive = (): boolean => process.stdout.isTTY === true && process.env.CI !== 'true';

/**
 * The directory relative paths on the command line are meant from: where `npm run fleet` was started (npm runs
 * scripts from the repository root and records the caller's directory as INIT_CWD), or the current directory.
 */
export const userDirectory = (): string =>
  (process.env.npm_lifecycle_event === 'fleet' && process.env.INIT_CWD) || process.cwd();
