import { describe, expect, it } from 'vitest';
import { cscvSplitPairs } from './cscv-splits.js';

const popcount = (mask: number): number => {
  let bits = 0;
  for (let m = mask; m !== 0; m &= m - 1) bits++;
  return bits;
};

describe('cscvSplitPairs', () => {
  it('lists each of the C(16, 8) = 12,870 splits exactly once, as 6,435 halves with block 0 and their complements', () => {
    const pairs = Array.from(cscvSplitPairs());
    expect(pairs).toHaveLength(6435);
    const splits = new Set(pairs.flatMap((mask) => [mask, ~mask & 0xffff]));
    expect(splits.size).toBe(12_870);
    for (const mask of splits) expect(popcount(mask), `split ${mask.toString(2)}`).toBe(8);
    expect(pairs.every((mask) => mask & 1)).toBe(true);
  });
});
