import { z } from 'zod';
import { DataVersion } from './data-version.js';

/**
 * One stored series (a symbol at one interval) as `fleet data list --json` prints it: enough to tell what a sweep
 * can run on and which {@link DataVersion} its runs will record.
 */
export const BarSeriesSummary = z.strictObject({
  symbol: z.string().min(1),
  interval: z.string().min(1),
  bars: z.number().int().positive(),
  /** Time of the first bar, ISO 8601 UTC. */
  from: z.iso.datetime(),
  /** Time of the last bar, ISO 8601 UTC. */
  to: z.iso.datetime(),
  dataVersion: DataVersion,
  /** When an import last changed the series. */
  updatedAt: z.iso.datetime(),
});
export type BarSeriesSummary = z.infer<typeof BarSeriesSummary>;
