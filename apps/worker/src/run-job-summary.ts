import { z } from 'zod';

/**
 * A job's return value: what the sandbox thread measured, sent back to the main thread, which alone owns the metrics
 * registry (worker threads cannot register into it). Parsed on receipt like every other message.
 */
export const RunJobSummary = z.strictObject({
  runs: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  /** Bars in the job's series. */
  bars: z.number().int().nonnegative(),
  /** Engine time of all the job's runs, in ms. */
  engineMs: z.number().nonnegative(),
  /** Whether the bars came from the thread's cache. */
  cacheHit: z.boolean(),
});
export type RunJobSummary = z.infer<typeof RunJobSummary>;
