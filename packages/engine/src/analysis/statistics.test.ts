import { describe, expect, it } from 'vitest';
import { annualizedVolatility } from './annualized-volatility.js';
import { averageTrade } from './average-trade.js';
import { cagr, MS_PER_YEAR } from './cagr.js';
import { calmarRatio } from './calmar-ratio.js';
import { drawdowns } from './drawdowns.js';
import { exposure } from './exposure.js';
import { maxDrawdown } from './max-drawdown.js';
import { periodsPerYear } from './periods-per-year.js';
import { profitFactor } from './profit-factor.js';
import { returnMoments } from './return-moments.js';
import { sharpeRatio } from './sharpe-ratio.js';
import { sortinoRatio } from './sortino-ratio.js';
import { totalReturn } from './total-return.js';
import { winRate } from './win-rate.js';

const values = (...xs: number[]) => Float64Array.from(xs);

describe('statistics, hand-computed', () => {
  it('totalReturn', () => {
    expect(totalReturn(100, 110)).toBeCloseTo(0.1, 15);
    expect(totalReturn(100, 50)).toBe(-0.5);
  });

  it('returnMoments: mean, sample deviation and downside of the simple bar returns', () => {
    // equity[i] / equity[i − 1] − 1 gives the returns 0.10000000000000009 and −0.09999999999999998
    const moments = returnMoments(values(100, 110, 99), 0);
    expect(moments.count).toBe(2);
    expect(moments.mean).toBe((0.10000000000000009 + -0.09999999999999998) / 2);
    expect(moments.deviation, '√((0.1² + 0.1²) / 1)').toBeCloseTo(Math.SQRT2 * 0.1, 12);
    expect(moments.downside, '√((0 + 0.1²) / 2)').toBeCloseTo(Math.sqrt(0.005), 12);
    expect(returnMoments(values(100, 110, 99), 0.2).downside, 'shortfalls below the threshold').toBeCloseTo(
      Math.sqrt((0.1 ** 2 + 0.3 ** 2) / 2),
      12,
    );
  });

  it('cagr compounds over calendar time', () => {
    expect(cagr(100, 121, 0, 2 * MS_PER_YEAR)).toBeCloseTo(0.1, 12);
    expect(cagr(100, 121, 0, 0), 'no elapsed time').toBeNull();
    expect(cagr(100, 0, 0, MS_PER_YEAR), 'ruin has no real root').toBeNull();
  });

  it('annualizedVolatility uses the sample deviation × √bars per year', () => {
    // returns 0.01, −0.01: mean 0, sample σ = √(2 × 0.0001 / 1) = 0.0141421
    expect(annualizedVolatility(returnMoments(values(100, 101, 99.99), 0), 252)).toBeCloseTo(
      0.0141421356 * Math.sqrt(252),
      9,
    );
    expect(annualizedVolatility(returnMoments(values(100, 101), 0), 252), 'one return').toBeNull();
  });

  it('sharpeRatio subtracts the per-bar risk-free rate', () => {
    // mean 0.01, σ 0.0141421 → 0.7071 × √252 = 11.2250
    expect(sharpeRatio(returnMoments(values(100, 102, 102), 0), 0, 252)).toBeCloseTo(11.224972, 5);
    // rf 2.52 %/yr = 0.0001 per bar → (0.0099 / 0.0141421) × √252 = 11.11272
    expect(sharpeRatio(returnMoments(values(100, 102, 102), 0.0001), 0.0252, 252)).toBeCloseTo(11.112722, 5);
    expect(sharpeRatio(returnMoments(values(100, 100, 100), 0), 0, 252), 'zero volatility').toBeNull();
  });

  it('sortinoRatio divides by downside deviation over all bars', () => {
    // mean 0.005; downside √((0 + 0.0001) / 2) = 0.0070711 → 0.7071 × √252 = 11.2250
    expect(sortinoRatio(returnMoments(values(100, 102, 100.98), 0), 0, 252)).toBeCloseTo(11.224972, 5);
    expect(sortinoRatio(returnMoments(values(100, 102, 103.02), 0), 0, 252), 'no downside').toBeNull();
  });

  it('drawdowns and maxDrawdown: depth, where, and the longest time under water', () => {
    const dd = drawdowns(values(100, 80, 90, 100, 120, 114, 120, 60));
    expect(Array.from(dd)).toEqual([0, 0.2, 0.1, 0, 0, 0.05, 0, 0.5]);
    expect(maxDrawdown(dd)).toEqual({ depth: 0.5, duration: 2 });
  });

  it('calmarRatio', () => {
    expect(calmarRatio(0.1, 0.2)).toBe(0.5);
    expect(calmarRatio(0.1, 0)).toBeNull();
    expect(calmarRatio(null, 0.2)).toBeNull();
  });

  it('winRate, profitFactor, averageTrade', () => {
    expect(winRate(36, 97)).toBeCloseTo(0.3711340206, 9);
    expect(winRate(0, 0)).toBeNull();
    expect(profitFactor([30, -10, -5])).toBe(2);
    expect(profitFactor([30, 5]), 'no losing trade').toBeNull();
    expect(averageTrade([30, -10])).toBe(10);
    expect(averageTrade([])).toBeNull();
  });

  it('exposure', () => {
    expect(exposure(25, 100)).toBe(0.25);
  });

  it('periodsPerYear follows an exchange calendar unless told otherwise', () => {
    expect(periodsPerYear('1d')).toBe(252);
    expect(periodsPerYear('1h')).toBe(1638);
    expect(periodsPerYear('5m')).toBe(19656);
    expect(periodsPerYear('1w')).toBe(52);
    expect(periodsPerYear('1mo')).toBe(12);
    expect(() => periodsPerYear('daily')).toThrow(/set barsPerYear/);
  });
});
