import { DashboardEnv, DatabaseEnv, LogEnv, parseEnvOrExit, RedisEnv, TelemetryEnv } from '@fleet/config';
import { z } from 'zod';

/** The dashboard's configuration; the only reader of `process.env` in this app. */
export const DashboardConfig = z
  .object({
    ...RedisEnv.shape,
    ...DatabaseEnv.shape,
    ...LogEnv.shape,
    ...DashboardEnv.shape,
    ...TelemetryEnv.shape,
    /** Bull Board allows retries and removals only when this is 'false'. @defaultValue true */
    DASHBOARD_READ_ONLY: z
      .enum(['true', 'false'])
      .default('true')
      .transform((v) => v === 'true'),
  })
  .refine((e) => (e.DASHBOARD_USER === undefined) === (e.DASHBOARD_PASSWORD === undefined), {
    message: 'set both DASHBOARD_USER and DASHBOARD_PASSWORD, or neither',
    path: ['DASHBOARD_PASSWORD'],
  });
export type DashboardConfig = z.infer<typeof DashboardConfig>;

export function readEnv(): DashboardConfig {
  return parseEnvOrExit('dashboard', DashboardConfig, process.env);
}
