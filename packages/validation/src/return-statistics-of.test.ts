import { describe, expect, it } from 'vitest';
import { syntheticReturns } from '../test/seeded-normals.js';
import { blockStats } from './cscv/block-stats.js';
import { returnStatisticsOf } from './return-statistics-of.js';
import { sharpeEstimate } from './sharpe/sharpe-estimate.js';

describe('returnStatisticsOf', () => {
  it('gives the very doubles of sharpeEstimate and blockStats, with mean and sample std beside them', () => {
    const series = [
      ...syntheticReturns(17, 6, 16 * 40 + 9, 0.012, (t) => (t - 3) * 0.0004),
      new Float64Array(100),
      Float64Array.of(0.01, -0.02, 0.03),
      Float64Array.of(0.01),
    ];
    for (const [i, returns] of series.entries()) {
      const stats = returnStatisticsOf(returns);
      const { sharpe, observations, skewness, kurtosis } = sharpeEstimate(returns);
      expect({ ...stats, mean: 0, std: 0, blocks: null }, `series ${i}`).toEqual({
        sharpe,
        observations,
        skewness,
        kurtosis,
        mean: 0,
        std: 0,
        blocks: null,
      });
      expect(stats.blocks, `series ${i} blocks`).toEqual(returns.length >= 16 ? blockStats(returns) : null);
      if (returns.length >= 2 && stats.sharpe !== 0) expect(stats.mean / stats.std).toBe(stats.sharpe);
    }
  });
});
