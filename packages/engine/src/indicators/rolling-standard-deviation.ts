import { ExactRollingSum } from './exact-rolling-sum.js';

/**
 * Population standard deviation (divide by `period`) of the last `period` values, `NaN` during warm-up. Uses
 * backtrader's `StdDev` formula, √(mean(x²) − mean(x)²), over exact window sums; the radicand is floored at 0
 * because rounding can push a flat window a hair below zero.
 *
 * @example
 * rollingStandardDeviation(Float64Array.of(1, 3), 2); // [NaN, 1]
 */
export function rollingStandardDeviation(values: Float64Array, period: number): Float64Array {
  const out = new Float64Array(values.length).fill(Number.NaN);
  const sum = new ExactRollingSum();
  const sumOfSquares = new ExactRollingSum();
  for (let i = 0; i < values.length; i++) {
    const x = values[i] as number;
    sum.add(x);
    sumOfSquares.add(x * x);
    if (i >= period) {
      const old = values[i - period] as number;
      sum.add(-old);
      sumOfSquares.add(-(old * old));
    }
    if (i >= period - 1) {
      const mean = sum.value() / period;
      const variance = sumOfSquares.value() / period - mean * mean;
      out[i] = Math.sqrt(Math.max(variance, 0));
    }
  }
  return out;
}
