import { describe, expect, it } from 'vitest';
import { kurtosis } from './kurtosis.js';

describe('kurtosis', () => {
  it('uses population moments and is not excess: m4 / m2²', () => {
    // mean 4, deviations −3, −2, −1, 6: m2 = 12.5, m4 = 348.5
    expect(kurtosis([1, 2, 3, 10])).toBeCloseTo(348.5 / 12.5 ** 2, 14);
  });

  it('is 1 for a symmetric two-point sample, its minimum', () => {
    expect(kurtosis([-1, 1, -1, 1])).toBeCloseTo(1, 15);
  });

  it('is 3 (the normal value) for fewer than two values or a constant sample', () => {
    expect(kurtosis([])).toBe(3);
    expect(kurtosis([2])).toBe(3);
    expect(kurtosis([0.1, 0.1, 0.1])).toBe(3);
  });
});
