import { describe, expect, it } from 'vitest';
import { perBarSharpe } from './per-bar-sharpe.js';

describe('perBarSharpe', () => {
  it('is the mean over the sample standard deviation (ddof 1), not annualized', () => {
    // mean 1/120, sample variance 1.58333e-4 (computed by hand)
    expect(perBarSharpe([0.01, -0.005, 0.02])).toBeCloseTo(0.008333333333333333 / Math.sqrt(0.000158333333333333), 12);
  });

  it('is 0 for fewer than two returns', () => {
    expect(perBarSharpe([])).toBe(0);
    expect(perBarSharpe([0.05])).toBe(0);
  });

  it('is 0 for a zero standard deviation, including the rounding residue of a constant non-zero return', () => {
    expect(perBarSharpe([0, 0, 0, 0])).toBe(0);
    expect(perBarSharpe([0.1, 0.1, 0.1]), '0.1 × 3 does not sum to exactly 0.3').toBe(0);
    expect(perBarSharpe(Array.from({ length: 1000 }, () => 0.0007))).toBe(0);
  });

  it('is scale-free: multiplying every return by a positive constant leaves it unchanged', () => {
    const returns = [0.01, -0.02, 0.015, 0.003, -0.004];
    expect(perBarSharpe(returns.map((r) => r * 7))).toBeCloseTo(perBarSharpe(returns), 12);
  });
});
