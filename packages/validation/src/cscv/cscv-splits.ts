import { CSCV_BLOCKS } from './block-stats.js';

const HALF = CSCV_BLOCKS / 2;
const ALL_BLOCKS = (1 << CSCV_BLOCKS) - 1;

/**
 * The C(16, 8) / 2 = 6,435 complementary pairs of CSCV splits, as the bit masks of the half that holds block 0 in
 * ascending order; the other half of each pair is `~mask & 0xffff`. Each pair gives two splits (either half
 * in-sample), so the per-trial Sharpes of both halves are computed once per pair.
 */
export function cscvSplitPairs(): Uint16Array {
  const masks: number[] = [];
  for (let mask = 1; mask <= ALL_BLOCKS; mask += 2) {
    let bits = 0;
    for (let m = mask; m !== 0; m &= m - 1) bits++;
    if (bits === HALF) masks.push(mask);
  }
  return Uint16Array.from(masks);
}
