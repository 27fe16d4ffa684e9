import { createHash } from 'node:crypto';
import type { RunJob } from '@fleet/contracts';

/**
 * The cache key of one planned run: a hash of everything its result depends on — strategy, parameters, symbol,
 * interval, date range, costs and sizing, the data version of the bars and the engine version. Two runs with equal
 * keys compute the same result byte for byte (the engine is deterministic), so one can reuse the other's.
 */
export function runCacheKey(
  job: RunJob,
  params: Readonly<Record<string, number>>,
  dataVersion: string,
  engineVersion: string,
): string {
  const sortedParams = Object.fromEntries(Object.entries(params).sort(([a], [b]) => (a < b ? -1 : 1)));
  const { cash, size, commission, slippageBps } = job.settings;
  const identity = [
    job.strategy,
    sortedParams,
    job.symbol,
    job.interval,
    job.start,
    job.end,
    cash,
    size,
    commission,
    slippageBps,
    dataVersion,
    engineVersion,
  ];
  return createHash('sha256').update(JSON.stringify(identity)).digest('hex').slice(0, 32);
}
