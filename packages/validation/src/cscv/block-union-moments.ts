import { isZeroVariance } from '../sharpe/zero-variance.js';
import { ValidationInputError } from '../validation-input-error.js';
import { BLOCK_FIELDS, CSCV_BLOCKS } from './block-stats.js';

/**
 * Count, mean, sample std (ddof 1) and per-bar Sharpe of the returns in a union of blocks: what one half of a CSCV
 * split knows about a run.
 *
 * @example
 * const { mean, std } = blockUnionMoments(stats, [0, 2, 4, 6, 8, 10, 12, 14]);
 */
export interface BlockUnionMoments {
  readonly count: number;
  readonly mean: number;
  readonly std: number;
  /** mean / std, or 0 when there are fewer than 2 returns or the std is 0, as {@link perBarSharpe}. */
  readonly sharpe: number;
}

/**
 * The exact count, mean, sample std and per-bar Sharpe of the returns in the given blocks, from
 * {@link blockStats} alone: the in-sample or out-of-sample half of one CSCV split without the returns themselves.
 *
 * @param blocks block indexes 0–15, each at most once.
 * @throws {@link ValidationInputError} for a malformed `stats` array or block index.
 * @example
 * const stats = blockStats(Float64Array.from({ length: 160 }, (_, i) => Math.sin(i) / 100));
 * blockUnionMoments(stats, [0, 1, 2, 3, 4, 5, 6, 7]); // { count: 80, mean, std, sharpe } of the first 80 returns
 */
export function blockUnionMoments(stats: ArrayLike<number>, blocks: readonly number[]): BlockUnionMoments {
  if (stats.length !== CSCV_BLOCKS * BLOCK_FIELDS) {
    throw new ValidationInputError(
      `blockUnionMoments: stats must hold ${CSCV_BLOCKS * BLOCK_FIELDS} numbers, got ${stats.length}`,
    );
  }
  let seen = 0;
  let count = 0;
  let sum = 0;
  let squares = 0;
  for (const block of blocks) {
    if (!(Number.isInteger(block) && block >= 0 && block < CSCV_BLOCKS) || seen & (1 << block)) {
      throw new ValidationInputError(`blockUnionMoments: block ${block} is not a distinct index 0-${CSCV_BLOCKS - 1}`);
    }
    seen |= 1 << block;
    count += stats[block * BLOCK_FIELDS] as number;
    sum += stats[block * BLOCK_FIELDS + 1] as number;
    squares += stats[block * BLOCK_FIELDS + 2] as number;
  }
  if (count < 2) return { count, mean: count > 0 ? sum / count : 0, std: 0, sharpe: 0 };
  const mean = sum / count;
  const variance = Math.max(0, (squares - sum * mean) / (count - 1));
  if (isZeroVariance(variance, squares / count)) return { count, mean, std: 0, sharpe: 0 };
  const std = Math.sqrt(variance);
  return { count, mean, std, sharpe: mean / std };
}
