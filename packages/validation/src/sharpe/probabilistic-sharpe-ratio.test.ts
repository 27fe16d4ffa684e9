import { describe, expect, it } from 'vitest';
import { normalCdf } from '../normal/normal-cdf.js';
import { probabilisticSharpeRatio } from './probabilistic-sharpe-ratio.js';

const normalReturns = { sharpe: 0.1, observations: 250, skewness: 0, kurtosis: 3 };

describe('probabilisticSharpeRatio', () => {
  it('is Φ((SR̂ − SR*)·√(T − 1) / √(1 − γ3·SR̂ + (γ4 − 1)/4·SR̂²))', () => {
    const expected = normalCdf((0.1 * Math.sqrt(249)) / Math.sqrt(1 + 0.5 * 0.01));
    expect(probabilisticSharpeRatio(normalReturns)).toBeCloseTo(expected, 15);
    const skewed = { sharpe: 0.1, observations: 250, skewness: -2, kurtosis: 9 };
    const skewedExpected = normalCdf(((0.1 - 0.02) * Math.sqrt(249)) / Math.sqrt(1 + 0.2 + 2 * 0.01));
    expect(probabilisticSharpeRatio(skewed, 0.02)).toBeCloseTo(skewedExpected, 15);
  });

  it('is 0.5 when the estimate equals the benchmark', () => {
    expect(probabilisticSharpeRatio(normalReturns, 0.1)).toBe(0.5);
  });

  it('penalises negative skew and fat tails, and rewards a longer track record', () => {
    const base = probabilisticSharpeRatio(normalReturns);
    expect(probabilisticSharpeRatio({ ...normalReturns, skewness: -3 })).toBeLessThan(base);
    expect(probabilisticSharpeRatio({ ...normalReturns, kurtosis: 10 })).toBeLessThan(base);
    expect(probabilisticSharpeRatio({ ...normalReturns, observations: 1000 })).toBeGreaterThan(base);
  });

  it('refuses fewer than two observations', () => {
    expect(() => probabilisticSharpeRatio({ ...normalReturns, observations: 1 })).toThrow(
      'probabilisticSharpeRatio: needs at least 2 observations, got 1',
    );
  });
});
