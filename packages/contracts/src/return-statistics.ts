import { z } from 'zod';

/**
 * Numbers in a run's CSCV block statistics: 16 blocks × (count, Σr, Σr²), as `@fleet/validation`'s `blockStats`
 * lays them out.
 */
const BLOCK_STATISTICS = 48;

/**
 * What a succeeded run keeps of its per-bar simple returns for the overfitting statistics, so that PSR, DSR and PBO
 * of any group of stored runs need no replay: the moments of its Sharpe estimate (T returns, their mean, sample std
 * with ddof 1, skewness and non-excess kurtosis from population moments; its per-bar Sharpe is the `barSharpe`
 * metric) and the CSCV block statistics, `null` for a run of fewer than 16 returns (a block would be empty).
 *
 * @example
 * ReturnStatistics.parse({ observations: 1258, mean: 4e-4, std: 0.012, skewness: -0.3, kurtosis: 7.1, blocks: null });
 */
export const ReturnStatistics = z.strictObject({
  observations: z.number().int().nonnegative(),
  mean: z.number(),
  std: z.number().nonnegative(),
  skewness: z.number(),
  kurtosis: z.number(),
  blocks: z.array(z.number()).length(BLOCK_STATISTICS).nullable(),
});
export type ReturnStatistics = z.infer<typeof ReturnStatistics>;
