import { describe, expect, it } from 'vitest';
import { skewness } from './skewness.js';

describe('skewness', () => {
  it('uses population moments: m3 / m2^1.5', () => {
    // mean 4, deviations −3, −2, −1, 6: m2 = 12.5, m3 = 45
    expect(skewness([1, 2, 3, 10])).toBeCloseTo(45 / 12.5 ** 1.5, 14);
    expect(skewness([10, 3, 2, 1]), 'order does not matter').toBeCloseTo(45 / 12.5 ** 1.5, 14);
  });

  it('is 0 for a symmetric sample and negative for a long left tail', () => {
    expect(skewness([-2, -1, 0, 1, 2])).toBeCloseTo(0, 15);
    expect(skewness([-10, 1, 2, 3])).toBeLessThan(0);
  });

  it('is 0 (no evidence of asymmetry) for fewer than two values or a constant sample', () => {
    expect(skewness([])).toBe(0);
    expect(skewness([1])).toBe(0);
    expect(skewness([0.1, 0.1, 0.1])).toBe(0);
  });
});
