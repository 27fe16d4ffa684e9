import { BLOCK_FIELDS, CSCV_BLOCKS } from './cscv/block-stats.js';
import type { SharpeEstimate } from './sharpe/sharpe-estimate.js';
import { isZeroVariance } from './sharpe/zero-variance.js';

/**
 * Everything a stored run keeps of its per-bar returns for PSR, DSR and PBO: its {@link SharpeEstimate}, the mean and
 * sample std (ddof 1) the Sharpe is the ratio of, and its {@link blockStats}, `null` below 16 returns.
 *
 * @example
 * const { sharpe, blocks } = returnStatisticsOf(simpleReturns(equity));
 */
export interface RunReturnStatistics extends SharpeEstimate {
  readonly mean: number;
  readonly std: number;
  readonly blocks: Float64Array | null;
}

/**
 * The {@link RunReturnStatistics} of one run's per-bar returns: what a worker computes per run, on its engine
 * thread, so that a group's DSR and PBO later need only stored numbers.
 *
 * Why one function: it takes two passes over the returns where {@link sharpeEstimate} and {@link blockStats} take
 * seven, which matters beside an engine run of a few hundred microseconds; it sums in the same order as they do, so
 * its figures are the same doubles as theirs, and an exported returns matrix reproduces them exactly.
 *
 * @example
 * returnStatisticsOf(simpleReturns([100, 101, 100.5, 102])).observations; // 3, and blocks null (fewer than 16)
 */
export function returnStatisticsOf(returns: ArrayLike<number>): RunReturnStatistics {
  const n = returns.length;
  const blocks = n >= CSCV_BLOCKS ? new Float64Array(CSCV_BLOCKS * BLOCK_FIELDS) : null;
  const blockLength = Math.floor(n / CSCV_BLOCKS);
  const offset = n - blockLength * CSCV_BLOCKS;
  let sum = 0;
  let block = -1;
  let blockEnd = offset;
  let blockSum = 0;
  let blockSquares = 0;
  for (let i = 0; i < n; i++) {
    const r = returns[i] as number;
    sum += r;
    if (blocks === null || i < offset) continue;
    if (i === blockEnd) {
      if (block >= 0) {
        blocks[block * BLOCK_FIELDS + 1] = blockSum;
        blocks[block * BLOCK_FIELDS + 2] = blockSquares;
      }
      block++;
      blockEnd += blockLength;
      blocks[block * BLOCK_FIELDS] = blockLength;
      blockSum = 0;
      blockSquares = 0;
    }
    blockSum += r;
    blockSquares += r * r;
  }
  if (blocks !== null) {
    blocks[block * BLOCK_FIELDS + 1] = blockSum;
    blocks[block * BLOCK_FIELDS + 2] = blockSquares;
  }
  const mean = n > 0 ? sum / n : 0;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const r = returns[i] as number;
    const d = r - mean;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
    squares += r * r;
  }
  if (n < 2) return { sharpe: 0, observations: n, skewness: 0, kurtosis: 3, mean, std: 0, blocks };
  const variance = m2 / (n - 1);
  const meanSquare = squares / n;
  const std = Math.sqrt(variance);
  const sharpe = isZeroVariance(variance, meanSquare) ? 0 : mean / std;
  const p2 = m2 / n;
  const flat = isZeroVariance(p2, meanSquare);
  return {
    sharpe,
    observations: n,
    skewness: flat ? 0 : m3 / n / p2 ** 1.5,
    kurtosis: flat ? 3 : m4 / n / (p2 * p2),
    mean,
    std,
    blocks,
  };
}
