import { ValidationInputError } from '../validation-input-error.js';

/**
 * S, the number of contiguous blocks CSCV cuts a return series into: 16 gives C(16, 8) = 12,870 splits, and blocks
 * long enough (a quarter of a four-year daily backtest) to keep the returns' serial correlation inside them.
 *
 * @example
 * const blockLength = Math.floor(returns.length / CSCV_BLOCKS);
 */
export const CSCV_BLOCKS = 16;

/**
 * Numbers stored per block, count, Σr and Σr², the sufficient statistics of a mean and a sample variance.
 *
 * @example
 * const sumOfBlock3 = stats[3 * BLOCK_FIELDS + 1];
 */
export const BLOCK_FIELDS = 3;

/**
 * The sufficient statistics of a run's per-bar returns for PBO: drop the first `T mod 16` returns, cut the rest into
 * {@link CSCV_BLOCKS} contiguous equal blocks and keep, per block, (count, Σr, Σr²), laid out as
 * `[count₀, Σr₀, Σr²₀, count₁, …]` (48 numbers).
 *
 * Why: any union of blocks then has an exact mean and sample std ({@link blockUnionMoments}), so PBO needs no
 * replay of the runs and 10⁵ trials fit in 38 MB. The oldest bars are the ones dropped so that every block ends on
 * the run's latest data.
 *
 * @throws {@link ValidationInputError} for fewer than 16 returns (a block would be empty).
 * @example
 * blockStats(Float64Array.from({ length: 1000 }, (_, i) => Math.sin(i) / 100)); // Float64Array(48), 62 returns a block
 */
export function blockStats(returns: ArrayLike<number>): Float64Array {
  const total = returns.length;
  if (total < CSCV_BLOCKS) {
    throw new ValidationInputError(`blockStats: needs at least ${CSCV_BLOCKS} returns (one per block), got ${total}`);
  }
  const blockLength = Math.floor(total / CSCV_BLOCKS);
  const offset = total - blockLength * CSCV_BLOCKS;
  const stats = new Float64Array(CSCV_BLOCKS * BLOCK_FIELDS);
  for (let block = 0; block < CSCV_BLOCKS; block++) {
    let sum = 0;
    let squares = 0;
    const start = offset + block * blockLength;
    for (let i = start; i < start + blockLength; i++) {
      const r = returns[i] as number;
      sum += r;
      squares += r * r;
    }
    stats[block * BLOCK_FIELDS] = blockLength;
    stats[block * BLOCK_FIELDS + 1] = sum;
    stats[block * BLOCK_FIELDS + 2] = squares;
  }
  return stats;
}
