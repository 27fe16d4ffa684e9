import { createHash } from 'node:crypto';
import type { BacktestSettings, RunJob } from '@fleet/contracts';

const sorted = (record: Readonly<Record<string, unknown>>) =>
  Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)));

/**
 * The cache key of one planned run: a hash of everything its result depends on — strategy, parameters, symbol,
 * interval, date range (and trading window), the run's whole settings object (every setting, defaults included, so a new setting joins the
 * key without a change here), the data version of the bars, the engine's identity (a content hash of its code, see
 * `ENGINE_VERSION`) and, for a plugin strategy, the sha256 of its module's code. Two runs with equal keys compute
 * the same result byte for byte (the engine is deterministic), so one can reuse the other's.
 */
export function runCacheKey(
  job: RunJob,
  params: Readonly<Record<string, number>>,
  settings: BacktestSettings,
  dataVersion: string,
  code: { engineVersion: string; strategyDigest: string | null },
): string {
  const identity = [
    job.strategy,
    sorted(params),
    job.symbol,
    job.interval,
    job.start,
    job.end,
    sorted(settings),
    dataVersion,
    code.engineVersion,
    code.strategyDigest,
    // Only a validated sweep's runs have a trading window; keys of every other run stay as they were.
    ...(job.window ? [job.window.from] : []),
  ];
  return createHash('sha256').update(JSON.stringify(identity)).digest('hex').slice(0, 32);
}
