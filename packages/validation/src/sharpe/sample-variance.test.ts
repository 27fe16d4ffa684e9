import { describe, expect, it } from 'vitest';
import { sampleVariance } from './sample-variance.js';

describe('sampleVariance', () => {
  it('divides by n − 1', () => {
    expect(sampleVariance([0.01, 0.03, 0.05])).toBeCloseTo(0.0004, 15);
    expect(sampleVariance([1, 2, 3, 4])).toBeCloseTo(5 / 3, 15);
  });

  it('is 0 for fewer than two values', () => {
    expect(sampleVariance([])).toBe(0);
    expect(sampleVariance([3])).toBe(0);
  });
});
