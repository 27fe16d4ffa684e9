import { describe, expect, it } from 'vitest';
import { stitchEquity } from './stitch-equity.js';

describe('stitchEquity', () => {
  it('compounds fold returns: each fold starts where the previous one ended', () => {
    const stitched = stitchEquity([
      [100, 110, 121],
      [100, 90],
      [50, 55],
    ]);
    expect(Array.from(stitched)).toHaveLength(7);
    const expected = [100, 110, 121, 121, 108.9, 108.9, 119.79];
    for (const [i, value] of expected.entries()) expect(stitched[i], `bar ${i}`).toBeCloseTo(value, 10);
  });

  it('starts from the given initial value', () => {
    expect(Array.from(stitchEquity([[200, 220]], 1))).toEqual([1, 1.1]);
  });

  it('refuses an empty fold and non-positive equity, naming the fold', () => {
    expect(() => stitchEquity([[100], []])).toThrow('stitchEquity: fold 1 has no equity values');
    expect(() => stitchEquity([[100, 0]])).toThrow('stitchEquity: fold 0 equity[1] is 0, not a positive number');
  });
});
