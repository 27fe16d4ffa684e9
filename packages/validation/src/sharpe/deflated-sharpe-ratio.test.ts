import { describe, expect, it } from 'vitest';
import { deflatedSharpeRatio } from './deflated-sharpe-ratio.js';
import { expectedMaximumSharpe } from './expected-maximum-sharpe.js';
import { probabilisticSharpeRatio } from './probabilistic-sharpe-ratio.js';

// Bailey and López de Prado (2014), "The Deflated Sharpe Ratio", section "A numerical example": an annualized SR of
// 2.5 over 5 years of daily returns (T = 1250, so 250 bars a year), N = 100 independent trials whose Sharpes have an
// annualized variance V = 1/2, skewness −3 and kurtosis 10. The paper finds SR0 ≈ 0.1132 (non-annualized) and
// DSR ≈ 0.9004, and notes that with normal returns the investor would have accepted up to N = 88 trials.
const BARS_PER_YEAR = 250;
const paperEstimate = { sharpe: 2.5 / Math.sqrt(BARS_PER_YEAR), observations: 1250, skewness: -3, kurtosis: 10 };
const paperTrials = { trials: 100, sharpeVariance: 0.5 / BARS_PER_YEAR };

describe('deflatedSharpeRatio', () => {
  it("reproduces the paper's numerical example: SR0 ≈ 0.1132 and DSR ≈ 0.9004", () => {
    expect(expectedMaximumSharpe(paperTrials.trials, paperTrials.sharpeVariance)).toBeCloseTo(0.1132, 4);
    expect(deflatedSharpeRatio(paperEstimate, paperTrials)).toBeCloseTo(0.9004, 4);
  });

  it("reproduces the paper's remark that with normal returns up to 88 trials would have passed at 95 %", () => {
    const normal = { ...paperEstimate, skewness: 0, kurtosis: 3 };
    expect(deflatedSharpeRatio(normal, { ...paperTrials, trials: 88 })).toBeGreaterThanOrEqual(0.95);
    expect(deflatedSharpeRatio(normal, { ...paperTrials, trials: 89 })).toBeLessThan(0.95);
  });

  it('falls as the number of trials or their dispersion grows', () => {
    const base = deflatedSharpeRatio(paperEstimate, paperTrials);
    expect(deflatedSharpeRatio(paperEstimate, { ...paperTrials, trials: 1000 })).toBeLessThan(base);
    expect(deflatedSharpeRatio(paperEstimate, { ...paperTrials, sharpeVariance: 1 / BARS_PER_YEAR })).toBeLessThan(
      base,
    );
  });

  it('is the plain PSR(0) for a single trial, where nothing was selected', () => {
    expect(deflatedSharpeRatio(paperEstimate, { trials: 1, sharpeVariance: 0 })).toBe(
      probabilisticSharpeRatio(paperEstimate, 0),
    );
  });
});

describe('expectedMaximumSharpe', () => {
  it('is √V times the expected maximum of N standard normals, growing with N', () => {
    expect(expectedMaximumSharpe(100, 1)).toBeCloseTo(2.5306, 4);
    expect(expectedMaximumSharpe(100, 4)).toBeCloseTo(2 * expectedMaximumSharpe(100, 1), 14);
    expect(expectedMaximumSharpe(1000, 1)).toBeGreaterThan(expectedMaximumSharpe(100, 1));
    expect(expectedMaximumSharpe(100, 0)).toBe(0);
  });

  it('refuses a trial count that is not a positive integer and a negative variance', () => {
    expect(() => expectedMaximumSharpe(0, 1)).toThrow(
      'expectedMaximumSharpe: trials must be a positive integer, got 0',
    );
    expect(() => expectedMaximumSharpe(2.5, 1)).toThrow(/trials must be a positive integer/);
    expect(() => expectedMaximumSharpe(10, -1)).toThrow(/sharpeVariance must be finite and >= 0, got -1/);
  });
});
