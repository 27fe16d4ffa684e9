import type { ReturnStatistics } from '@fleet/contracts';
import type { RunsTable } from './schema.js';

/** The `runs` columns of a run's {@link ReturnStatistics}: the one mapping, both ways. */
export const RETURN_STATISTICS_COLUMNS = [
  'return_moments',
  'block_stats',
] as const satisfies readonly (keyof RunsTable)[];
type ReturnStatisticsColumns = Pick<RunsTable, (typeof RETURN_STATISTICS_COLUMNS)[number]>;

/** A run's {@link ReturnStatistics} as its `return_moments` and `block_stats` columns; nulls when it has none. */
export function returnStatisticsColumnsOf(stats: ReturnStatistics | undefined): ReturnStatisticsColumns {
  if (!stats) return { return_moments: null, block_stats: null };
  return {
    return_moments: [stats.observations, stats.mean, stats.std, stats.skewness, stats.kurtosis],
    block_stats: stats.blocks,
  };
}

/** The {@link ReturnStatistics} stored in a run's columns, or undefined for a row without them (failed, or older). */
export function storedReturnStatistics(row: ReturnStatisticsColumns): ReturnStatistics | undefined {
  const moments = row.return_moments;
  if (moments === null || moments.length !== 5) return undefined;
  const [observations, mean, std, skewness, kurtosis] = moments as [number, number, number, number, number];
  return { observations, mean, std, skewness, kurtosis, blocks: row.block_stats };
}
