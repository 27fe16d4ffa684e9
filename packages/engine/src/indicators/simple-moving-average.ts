import { ExactRollingSum } from './exact-rolling-sum.js';

/**
 * Simple moving average of `values` over `period` bars, `NaN` until `period` values exist. Causal: the value at
 * `i` depends only on `values[0..i]`. Computed as the correctly rounded window sum divided by `period`, matching
 * backtrader's `SMA` exactly.
 *
 * @example
 * simpleMovingAverage(Float64Array.of(1, 2, 3, 4), 2); // [NaN, 1.5, 2.5, 3.5]
 */
export function simpleMovingAverage(values: Float64Array, period: number): Float64Array {
  const out = new Float64Array(values.length).fill(Number.NaN);
  const sum = new ExactRollingSum();
  for (let i = 0; i < values.length; i++) {
    sum.add(values[i] as number);
    if (i >= period) sum.add(-(values[i - period] as number));
    if (i >= period - 1) out[i] = sum.value() / period;
  }
  return out;
}
